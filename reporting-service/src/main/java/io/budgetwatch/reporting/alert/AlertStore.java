package io.budgetwatch.reporting.alert;

import io.budgetwatch.common.problem.Lang;
import io.budgetwatch.events.AlertEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alert tables (alert, alert_delivery, checkpoint_evaluation): the one place their SQL is written. Reads go
 * through the pool; writes that commit with others (an alert, its outbox event and its deliveries) take the
 * caller's transaction.
 */
@ApplicationScoped
public class AlertStore {

    @Inject
    Pool pool;

    /** What the alert list is filtered by; null means any. */
    public record Filter(String agencyCode, Integer fiscalYear, String severity, String projectCode,
                         Boolean acknowledged) {
    }

    /** What an acknowledgement found. */
    public enum Acknowledgement { ACKNOWLEDGED, ALREADY_ACKNOWLEDGED, UNKNOWN_ALERT }

    /** A webhook delivery claimed for an attempt: the alert as its event and the attempts so far (this one included). */
    public record ClaimedDelivery(String alertId, String webhook, int attempts, AlertEvent event) {
    }

    // ------------------------------------------------------------------------------------------ the API's reads

    /** Alerts newest first, at most 1000. */
    public Uni<List<AlertView>> list(Filter filter, Lang lang) {
        return pool.preparedQuery("""
                        SELECT * FROM alert
                        WHERE ($1::text IS NULL OR agency_code = $1) AND ($2::int IS NULL OR fiscal_year = $2)
                          AND ($3::text IS NULL OR severity = $3) AND ($4::text IS NULL OR project_code = $4)
                          AND ($5::bool IS NULL OR (acknowledged_at IS NOT NULL) = $5)
                        ORDER BY raised_at DESC, id LIMIT 1000""")
                .execute(Tuple.from(Arrays.asList(filter.agencyCode(), filter.fiscalYear(), filter.severity(),
                        filter.projectCode(), filter.acknowledged())))
                .map(rows -> {
                    List<AlertView> list = new ArrayList<>();
                    rows.forEach(row -> list.add(view(row, lang, null)));
                    return list;
                });
    }

