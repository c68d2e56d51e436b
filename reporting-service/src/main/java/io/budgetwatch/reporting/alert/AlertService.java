package io.budgetwatch.reporting.alert;

import io.budgetwatch.common.outbox.Outbox;
import io.budgetwatch.events.AlertEvent;
import io.budgetwatch.events.Topics;
import io.budgetwatch.reporting.facts.ProjectFactsRepository;
import io.budgetwatch.reporting.progress.ProgressSettings;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the deviation rules and stores what they raise. An alert row, its outbox event and its webhook
 * deliveries commit together, and only for an id not stored before, so any number of replicas and
 * re-runs raise each alert once.
 */
@ApplicationScoped
public class AlertService {

    private static final Logger LOG = Logger.getLogger(AlertService.class);
    private static final int CHUNK = 2000;

    @Inject
    Pool pool;

    @Inject
    ProjectFactsRepository facts;

    @Inject
    Outbox outbox;

    @Inject
    AlertSettings settings;

    @Inject
    ProgressSettings progressSettings;

    @Inject
    Clock clock;

    private AlertRules rules;

    AlertRules rules() {
        if (rules == null) {
            rules = new AlertRules(progressSettings, settings);
        }
        return rules;
    }

    /** Outcome of an evaluation run. */
    public record Summary(LocalDate asOf, int checkpointsEvaluated, int projectsEvaluated, int alertsRaised) {
    }

    /** Checkpoints that have passed by {@code today} and were not evaluated yet, grouped by date. */
    public Uni<Summary> evaluateDueCheckpoints(LocalDate today) {
        return pool.preparedQuery("""
                        SELECT p.code, (cp->>'checkpoint')::date AS checkpoint
                        FROM project p CROSS JOIN LATERAL jsonb_array_elements(p.plan) cp
                        WHERE (cp->>'checkpoint')::date < $1
                          AND NOT EXISTS (SELECT 1 FROM checkpoint_evaluation ce
                                          WHERE ce.project_code = p.code
                                            AND ce.checkpoint = (cp->>'checkpoint')::date)
                        ORDER BY 2, 1""")
                .execute(Tuple.of(today))
                .flatMap(rows -> evaluateCheckpoints(group(rows), today));
    }

    /**
     * Back-fill for operators: every checkpoint on or before {@code asOf} of every project (already
     * evaluated ones again; stored alerts are not raised twice), plus the immediate rules at {@code asOf}.
     */
    public Uni<Summary> evaluateAsOf(LocalDate asOf) {
        return pool.preparedQuery("""
                        SELECT p.code, (cp->>'checkpoint')::date AS checkpoint
                        FROM project p CROSS JOIN LATERAL jsonb_array_elements(p.plan) cp
                        WHERE (cp->>'checkpoint')::date <= $1 ORDER BY 2, 1""")
                .execute(Tuple.of(asOf))
                .flatMap(rows -> evaluateCheckpoints(group(rows), asOf))
                .flatMap(summary -> pool.preparedQuery("SELECT code FROM project WHERE fiscal_year <= $1")
                        .execute(Tuple.of(asOf.getYear()))
                        .flatMap(rows -> {
                            List<String> codes = new ArrayList<>();
                            rows.forEach(r -> codes.add(r.getString("code")));
                            return evaluateImmediate(codes, asOf);
                        })
                        .map(raised -> new Summary(asOf, summary.checkpointsEvaluated(), summary.projectsEvaluated(),
                                summary.alertsRaised() + raised)));
    }

