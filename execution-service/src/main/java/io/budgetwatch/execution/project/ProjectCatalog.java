package io.budgetwatch.execution.project;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.execution.kafka.ConsumerOffsets;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.TopicPartition;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Projects known from goals.projects (highest version wins), kept in the database with the topic
 * position and mirrored in memory for validating payments without a database round trip.
 */
@ApplicationScoped
public class ProjectCatalog {

    static final String GROUP = "execution-service.projects";
    private static final TypeReference<List<KnownProject.IndicatorRef>> INDICATORS = new TypeReference<>() {
    };

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    @Inject
    ConsumerOffsets offsets;

    @Inject
    Clock clock;

    @Inject
    ProjectSnapshotConsumer consumer;

    private final Map<String, KnownProject> projects = new ConcurrentHashMap<>();

    public Optional<KnownProject> find(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(projects.get(code));
    }

    public int size() {
        return projects.size();
    }

    /**
     * Completes once the catalog has read goals.projects up to the end it has now, so a project
     * published before this call is known afterwards. Fails when the broker cannot be asked.
     */
    public Uni<Void> catchUp() {
        return Uni.createFrom().completionStage(consumer::requestSync);
    }

    /** Fills the memory mirror from the database (at start-up, before consuming). */
    Uni<Void> loadFromDatabase() {
        return pool.query("SELECT * FROM project").execute().map(rows -> {
            rows.forEach(row -> remember(fromRow(row)));
            return null;
        });
    }

    /** Stores a polled batch of snapshots and the topic position in one transaction, then mirrors it. */
    Uni<Void> apply(List<ProjectSnapshot> snapshots, Map<TopicPartition, Long> nextOffsets) {
        List<KnownProject> known = new ArrayList<>(snapshots.size());
        List<String> eventIds = new ArrayList<>(snapshots.size());
        for (ProjectSnapshot s : snapshots) {
            known.add(toKnown(s));
            eventIds.add(s.eventId());
        }
        return pool.withTransaction(tx -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (int i = 0; i < known.size(); i++) {
                KnownProject p = known.get(i);
                String eventId = eventIds.get(i);
                chain = chain.chain(() -> tx.preparedQuery("""
                                INSERT INTO project (project_code, version, fiscal_year, agency_code, agency_name, name,
                                    budget_total, budget_fiscal, budget_other, indicators, snapshot_event_id, updated_at)
                                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12)
                                ON CONFLICT (project_code) DO UPDATE SET version = EXCLUDED.version,
                                    fiscal_year = EXCLUDED.fiscal_year, agency_code = EXCLUDED.agency_code,
                                    agency_name = EXCLUDED.agency_name, name = EXCLUDED.name,
                                    budget_total = EXCLUDED.budget_total, budget_fiscal = EXCLUDED.budget_fiscal,
                                    budget_other = EXCLUDED.budget_other, indicators = EXCLUDED.indicators,
                                    snapshot_event_id = EXCLUDED.snapshot_event_id, updated_at = EXCLUDED.updated_at
                                WHERE project.version < EXCLUDED.version""")
                        .execute(Tuple.tuple()
                                .addValue(p.code()).addValue(p.version()).addValue(p.fiscalYear())
                                .addValue(p.agencyCode()).addValue(p.agencyName()).addValue(p.name())
                                .addValue(p.budgetTotal()).addValue(p.budgetFiscal()).addValue(p.budgetOther())
                                .addValue(toJson(p.indicators())).addValue(eventId)
                                .addValue(OffsetDateTime.now(clock)))
                        .replaceWithVoid());
            }
            return chain.chain(() -> offsets.store(tx, GROUP, nextOffsets));
        }).invoke(() -> known.forEach(this::remember));
    }

    Uni<Map<TopicPartition, Long>> storedOffsets(Collection<TopicPartition> partitions) {
        return offsets.load(GROUP, partitions);
    }

    private void remember(KnownProject p) {
        projects.merge(p.code(), p, (old, incoming) -> incoming.version() >= old.version() ? incoming : old);
    }

    static KnownProject toKnown(ProjectSnapshot s) {
        ProjectSnapshot.Budget budget = s.budget();
        BigDecimal total = budget == null || budget.total() == null ? BigDecimal.ZERO : budget.total();
        BigDecimal fiscal = budget == null || budget.fiscal() == null ? BigDecimal.ZERO : budget.fiscal();
        BigDecimal other = budget == null || budget.other() == null ? BigDecimal.ZERO : budget.other();
        List<KnownProject.IndicatorRef> indicators = s.indicators() == null ? List.of() : s.indicators().stream()
                .map(i -> new KnownProject.IndicatorRef(i.seq(), i.level1(), i.level2(), i.level3(), i.targetRaw(),
                        i.target() == null ? null : i.target().kind(),
                        i.target() == null ? null : i.target().unit()))
                .toList();
        return new KnownProject(s.projectCode(), s.version(), s.fiscalYear(), s.agencyCode(), s.agencyName(),
                s.name(), total, fiscal, other, indicators);
    }

    private KnownProject fromRow(Row row) {
        List<KnownProject.IndicatorRef> indicators;
        try {
            Object json = row.getValue("indicators");
            indicators = mapper.readValue(json.toString(), INDICATORS);
        } catch (JsonProcessingException e) {
            indicators = List.of();
        }
        return new KnownProject(row.getString("project_code"), row.getInteger("version"),
                row.getInteger("fiscal_year"), row.getString("agency_code"), row.getString("agency_name"),
                row.getString("name"), row.getBigDecimal("budget_total"), row.getBigDecimal("budget_fiscal"),
                row.getBigDecimal("budget_other"), indicators);
    }

    private String toJson(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
