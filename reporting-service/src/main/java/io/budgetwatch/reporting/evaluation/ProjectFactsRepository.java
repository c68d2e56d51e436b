package io.budgetwatch.reporting.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetwatch.events.ProjectSnapshot;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads what the rules and the self-evaluation need for many projects at one date in three queries:
 * the projects, their executed amounts up to the date (monthly totals, then daily ones for the last
 * month), and the latest indicator actual reported by then.
 */
@ApplicationScoped
public class ProjectFactsRepository {

    /** Stands for "every entry, whatever its date" in date filters. */
    public static final LocalDate ALL_TIME = LocalDate.of(9999, 12, 31);

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    @Inject
    FactsSettings settings;

    /** Parsed snapshots by project code; an entry is used only while the stored version is the same. */
    private final Map<String, ProjectSnapshot> parsed = new ConcurrentHashMap<>();

    public Uni<List<ProjectFacts>> load(List<String> codes, LocalDate asOf) {
        String[] array = codes.toArray(new String[0]);
        Uni<List<ProjectSnapshot>> projects = snapshots(array);
        Uni<Map<String, BigDecimal>> executed = pool.preparedQuery("""
                        SELECT project_code, sum(amount) AS amount FROM (
                            SELECT project_code, amount FROM monthly_execution
                            WHERE project_code = ANY($1) AND month < $2
                            UNION ALL
                            SELECT project_code, amount FROM daily_execution
                            WHERE project_code = ANY($1) AND paid_on >= $2 AND paid_on <= $3) t
                        GROUP BY project_code""")
                .execute(Tuple.of(array, wholeMonthsBefore(asOf), asOf))
                .map(rows -> {
                    Map<String, BigDecimal> map = new HashMap<>();
                    rows.forEach(row -> map.put(row.getString("project_code"), row.getBigDecimal("amount")));
                    return map;
                });
        Uni<Map<String, Map<Integer, IndicatorActual>>> actuals = latestActuals(array, asOf);
        return Uni.combine().all().unis(projects, executed, actuals).asTuple().map(t -> {
            List<ProjectFacts> facts = new ArrayList<>(t.getItem1().size());
            for (ProjectSnapshot s : t.getItem1()) {
                facts.add(new ProjectFacts(s.projectCode(), s.version(), s.agencyCode(), s.fiscalYear(), s.name(),
                        s.budget().total(), plan(s), s.indicators() == null ? List.of() : s.indicators(),
                        t.getItem3().getOrDefault(s.projectCode(), Map.of()),
                        t.getItem2().getOrDefault(s.projectCode(), BigDecimal.ZERO)));
            }
            return facts;
        });
    }

    /**
     * The latest snapshots of those of {@code codes} the read model has, in the order of {@code codes}, parsed once
     * per stored version: a snapshot already parsed is neither transferred nor parsed again while its version is
     * the stored one.
     */
    public Uni<List<ProjectSnapshot>> snapshots(List<String> codes) {
        return snapshots(codes.toArray(new String[0]));
    }

    private Uni<List<ProjectSnapshot>> snapshots(String[] array) {
        // The versions held here go with the codes; a stored snapshot comes back only where the version differs.
        ProjectSnapshot[] known = new ProjectSnapshot[array.length];
        Integer[] knownVersions = new Integer[array.length];
        for (int i = 0; i < array.length; i++) {
            known[i] = parsed.get(array[i]);
            knownVersions[i] = known[i] == null ? null : known[i].version();
        }
        return pool.preparedQuery("""
                        SELECT k.n, p.version,
                            CASE WHEN p.version IS DISTINCT FROM k.version THEN p.snapshot END AS snapshot
                        FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS k(code, version, n)
                        JOIN project p ON p.code = k.code
                        ORDER BY k.n""")
                .execute(Tuple.of(array, knownVersions))
                .map(rows -> {
                    List<ProjectSnapshot> list = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        String text = row.getString("snapshot");
                        list.add(text == null ? known[(int) (row.getLong("n") - 1)] : remember(parse(text)));
                    }
                    return list;
                });
    }

    /** The latest snapshot of a project of the read model; null when there is no such project. */
    public Uni<ProjectSnapshot> snapshot(String code) {
        return pool.preparedQuery("SELECT snapshot FROM project WHERE code = $1").execute(Tuple.of(code))
                .map(rows -> rows.size() == 0 ? null : parse(rows.iterator().next().getString("snapshot")));
    }

    /** The fiscal year of a project of the read model; null when there is no such project. */
    public Uni<Integer> fiscalYearOf(String code) {
        return pool.preparedQuery("SELECT fiscal_year FROM project WHERE code = $1").execute(Tuple.of(code))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getInteger("fiscal_year"));
    }

    /**
     * Executed amounts up to {@code asOf} are the monthly totals of the months before this day and the daily
     * totals from it to {@code asOf}: the first day of the month after {@code asOf}'s when {@code asOf} ends its
     * month (then no daily rows are needed), else the first day of {@code asOf}'s month.
     */
    public static LocalDate wholeMonthsBefore(LocalDate asOf) {
        return asOf.plusDays(1).withDayOfMonth(1);
    }

    /** Latest actual per indicator reported on or before {@code asOf}. */
    public Uni<Map<String, Map<Integer, IndicatorActual>>> latestActuals(String[] codes, LocalDate asOf) {
        return pool.preparedQuery("""
                        SELECT DISTINCT ON (project_code, indicator_seq) project_code, indicator_seq, value, unit,
                            assessment, reported_on
                        FROM indicator_actual WHERE project_code = ANY($1) AND reported_on <= $2
                        ORDER BY project_code, indicator_seq, reported_on DESC, recorded_at DESC NULLS LAST""")
                .execute(Tuple.of(codes, asOf))
                .map(rows -> {
                    Map<String, Map<Integer, IndicatorActual>> map = new HashMap<>();
                    for (Row row : rows) {
                        String assessment = row.getString("assessment");
                        IndicatorActual actual = assessment != null
                                ? IndicatorActual.assessed(IndicatorActual.Assessment.valueOf(assessment),
                                row.getLocalDate("reported_on"))
                                : IndicatorActual.reported(row.getBigDecimal("value"), row.getString("unit"),
                                row.getLocalDate("reported_on"));
                        map.computeIfAbsent(row.getString("project_code"), k -> new HashMap<>())
                                .put(row.getInteger("indicator_seq"), actual);
                    }
                    return map;
                });
    }

    private ProjectSnapshot remember(ProjectSnapshot snapshot) {
        int capacity = settings.snapshotCacheSize();
        if (capacity > 0) {
            if (parsed.size() >= capacity) {
                parsed.clear(); // crude but bounded; the next evaluation fills it again
            }
            parsed.put(snapshot.projectCode(), snapshot);
        }
        return snapshot;
    }

    /** Forgets the parsed snapshots (the read model is being rebuilt). */
    public void forgetSnapshots() {
        parsed.clear();
    }

    public ProjectSnapshot parse(String snapshot) {
        try {
            return mapper.readValue(snapshot, ProjectSnapshot.class);
        } catch (Exception e) {
            throw new IllegalStateException("Stored project snapshot cannot be read", e);
        }
    }

    public static DisbursementPlan plan(ProjectSnapshot s) {
        List<DisbursementPlan.Checkpoint> checkpoints = new ArrayList<>();
        if (s.plan() != null) {
            s.plan().forEach(p -> checkpoints.add(new DisbursementPlan.Checkpoint(p.checkpoint(), p.cumulativePercent())));
        }
        return new DisbursementPlan(s.fiscalYear(), checkpoints);
    }
}