    /** Overspend and cost caps for these projects, counting every entry stored so far. */
    public Uni<Integer> evaluateImmediate(List<String> codes, LocalDate asOf) {
        if (codes.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        LocalDate shownAsOf = asOf != null ? asOf : LocalDate.now(clock);
        LocalDate upTo = asOf != null ? asOf : ProjectFactsRepository.ALL_TIME;
        return Multi.createFrom().iterable(chunks(codes))
                .onItem().transformToUniAndConcatenate(chunk -> facts.load(chunk, upTo)
                        .flatMap(list -> {
                            List<Alert> alerts = new ArrayList<>();
                            list.forEach(f -> alerts.addAll(rules().immediate(f, shownAsOf)));
                            return alerts.isEmpty() ? Uni.createFrom().item(0)
                                    : pool.withTransaction(conn -> store(conn, alerts));
                        }))
                .collect().asList()
                .map(counts -> counts.stream().mapToInt(Integer::intValue).sum());
    }

    private Uni<Summary> evaluateCheckpoints(Map<LocalDate, List<String>> due, LocalDate asOf) {
        List<Map.Entry<LocalDate, List<String>>> work = new ArrayList<>();
        due.forEach((checkpoint, codes) -> chunks(codes).forEach(chunk -> work.add(Map.entry(checkpoint, chunk))));
        Set<String> projects = new HashSet<>();
        due.values().forEach(projects::addAll);
        int checkpoints = due.values().stream().mapToInt(List::size).sum();
        return Multi.createFrom().iterable(work)
                .onItem().transformToUniAndConcatenate(item -> evaluateChunk(item.getKey(), item.getValue()))
                .collect().asList()
                .map(counts -> new Summary(asOf, checkpoints, projects.size(),
                        counts.stream().mapToInt(Integer::intValue).sum()));
    }

    private Uni<Integer> evaluateChunk(LocalDate checkpoint, List<String> codes) {
        return facts.load(codes, checkpoint).flatMap(list -> {
            List<Alert> alerts = new ArrayList<>();
            list.forEach(f -> alerts.addAll(rules().atCheckpoint(f, checkpoint)));
            Map<String, Integer> perProject = new LinkedHashMap<>();
            codes.forEach(code -> perProject.put(code, 0));
            alerts.forEach(a -> perProject.merge(a.projectCode(), 1, Integer::sum));
            return pool.withTransaction(conn -> store(conn, alerts)
                    .flatMap(raised -> conn.preparedQuery("""
                                    INSERT INTO checkpoint_evaluation (project_code, checkpoint, evaluated_at, alerts)
                                    SELECT code, $2, $3, n FROM unnest($1::text[], $4::int[]) AS t(code, n)
                                    ON CONFLICT (project_code, checkpoint) DO NOTHING""")
                            .execute(Tuple.of(perProject.keySet().toArray(new String[0]), checkpoint, now(),
                                    perProject.values().toArray(new Integer[0])))
                            .map(done -> raised)));
        });
    }

    /** Inserts the alerts not stored yet; for each new one, the outbox event and webhook deliveries. */
    Uni<Integer> store(SqlConnection conn, List<Alert> alerts) {
        if (alerts.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Map<String, Alert> byId = new LinkedHashMap<>();
        alerts.forEach(a -> byId.putIfAbsent(a.id(), a));
        List<Alert> unique = new ArrayList<>(byId.values());
        OffsetDateTime raisedAt = now();
        int n = unique.size();
        String[] ids = new String[n], projects = new String[n], agencies = new String[n], names = new String[n],
                ruleNames = new String[n], severities = new String[n], figures = new String[n], zh = new String[n],
                en = new String[n];
        Integer[] years = new Integer[n];
        LocalDate[] checkpoints = new LocalDate[n], asOfs = new LocalDate[n];
        for (int i = 0; i < n; i++) {
            Alert a = unique.get(i);
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
        return conn.preparedQuery("""
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
                .execute(Tuple.from(java.util.Arrays.asList(ids, projects, agencies, years, names, ruleNames,
                        severities, checkpoints, asOfs, figures, zh, en, raisedAt)))
                .flatMap(rows -> {
                    List<Alert> created = new ArrayList<>();
                    for (Row row : rows) {
                        created.add(byId.get(row.getString("id")));
                    }
                    if (created.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return announce(conn, created, raisedAt.toInstant())
                            .invoke(done -> LOG.infof("Raised %d alert(s)%s: %s", created.size(),
                                    created.size() > 5 ? ", first 5" : "",
                                    created.stream().limit(5).map(Alert::id).toList()))
                            .map(done -> created.size());
                });
    }

    /** The outbox events and webhook deliveries of newly stored alerts: one statement each, in alert order. */
    private Uni<Void> announce(SqlConnection conn, List<Alert> created, Instant raisedAt) {
        List<Outbox.Pending> events = new ArrayList<>(created.size());
        List<String> deliveryAlerts = new ArrayList<>();
        List<String> deliveryHooks = new ArrayList<>();
        for (Alert a : created) {
            events.add(new Outbox.Pending(Topics.ALERTS, a.projectCode(), a.id(), toEvent(a, raisedAt)));
            settings.webhooks().forEach((name, hook) -> {
                boolean severeEnough = hook.minSeverity().map(min -> !"CRITICAL".equalsIgnoreCase(min)
                        || a.severity() == Alert.Severity.CRITICAL).orElse(true);
                if (severeEnough) {
                    deliveryAlerts.add(a.id());
                    deliveryHooks.add(name);
                }
            });
        }
        Uni<Void> deliveries = deliveryAlerts.isEmpty() ? Uni.createFrom().voidItem()
                : conn.preparedQuery("""
                                INSERT INTO alert_delivery (alert_id, webhook, status, next_attempt_at)
                                SELECT alert_id, hook, 'PENDING', $3
                                FROM unnest($1::text[], $2::text[]) AS t(alert_id, hook)
                                ON CONFLICT DO NOTHING""")
                        .execute(Tuple.of(deliveryAlerts.toArray(new String[0]), deliveryHooks.toArray(new String[0]),
                                now()))
                        .replaceWithVoid();
        return outbox.enqueueAll(conn, events).chain(() -> deliveries);
    }

    public static AlertEvent toEvent(Alert a, Instant raisedAt) {
        return new AlertEvent(AlertEvent.SCHEMA_VERSION, a.id(), a.id(), a.projectCode(), a.agencyCode(),
                a.fiscalYear(), a.projectName(), a.rule().name(), a.severity().name(), a.checkpoint(), a.asOf(),
                a.figures(), a.messageZh(), a.messageEn(), raisedAt);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static Map<LocalDate, List<String>> group(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        Map<LocalDate, List<String>> due = new LinkedHashMap<>();
        for (Row row : rows) {
            due.computeIfAbsent(row.getLocalDate("checkpoint"), k -> new ArrayList<>()).add(row.getString("code"));
        }
        return due;
    }

    private static List<List<String>> chunks(List<String> codes) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < codes.size(); i += CHUNK) {
            chunks.add(codes.subList(i, Math.min(codes.size(), i + CHUNK)));
        }
        return chunks;
    }
}
