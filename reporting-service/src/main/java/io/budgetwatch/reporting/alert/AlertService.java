package io.budgetwatch.reporting.alert;

import io.budgetwatch.common.audit.AuditEntry;
import io.budgetwatch.common.audit.AuditTrail;
import io.budgetwatch.common.outbox.Outbox;
import io.budgetwatch.common.metrics.CommittedCounter;
import io.budgetwatch.common.security.Caller;
import io.budgetwatch.events.AlertEvent;
import io.budgetwatch.events.Topics;
import io.budgetwatch.reporting.evaluation.ProjectFactsRepository;
import io.budgetwatch.reporting.live.LiveNotices;
import io.budgetwatch.reporting.progress.ProgressSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.annotation.PostConstruct;
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

    /** Only for the transactions; the statements are the store's. */
    @Inject
    Pool pool;

    @Inject
    AlertStore store;

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

    @Inject
    AuditTrail audit;

    @Inject
    MeterRegistry registry;

    /** Counter of the alerts stored (raised for the first time), tags {@code rule} and {@code severity}. */
    static final String RAISED = "budgetwatch.alerts.raised";

    private CommittedCounter raised;

    @PostConstruct
    void meters() {
        raised = new CommittedCounter(registry, RAISED,
                "Deviation alerts raised (stored for the first time; a re-evaluation raises none)", "rule", "severity");
    }

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
        return store.unevaluatedCheckpointsBefore(today).flatMap(due -> evaluateCheckpoints(due, today));
    }

    /**
     * Back-fill for operators: every checkpoint on or before {@code asOf} of every project (already
     * evaluated ones again; stored alerts are not raised twice), plus the immediate rules at {@code asOf}.
     */
    public Uni<Summary> evaluateAsOf(LocalDate asOf) {
        return store.checkpointsUpTo(asOf)
                .flatMap(due -> evaluateCheckpoints(due, asOf))
                .flatMap(summary -> store.projectsOfYearsUpTo(asOf.getYear())
                        .flatMap(codes -> evaluateImmediate(codes, asOf))
                        .map(raised -> new Summary(asOf, summary.checkpointsEvaluated(), summary.projectsEvaluated(),
                                summary.alertsRaised() + raised)));
    }

    /**
     * {@link #evaluateAsOf(LocalDate)} asked for by {@code caller}, recorded in the audit trail with its outcome.
     * The run is many transactions (a chunk of projects each, every one idempotent), so there is none to join:
     * the record is written when the run has finished, in a transaction of its own.
     */
    public Uni<Summary> evaluateAsOf(LocalDate asOf, Caller caller) {
        return evaluateAsOf(asOf).call(summary -> pool.withTransaction(tx -> audit.record(tx, caller,
                AuditEntry.done("alert.evaluate", asOf.toString(), null, "预警规则重新评估至 " + asOf + "：checkpoints "
                        + summary.checkpointsEvaluated() + ", projects " + summary.projectsEvaluated()
                        + ", alerts raised " + summary.alertsRaised()))));
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
                                    : pool.withTransaction(tx -> raise(tx, alerts));
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
            return pool.withTransaction(tx -> raise(tx, alerts)
                    .flatMap(raised -> store.markEvaluated(tx, checkpoint, perProject, now()).map(done -> raised)));
        });
    }

    /** Inserts the alerts not stored yet; for each new one, the outbox event and webhook deliveries. */
    Uni<Integer> raise(SqlClient tx, List<Alert> alerts) {
        if (alerts.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Map<String, Alert> byId = new LinkedHashMap<>();
        alerts.forEach(a -> byId.putIfAbsent(a.id(), a));
        OffsetDateTime raisedAt = now();
        return store.insertNew(tx, new ArrayList<>(byId.values()), raisedAt)
                .flatMap(ids -> {
                    List<Alert> created = new ArrayList<>();
                    for (String id : ids) {
                        created.add(byId.get(id));
                    }
                    if (created.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    countOnCommit(tx, created);
                    return announce(tx, created, raisedAt.toInstant())
                            .invoke(done -> LOG.infof("Raised %d alert(s)%s: %s", created.size(),
                                    created.size() > 5 ? ", first 5" : "",
                                    created.stream().limit(5).map(Alert::id).toList()))
                            .map(done -> created.size());
                });
    }

    /** Counts the newly stored alerts by rule and severity once their transaction has committed. */
    private void countOnCommit(SqlClient tx, List<Alert> created) {
        raised.countOnCommit(tx, created, a -> List.of(a.rule().name(), a.severity().name()));
    }

    /** The outbox events, webhook deliveries and live notices of newly stored alerts: one statement each. */
    private Uni<Void> announce(SqlClient tx, List<Alert> created, Instant raisedAt) {
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
        OffsetDateTime due = now();
        return outbox.enqueueAll(tx, events).chain(() -> store.insertDeliveries(tx, deliveryAlerts, deliveryHooks, due))
                .chain(() -> LiveNotices.send(tx, LiveNotices.Kind.ALERT, created.stream()
                        .map(a -> new LiveNotices.Change(a.agencyCode(), a.fiscalYear(), a.projectCode())).toList()));
    }

    public static AlertEvent toEvent(Alert a, Instant raisedAt) {
        return new AlertEvent(AlertEvent.SCHEMA_VERSION, a.id(), a.id(), a.projectCode(), a.agencyCode(),
                a.fiscalYear(), a.projectName(), a.rule().name(), a.severity().name(), a.checkpoint(), a.asOf(),
                a.figures(), a.messageZh(), a.messageEn(), raisedAt);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static List<List<String>> chunks(List<String> codes) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < codes.size(); i += CHUNK) {
            chunks.add(codes.subList(i, Math.min(codes.size(), i + CHUNK)));
        }
        return chunks;
    }
}
