package io.budgetwatch.reporting.project;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetwatch.reporting.conflict.EventConflictStore;
import io.budgetwatch.reporting.conflict.EventConflictStore.Conflict;
import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.events.Topics;
import io.budgetwatch.reporting.live.LiveNotices;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the latest snapshot of every project from the compacted goals.projects topic. A snapshot
 * with a version not above the stored one is ignored, so replays and duplicates change nothing.
 */
@ApplicationScoped
public class ProjectSnapshotConsumer {

    private static final Logger LOG = Logger.getLogger(ProjectSnapshotConsumer.class);

    @Inject
    EventConflictStore eventConflicts;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    @Inject
    io.budgetwatch.reporting.alert.AlertService alerts;

    @Incoming("projects")
    public Uni<Void> consume(List<String> payloads) {
        // Within a batch only the highest version of a project matters.
        Map<String, ProjectSnapshot> latest = new LinkedHashMap<>();
        Map<String, String> raw = new LinkedHashMap<>();
        for (String payload : payloads) {
            ProjectSnapshot snapshot = decode(payload);
            if (snapshot == null) {
                continue;
            }
            ProjectSnapshot known = latest.get(snapshot.projectCode());
            if (known == null || known.version() < snapshot.version()) {
                latest.put(snapshot.projectCode(), snapshot);
                raw.put(snapshot.projectCode(), payload);
            }
        }
        if (latest.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return recordConflicts(latest).chain(() -> store(latest, raw));
    }

    /**
     * A version already stored with other content is a conflict: recorded, and the stored one stays
     * (the upsert below only ever moves to a higher version).
     */
    private Uni<Void> recordConflicts(Map<String, ProjectSnapshot> latest) {
        return pool.preparedQuery("SELECT code, version, snapshot FROM project WHERE code = ANY($1)")
                .execute(Tuple.of(latest.keySet().toArray(new String[0])))
                .flatMap(rows -> {
                    List<Conflict> conflicts = new ArrayList<>();
                    for (io.vertx.mutiny.sqlclient.Row row : rows) {
                        ProjectSnapshot incoming = latest.get(row.getString("code"));
                        if (incoming.version() == row.getInteger("version")) {
                            String stored = row.getString("snapshot");
                            ProjectSnapshot storedSnapshot = decode(stored);
                            if (storedSnapshot != null && !storedSnapshot.equals(incoming)) {
                                conflicts.add(new Conflict(Topics.PROJECTS, incoming.eventId() == null
                                        ? incoming.projectCode() + ":v" + incoming.version() : incoming.eventId(),
                                        stored, encode(incoming)));
                            }
                        }
                    }
                    return eventConflicts.record(conflicts);
                });
    }

    private Uni<Void> store(Map<String, ProjectSnapshot> latest, Map<String, String> raw) {
        List<Tuple> rows = new ArrayList<>(latest.size());
        for (ProjectSnapshot s : latest.values()) {
            rows.add(Tuple.from(java.util.Arrays.asList(s.projectCode(), s.version(), s.fiscalYear(), s.agencyCode(),
                    s.agencyName() == null ? "" : s.agencyName(), s.name(), s.budget().total(), s.budget().fiscal(),
                    s.budget().other(), new io.vertx.core.json.JsonArray(planOf(s)), raw.get(s.projectCode()))));
        }
        List<LiveNotices.Change> changes = latest.values().stream()
                .map(s -> new LiveNotices.Change(s.agencyCode(), s.fiscalYear(), s.projectCode())).toList();
        return pool.withTransaction(tx -> tx.preparedQuery("""
                        INSERT INTO project (code, version, fiscal_year, agency_code, agency_name, name,
                            budget_total, budget_fiscal, budget_other, plan, snapshot, updated_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now())
                        ON CONFLICT (code) DO UPDATE SET version = excluded.version,
                            fiscal_year = excluded.fiscal_year, agency_code = excluded.agency_code,
                            agency_name = excluded.agency_name, name = excluded.name,
                            budget_total = excluded.budget_total, budget_fiscal = excluded.budget_fiscal,
                            budget_other = excluded.budget_other, plan = excluded.plan,
                            snapshot = excluded.snapshot, updated_at = now()
                        WHERE project.version < excluded.version""")
                .executeBatch(rows)
                .chain(() -> LiveNotices.send(tx, LiveNotices.Kind.PROJECT, changes)))
                // A changed budget can make a project overspent; and payments may have arrived before the project.
                .chain(() -> alerts.evaluateImmediate(new ArrayList<>(latest.keySet()), null))
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("Storing project snapshots failed, retrying: %s", e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
    }

    private static List<Object> planOf(ProjectSnapshot s) {
        List<Object> plan = new ArrayList<>();
        if (s.plan() != null) {
            for (ProjectSnapshot.PlanPoint p : s.plan()) {
                plan.add(new io.vertx.core.json.JsonObject().put("checkpoint", p.checkpoint().toString())
                        .put("cumulativePercent", p.cumulativePercent().toPlainString()));
            }
        }
        return plan;
    }

    private String encode(ProjectSnapshot snapshot) {
        try {
            return mapper.writeValueAsString(snapshot);
        } catch (Exception e) {
            return String.valueOf(snapshot);
        }
    }

    private ProjectSnapshot decode(String payload) {
        try {
            ProjectSnapshot snapshot = mapper.readValue(payload, ProjectSnapshot.class);
            if (snapshot.projectCode() == null || snapshot.budget() == null || snapshot.name() == null) {
                LOG.warnf("Ignoring incomplete project snapshot: %.200s", payload);
                return null;
            }
            return snapshot;
        } catch (Exception e) {
            LOG.warnf("Ignoring unreadable project snapshot (%s): %.200s", e.getMessage(), payload);
            return null;
        }
    }
}
