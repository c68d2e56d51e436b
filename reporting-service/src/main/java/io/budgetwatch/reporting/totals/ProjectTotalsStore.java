package io.budgetwatch.reporting.totals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetwatch.events.ProjectTotalsEvent;
import io.budgetwatch.events.Topics;
import io.budgetwatch.reporting.alert.AlertService;
import io.budgetwatch.reporting.conflict.EventConflictStore;
import io.budgetwatch.reporting.conflict.EventConflictStore.Conflict;
import io.budgetwatch.reporting.live.LiveNotices;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Applies execution.project-totals in batches (taken by {@link ProjectTotalsTopicConsumer}): one statement stores the new
 * slices, raises their projects' ledger positions and adds their amounts to the daily and monthly totals, so a
 * redelivered batch is counted once. New means the slice's first position is above the highest one applied for
 * its project (a project's slices arrive in position order, and a batch is applied whole or not at all). Any
 * other slice is compared with the one stored under its project and last position: other content there, or
 * none, is recorded in event_conflict and never applied. Then the immediate rules (overspend, cost caps) run for
 * the projects concerned. Offsets are committed after both succeed. The same statement announces the applied
 * slices' agencies and projects to the live stream ({@link LiveNotices}: delivered when it commits).
 */
@ApplicationScoped
public class ProjectTotalsStore {

    /**
     * Advisory lock between live batches and a read-model rebuild on any replica: a live batch holds it shared
     * for its transaction, a rebuild exclusively for the whole of its work ({@link #holdForRebuild}), so no replica
     * stores a live slice between the emptying of the tables and the end of the replay.
     */
    public static final long REBUILD_LOCK = 0x7E8B11DL;

    private volatile boolean waitingForRebuild;

    private static final Logger LOG = Logger.getLogger(ProjectTotalsStore.class);

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    @Inject
    AlertService alerts;

    @Inject
    EventConflictStore eventConflicts;

    /**
     * The end of the statement, after the CTEs {@code applied_slices (project_code, to_seq)}, the slices stored for
     * the first time, and {@code applied (project_code, paid_on, fund_source, agency_code, fiscal_year, amount,
     * entries)}, their amounts per day and fund: raises the positions and adds the amounts to the daily and monthly
     * totals. (The reporting benchmark's bulk load keeps its own copy of this text.)
     */
    private static final String APPLY_TO_POSITIONS_AND_TOTALS = """
            positions AS (
                INSERT INTO ledger_position (project_code, last_seq)
                SELECT project_code, max(to_seq) FROM applied_slices GROUP BY project_code
                ON CONFLICT (project_code) DO UPDATE SET last_seq = greatest(ledger_position.last_seq, excluded.last_seq)
            ), daily AS (
                INSERT INTO daily_execution (project_code, paid_on, fund_source, agency_code, fiscal_year,
                    amount, entries)
                SELECT project_code, paid_on, fund_source, agency_code, fiscal_year, sum(amount), sum(entries)
                FROM applied GROUP BY project_code, paid_on, fund_source, agency_code, fiscal_year
                ON CONFLICT (project_code, paid_on, fund_source) DO UPDATE
                    SET amount = daily_execution.amount + excluded.amount,
                        entries = daily_execution.entries + excluded.entries
            ), monthly AS (
                INSERT INTO monthly_execution (project_code, month, fund_source, agency_code, fiscal_year,
                    amount, entries)
                SELECT project_code, date_trunc('month', paid_on)::date, fund_source, agency_code, fiscal_year,
                    sum(amount), sum(entries)
                FROM applied GROUP BY 1, 2, 3, 4, 5
                ON CONFLICT (project_code, month, fund_source) DO UPDATE
                    SET amount = monthly_execution.amount + excluded.amount,
                        entries = monthly_execution.entries + excluded.entries
            )
            """;

    /**
     * Stores one batch taken by the live consumer: waits while a rebuild runs on any replica (the shared side of
     * {@link #REBUILD_LOCK}), then applies it as {@link #apply} does.
     */
    public Uni<Void> applyLive(List<String> payloads) {
        return apply(payloads, true);
    }

    /**
     * Takes {@link #REBUILD_LOCK} exclusively on a connection of its own and keeps it until the returned handle is
     * closed: live batches of every replica wait meanwhile. Blocking: a rebuild's worker thread.
     */
    public AutoCloseable holdForRebuild(Duration wait) {
        SqlConnection connection = pool.getConnection().await().atMost(wait);
        try {
            connection.preparedQuery("SELECT pg_advisory_lock($1)").execute(Tuple.of(REBUILD_LOCK))
                    .await().atMost(wait);
        } catch (RuntimeException e) {
            connection.closeAndAwait();
            throw e;
        }
        // closing the connection ends its session, which releases the lock (an unlock first keeps the pool clean)
        return () -> connection.preparedQuery("SELECT pg_advisory_unlock($1)").execute(Tuple.of(REBUILD_LOCK))
                .onTermination().call(connection::close)
                .await().atMost(wait);
    }

    /** Stores one batch of execution.project-totals payloads replayed by a rebuild (which holds the rebuild lock). */
    public Uni<Void> apply(List<String> payloads) {
        return apply(payloads, false);
    }

    private Uni<Void> apply(List<String> payloads, boolean live) {
        Map<String, ProjectTotalsEvent> byId = new HashMap<>();
        Map<String, Long> lastInBatch = new HashMap<>(); // project -> last position of its slices in this batch
        List<ProjectTotalsEvent> slices = new ArrayList<>();
        List<String> contents = new ArrayList<>();
        List<String> raw = new ArrayList<>();
        List<Conflict> conflicts = new ArrayList<>();
        for (String payload : payloads) {
            ProjectTotalsEvent e = decode(payload);
            if (e == null) {
                continue;
            }
            String content = content(e);
            ProjectTotalsEvent first = byId.putIfAbsent(e.eventId(), e);
            if (first != null) { // delivered twice in one batch: a no-op, or other content under the same id
                if (!content(first).equals(content)) {
                    conflicts.add(new Conflict(Topics.PROJECT_TOTALS, e.eventId(), content(first), payload));
                }
                continue;
            }
            Long last = lastInBatch.get(e.projectCode());
            if (last != null && e.fromSeq() <= last) { // behind a slice of this batch: never applied out of order
                conflicts.add(new Conflict(Topics.PROJECT_TOTALS, e.eventId(),
                        "not applied: behind position " + last + " of this batch", payload));
                continue;
            }
            lastInBatch.put(e.projectCode(), e.toSeq());
            slices.add(e);
            contents.add(content);
            raw.add(payload);
        }
        if (slices.isEmpty()) {
            return eventConflicts.record(conflicts);
        }
        int n = slices.size();
        String[] ids = new String[n];
        String[] projects = new String[n];
        Long[] from = new Long[n];
        Long[] to = new Long[n];
        String[] content = contents.toArray(new String[0]);
        List<String> dayIds = new ArrayList<>();
        List<String> dayProjects = new ArrayList<>();
        List<String> dayAgencies = new ArrayList<>();
        List<Integer> dayYears = new ArrayList<>();
        List<LocalDate> dayDates = new ArrayList<>();
        List<String> dayFunds = new ArrayList<>();
        List<BigDecimal> dayAmounts = new ArrayList<>();
        List<Integer> dayEntries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ProjectTotalsEvent e = slices.get(i);
            ids[i] = e.eventId();
            projects[i] = e.projectCode();
            from[i] = e.fromSeq();
            to[i] = e.toSeq();
            for (ProjectTotalsEvent.DayAmount d : e.days()) {
                dayIds.add(e.eventId());
                dayProjects.add(e.projectCode());
                dayAgencies.add(e.agencyCode());
                dayYears.add(e.fiscalYear());
                dayDates.add(d.paidOn());
                dayFunds.add(d.fundSource());
                dayAmounts.add(d.amount());
                dayEntries.add(d.entries());
            }
        }
        Tuple params = Tuple.from(Arrays.asList(ids, projects, from, to, content,
                dayIds.toArray(new String[0]), dayProjects.toArray(new String[0]), dayAgencies.toArray(new String[0]),
                dayYears.toArray(new Integer[0]), dayDates.toArray(new LocalDate[0]), dayFunds.toArray(new String[0]),
                dayAmounts.toArray(new BigDecimal[0]), dayEntries.toArray(new Integer[0])));
        // The answer: how many slices were new. Fewer than sent means redeliveries: only then are they compared with
        // what is stored, in a second statement (this batch's new slices equal what was sent, so only others come back).
        int inBatch = conflicts.size(); // conflicts within the batch; stored ones are appended (again on a retry)
        return storeSlices(live, """
                        WITH slice AS (
                            SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::text[])
                                AS s(event_id, project_code, from_seq, to_seq, content)
                        ), applied_slices AS (
                            INSERT INTO applied_totals (project_code, to_seq, from_seq, event_id, content)
                            SELECT s.project_code, s.to_seq, s.from_seq, s.event_id, s.content
                            FROM slice s LEFT JOIN ledger_position p ON p.project_code = s.project_code
                            WHERE p.last_seq IS NULL OR s.from_seq > p.last_seq
                            RETURNING event_id, project_code, to_seq
                        ), applied AS (
                            SELECT d.project_code, d.paid_on, d.fund_source, d.agency_code, d.fiscal_year, d.amount,
                                d.entries
                            FROM unnest($6::text[], $7::text[], $8::text[], $9::int[], $10::date[], $11::text[],
                                $12::numeric[], $13::int[])
                                AS d(event_id, project_code, agency_code, fiscal_year, paid_on, fund_source, amount,
                                     entries)
                            WHERE d.event_id IN (SELECT event_id FROM applied_slices)
                        ), """ + APPLY_TO_POSITIONS_AND_TOTALS + """
                        , live AS (""" + LiveNotices.select(LiveNotices.Kind.PAYMENT, "applied") + """
                        )
                        SELECT (SELECT count(*) FROM applied_slices), (SELECT notices FROM live)""", params)
                .chain(rows -> rows.iterator().next().getLong(0) == n ? Uni.createFrom().voidItem()
                        : pool.preparedQuery("""
                                        SELECT s.event_id, a.content
                                        FROM unnest($1::text[], $2::text[], $3::bigint[], $4::text[])
                                            AS s(event_id, project_code, to_seq, content)
                                        LEFT JOIN applied_totals a
                                            ON a.project_code = s.project_code AND a.to_seq = s.to_seq
                                        WHERE a.content IS DISTINCT FROM s.content""")
                                .execute(Tuple.of(ids, projects, to, content))
                                .invoke(differing -> {
                                    conflicts.subList(inBatch, conflicts.size()).clear();
                                    List<String> idList = Arrays.asList(ids);
                                    for (Row row : differing) {
                                        String id = row.getString("event_id");
                                        String stored = row.getString("content");
                                        // None stored: the project was already past these positions when it came.
                                        conflicts.add(new Conflict(Topics.PROJECT_TOTALS, id, stored != null ? stored
                                                        : "not stored: its project was already past these positions",
                                                raw.get(idList.indexOf(id))));
                                    }
                                })
                                .replaceWithVoid())
                .chain(() -> eventConflicts.record(conflicts))
                // Overspend and cost caps are violations the moment the money is paid.
                .chain(() -> alerts.evaluateImmediate(new ArrayList<>(new LinkedHashSet<>(Arrays.asList(projects))),
                        null))
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("Storing project totals failed, retrying: %s", e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
    }

    /** The slices' statement: for a live batch in a transaction that first takes the rebuild lock shared. */
    private Uni<RowSet<Row>> storeSlices(boolean live, String sql, Tuple params) {
        if (!live) {
            return pool.preparedQuery(sql).execute(params);
        }
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT pg_try_advisory_xact_lock_shared($1)")
                .execute(Tuple.of(REBUILD_LOCK))
                .chain(rows -> {
                    if (rows.iterator().next().getBoolean(0)) {
                        return Uni.createFrom().voidItem();
                    }
                    waitingForRebuild = true;
                    LOG.info("A read-model rebuild runs on another replica: live totals wait for it to end");
                    return tx.preparedQuery("SELECT pg_advisory_xact_lock_shared($1)").execute(Tuple.of(REBUILD_LOCK))
                            .eventually(() -> waitingForRebuild = false).replaceWithVoid();
                })
                .chain(() -> tx.preparedQuery(sql).execute(params)));
    }

    /** Whether a live batch is waiting for a rebuild on another replica to end (not a stall: readiness stays UP). */
    public boolean waitingForRebuild() {
        return waitingForRebuild;
    }

    /** The business content of a slice in one canonical line: what a redelivery must match. */
    static String content(ProjectTotalsEvent e) {
        return e.projectCode() + " " + e.fiscalYear() + " " + e.agencyCode() + " positions " + e.fromSeq() + "-"
                + e.toSeq() + " entries " + e.entries() + " days " + e.days().stream()
                .map(d -> d.paidOn() + " " + d.fundSource() + " " + money(d.amount()) + " x" + d.entries())
                .collect(Collectors.joining(", "));
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    private ProjectTotalsEvent decode(String payload) {
        try {
            ProjectTotalsEvent e = mapper.readValue(payload, ProjectTotalsEvent.class);
            if (e.eventId() == null || e.projectCode() == null || e.agencyCode() == null || e.days() == null
                    || e.days().isEmpty() || e.fromSeq() <= 0 || e.toSeq() < e.fromSeq()
                    || e.days().stream().anyMatch(d -> d.paidOn() == null || d.fundSource() == null
                    || d.amount() == null || d.amount().scale() > 2)) {
                LOG.warnf("Ignoring incomplete project totals: %.300s", payload);
                return null;
            }
            return e;
        } catch (Exception ex) {
            LOG.warnf("Ignoring unreadable project totals (%s): %.300s", ex.getMessage(), payload);
            return null;
        }
    }
}
