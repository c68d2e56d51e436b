package io.budgetwatch.reporting.alert;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bulk evaluation's SQL (reactive client): the checkpoints due, and a whole chunk of alerts inserted with their
 * deliveries and checkpoint marks in the caller's transaction (with the outbox events). The API's reads, the
 * acknowledgement and the webhook dispatcher go through Hibernate Reactive Panache instead ({@link StoredAlerts},
 * {@link WebhookDeliveries}); both write the same tables, never in one transaction.
 */
@ApplicationScoped
public class AlertStore {

    @Inject
    Pool pool;

    /** Checkpoints before {@code today} not evaluated yet: project codes by checkpoint, in date order. */
    public Uni<Map<LocalDate, List<String>>> unevaluatedCheckpointsBefore(LocalDate today) {
        return pool.preparedQuery("""
                        SELECT p.code, (cp->>'checkpoint')::date AS checkpoint
                        FROM project p CROSS JOIN LATERAL jsonb_array_elements(p.plan) cp
                        WHERE (cp->>'checkpoint')::date < $1
                          AND NOT EXISTS (SELECT 1 FROM checkpoint_evaluation ce
                                          WHERE ce.project_code = p.code
                                            AND ce.checkpoint = (cp->>'checkpoint')::date)
                        ORDER BY 2, 1""")
                .execute(Tuple.of(today))
                .map(AlertStore::byCheckpoint);
    }

    /** Every checkpoint on or before {@code asOf}, evaluated or not: project codes by checkpoint, in date order. */
    public Uni<Map<LocalDate, List<String>>> checkpointsUpTo(LocalDate asOf) {
        return pool.preparedQuery("""
                        SELECT p.code, (cp->>'checkpoint')::date AS checkpoint
                        FROM project p CROSS JOIN LATERAL jsonb_array_elements(p.plan) cp
                        WHERE (cp->>'checkpoint')::date <= $1 ORDER BY 2, 1""")
                .execute(Tuple.of(asOf))
                .map(AlertStore::byCheckpoint);
    }

    /** Codes of the projects of fiscal years up to {@code year}. */
    public Uni<List<String>> projectsOfYearsUpTo(int year) {
        return pool.preparedQuery("SELECT code FROM project WHERE fiscal_year <= $1")
                .execute(Tuple.of(year))
                .map(rows -> {
                    List<String> codes = new ArrayList<>();
                    rows.forEach(r -> codes.add(r.getString("code")));
                    return codes;
                });
    }

    /** Records that these projects' checkpoint was evaluated, with how many alerts each raised (first time only). */
    public Uni<Void> markEvaluated(SqlClient tx, LocalDate checkpoint, Map<String, Integer> alertsPerProject,
                                   OffsetDateTime at) {
        return tx.preparedQuery("""
                        INSERT INTO checkpoint_evaluation (project_code, checkpoint, evaluated_at, alerts)
                        SELECT code, $2, $3, n FROM unnest($1::text[], $4::int[]) AS t(code, n)
                        ON CONFLICT (project_code, checkpoint) DO NOTHING""")
                .execute(Tuple.of(alertsPerProject.keySet().toArray(new String[0]), checkpoint, at,
                        alertsPerProject.values().toArray(new Integer[0])))
                .replaceWithVoid();
    }

    /** Inserts the alerts (distinct ids) not stored yet, in one statement; returns the ids it inserted. */
    public Uni<List<String>> insertNew(SqlClient tx, List<Alert> alerts, OffsetDateTime raisedAt) {
        int n = alerts.size();
        String[] ids = new String[n], projects = new String[n], agencies = new String[n], names = new String[n],
                ruleNames = new String[n], severities = new String[n], figures = new String[n], zh = new String[n],
                en = new String[n];
        Integer[] years = new Integer[n];
        LocalDate[] checkpoints = new LocalDate[n], asOfs = new LocalDate[n];
        for (int i = 0; i < n; i++) {
            Alert a = alerts.get(i);
            ids[i] = a.id();
            projects[i] = a.projectCode();
            agencies[i] = a.agencyCode();
            years[i] = a.fiscalYear();
            names[i] = a.projectName();
            ruleNames[i] = a.rule().name();
            severities[i] = a.severity().name();
            checkpoints[i] = a.checkpoint();
            asOfs[i] = a.asOf();
            figures[i] = new JsonObject(new LinkedHashMap<>(a.figures())).encode();
            zh[i] = a.messageZh();
            en[i] = a.messageEn();
        }
        return tx.preparedQuery("""
                        INSERT INTO alert (id, project_code, agency_code, fiscal_year, project_name, rule, severity,
                            checkpoint, as_of, figures, message_zh, message_en, raised_at)
                        SELECT id, project_code, agency_code, fiscal_year, project_name, rule, severity, checkpoint,
                            as_of, figures::jsonb, message_zh, message_en, $13
                        FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[],
                            $8::date[], $9::date[], $10::text[], $11::text[], $12::text[])
                            AS t(id, project_code, agency_code, fiscal_year, project_name, rule, severity, checkpoint,
                                 as_of, figures, message_zh, message_en)
                        ON CONFLICT (id) DO NOTHING
                        RETURNING id""")
                .execute(Tuple.from(Arrays.asList(ids, projects, agencies, years, names, ruleNames,
                        severities, checkpoints, asOfs, figures, zh, en, raisedAt)))
                .map(rows -> {
                    List<String> inserted = new ArrayList<>();
                    rows.forEach(row -> inserted.add(row.getString("id")));
                    return inserted;
                });
    }

    /** One pending delivery per (alert, webhook) pair, due at {@code dueAt}; pairs already there are kept. */
    public Uni<Void> insertDeliveries(SqlClient tx, List<String> alertIds, List<String> webhooks,
                                      OffsetDateTime dueAt) {
        if (alertIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                        INSERT INTO alert_delivery (alert_id, webhook, status, next_attempt_at)
                        SELECT alert_id, hook, 'PENDING', $3
                        FROM unnest($1::text[], $2::text[]) AS t(alert_id, hook)
                        ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(alertIds.toArray(new String[0]), webhooks.toArray(new String[0]), dueAt))
                .replaceWithVoid();
    }

    private static Map<LocalDate, List<String>> byCheckpoint(RowSet<Row> rows) {
        Map<LocalDate, List<String>> due = new LinkedHashMap<>();
        for (Row row : rows) {
            due.computeIfAbsent(row.getLocalDate("checkpoint"), k -> new ArrayList<>()).add(row.getString("code"));
        }
        return due;
    }
}