    /** One alert with its webhook deliveries; null when there is no such alert. */
    public Uni<AlertView> find(String id, Lang lang) {
        return pool.preparedQuery("SELECT * FROM alert WHERE id = $1").execute(Tuple.of(id))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    Row alert = rows.iterator().next();
                    return pool.preparedQuery("SELECT * FROM alert_delivery WHERE alert_id = $1 ORDER BY webhook")
                            .execute(Tuple.of(id))
                            .map(deliveries -> {
                                List<AlertView.Delivery> list = new ArrayList<>();
                                for (Row d : deliveries) {
                                    list.add(new AlertView.Delivery(d.getString("webhook"), d.getString("status"),
                                            d.getInteger("attempts"), instant(d, "next_attempt_at"),
                                            d.getInteger("last_status"), d.getString("last_error"),
                                            instant(d, "delivered_at")));
                                }
                                return view(alert, lang, list);
                            });
                });
    }

    /** Acknowledges the alert unless it was before (确认 is once only). */
    public Uni<Acknowledgement> acknowledge(String id, Instant at, String by, String comment) {
        return pool.preparedQuery("""
                        UPDATE alert SET acknowledged_at = $2, acknowledged_by = $3, ack_comment = $4
                        WHERE id = $1 AND acknowledged_at IS NULL RETURNING id""")
                .execute(Tuple.of(id, OffsetDateTime.ofInstant(at, ZoneOffset.UTC), by, comment))
                .flatMap(updated -> updated.size() > 0 ? Uni.createFrom().item(Acknowledgement.ACKNOWLEDGED)
                        : pool.preparedQuery("SELECT 1 FROM alert WHERE id = $1").execute(Tuple.of(id))
                        .map(exists -> exists.size() == 0 ? Acknowledgement.UNKNOWN_ALERT
                                : Acknowledgement.ALREADY_ACKNOWLEDGED));
    }

    // ------------------------------------------------------------------------------------------ evaluation

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

    // ------------------------------------------------------------------------------------------ webhook deliveries

    /**
     * Claims up to {@code limit} pending deliveries due at {@code now}: counts the attempt and leases the row until
     * {@code leaseUntil}, skipping rows another replica holds.
     */
    public Uni<List<ClaimedDelivery>> claimDue(OffsetDateTime now, OffsetDateTime leaseUntil, int limit) {
        return pool.withTransaction(conn -> conn.preparedQuery("""
                        UPDATE alert_delivery d SET next_attempt_at = $2, attempts = d.attempts + 1
                        FROM alert a
                        WHERE a.id = d.alert_id AND (d.alert_id, d.webhook) IN (
                            SELECT alert_id, webhook FROM alert_delivery
                            WHERE status = 'PENDING' AND next_attempt_at <= $1
                            ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
                        RETURNING d.alert_id, d.webhook, d.attempts, a.*""")
                        .execute(Tuple.of(now, leaseUntil, limit)))
                .map(rows -> {
                    List<ClaimedDelivery> claimed = new ArrayList<>();
                    for (Row row : rows) {
                        claimed.add(new ClaimedDelivery(row.getString("alert_id"), row.getString("webhook"),
                                row.getInteger("attempts"), event(row)));
                    }
                    return claimed;
                });
    }

    /** The outcome of an attempt; {@code nextAttempt} null keeps the lease's time. */
    public Uni<Void> recordAttempt(String alertId, String webhook, String status, Integer httpStatus, String error,
                                   OffsetDateTime nextAttempt, OffsetDateTime now) {
        return pool.preparedQuery("""
                        UPDATE alert_delivery SET status = $3, last_status = $4, last_error = $5,
                            next_attempt_at = COALESCE($6, next_attempt_at),
                            delivered_at = CASE WHEN $3 = 'DELIVERED' THEN $7 ELSE delivered_at END
                        WHERE alert_id = $1 AND webhook = $2""")
                .execute(Tuple.from(Arrays.asList(alertId, webhook, status, httpStatus, error, nextAttempt, now)))
                .replaceWithVoid();
    }

    // ------------------------------------------------------------------------------------------ rows

    private static AlertView view(Row row, Lang lang, List<AlertView.Delivery> deliveries) {
        AlertView.Acknowledgement ack = row.getValue("acknowledged_at") == null ? null
                : new AlertView.Acknowledgement(instant(row, "acknowledged_at"), row.getString("acknowledged_by"),
                row.getString("ack_comment"));
        return new AlertView(row.getString("id"), row.getString("project_code"), row.getString("project_name"),
                row.getString("agency_code"), row.getInteger("fiscal_year"), row.getString("rule"),
                row.getString("severity"), row.getLocalDate("checkpoint"), row.getLocalDate("as_of"),
                figures(row).getMap(), lang.pick(row.getString("message_zh"), row.getString("message_en")),
                row.getString("message_zh"), row.getString("message_en"), instant(row, "raised_at"), ack, deliveries);
    }

    private static AlertEvent event(Row row) {
        Map<String, String> map = new HashMap<>();
        figures(row).forEach(e -> map.put(e.getKey(), e.getValue() == null ? null : String.valueOf(e.getValue())));
        return new AlertEvent(AlertEvent.SCHEMA_VERSION, row.getString("id"), row.getString("id"),
                row.getString("project_code"), row.getString("agency_code"), row.getInteger("fiscal_year"),
                row.getString("project_name"), row.getString("rule"), row.getString("severity"),
                row.getLocalDate("checkpoint"), row.getLocalDate("as_of"), map, row.getString("message_zh"),
                row.getString("message_en"), row.getOffsetDateTime("raised_at").toInstant());
    }

    private static JsonObject figures(Row row) {
        Object figures = row.getValue("figures");
        return figures instanceof JsonObject o ? o : new JsonObject(String.valueOf(figures));
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime t = row.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    private static Map<LocalDate, List<String>> byCheckpoint(RowSet<Row> rows) {
        Map<LocalDate, List<String>> due = new LinkedHashMap<>();
        for (Row row : rows) {
            due.computeIfAbsent(row.getLocalDate("checkpoint"), k -> new ArrayList<>()).add(row.getString("code"));
        }
        return due;
    }
}
