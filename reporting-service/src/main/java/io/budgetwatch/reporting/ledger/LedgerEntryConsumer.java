package io.budgetwatch.reporting.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetwatch.events.LedgerEntryEvent;
import io.budgetwatch.events.Topics;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies accepted ledger entries from execution.ledger in batches (taken by {@link LedgerTopicConsumer}):
 * one statement inserts the new entries and adds only those to the daily and monthly totals, so a redelivered
 * batch is counted once. New means above the highest ledger position ({@code seq}) applied for the project;
 * a redelivered entry is compared with the row stored at its position, and other content there (or none) is
 * recorded in event_conflict, never applied. Then the immediate rules (overspend, cost caps) run for the
 * projects concerned. Offsets are committed after both succeed. Writers of one project are serialised by
 * the unique position index: a concurrent insert of the same entries fails, and its retry finds them stored.
 */
@ApplicationScoped
public class LedgerEntryConsumer {

    private static final Logger LOG = Logger.getLogger(LedgerEntryConsumer.class);

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    @Inject
    io.budgetwatch.reporting.alert.AlertService alerts;

    private LedgerEventReader reader;

    @jakarta.annotation.PostConstruct
    void init() {
        reader = new LedgerEventReader(mapper);
    }

    /**
     * The end of the ledger statement: adds the rows of the CTE {@code inserted} (only entries stored
     * for the first time) to the daily and monthly totals. A constant, so the reporting benchmark's bulk
     * load compiles the very same text into its statement.
     */
    public static final String ADD_INSERTED_TO_TOTALS = """
            daily AS (
                INSERT INTO daily_execution (project_code, paid_on, fund_source, agency_code, fiscal_year,
                    amount, entries)
                SELECT project_code, paid_on, fund_source, agency_code, fiscal_year, sum(amount), count(*)
                FROM inserted GROUP BY project_code, paid_on, fund_source, agency_code, fiscal_year
                ON CONFLICT (project_code, paid_on, fund_source) DO UPDATE
                    SET amount = daily_execution.amount + excluded.amount,
                        entries = daily_execution.entries + excluded.entries
            ), monthly AS (
                INSERT INTO monthly_execution (project_code, month, fund_source, agency_code, fiscal_year,
                    amount, entries)
                SELECT project_code, date_trunc('month', paid_on)::date, fund_source, agency_code, fiscal_year,
                    sum(amount), count(*)
                FROM inserted GROUP BY 1, 2, 3, 4, 5
                ON CONFLICT (project_code, month, fund_source) DO UPDATE
                    SET amount = monthly_execution.amount + excluded.amount,
                        entries = monthly_execution.entries + excluded.entries
            )
            """;

    /**
     * The part of the ledger statement between {@code inserted} and the totals: raises each project's applied
     * position to the highest entry it just stored. Shared with the reporting benchmark's bulk load.
     */
    public static final String RAISE_POSITIONS = """
            positions AS (
                INSERT INTO ledger_position (project_code, last_seq)
                SELECT project_code, max(seq) FROM inserted GROUP BY project_code
                ON CONFLICT (project_code) DO UPDATE SET last_seq = greatest(ledger_position.last_seq, excluded.last_seq)
            ),
            """;

    /** Stores one batch of execution.ledger payloads (from {@link LedgerTopicConsumer} or a rebuild). */
    public Uni<Void> consume(List<String> payloads) {
        int n = payloads.size();
        List<Long> seqs = new ArrayList<>(n);
        List<String> entryIds = new ArrayList<>(n);
        List<String> paymentIds = new ArrayList<>(n);
        List<String> kinds = new ArrayList<>(n);
        List<String> originals = new ArrayList<>(n);
        List<Integer> years = new ArrayList<>(n);
        List<String> agencies = new ArrayList<>(n);
        List<String> projects = new ArrayList<>(n);
        List<BigDecimal> amounts = new ArrayList<>(n);
        List<String> funds = new ArrayList<>(n);
        List<LocalDate> dates = new ArrayList<>(n);
        List<Boolean> overspends = new ArrayList<>(n);
        List<OffsetDateTime> recorded = new ArrayList<>(n);
        List<String> raw = new ArrayList<>(n);
        Map<Long, LedgerEntryEvent> atPosition = new HashMap<>();
        Map<String, Long> positionOfId = new HashMap<>();
        List<Tuple> batchConflicts = new ArrayList<>();
        for (String payload : payloads) {
            LedgerEntryEvent e = decode(payload);
            if (e == null) {
                continue;
            }
            LedgerEntryEvent first = atPosition.putIfAbsent(e.seq(), e);
            if (first != null) { // delivered twice in one batch: a no-op, or another entry at the same position
                if (!sameEntry(first, e)) {
                    batchConflicts.add(Tuple.of(Topics.LEDGER, e.entryId(), describe(first), payload));
                }
                continue;
            }
            Long otherPosition = positionOfId.putIfAbsent(e.entryId(), e.seq());
            if (otherPosition != null) { // one entry id at two positions: never counted twice
                batchConflicts.add(Tuple.of(Topics.LEDGER, e.entryId(), "seq " + otherPosition, payload));
                continue;
            }
            raw.add(payload);
            seqs.add(e.seq());
            entryIds.add(e.entryId());
            paymentIds.add(e.paymentId());
            kinds.add(e.kind());
            originals.add(e.originalPaymentId());
            years.add(e.fiscalYear());
            agencies.add(e.agencyCode());
            projects.add(e.projectCode());
            amounts.add(e.amount());
            funds.add(e.fundSource());
            dates.add(e.paidOn());
            overspends.add(e.overspend());
            recorded.add(e.recordedAt() == null ? null : e.recordedAt().atOffset(ZoneOffset.UTC));
        }
        if (entryIds.isEmpty()) {
            return batchConflicts.isEmpty() ? Uni.createFrom().voidItem() : recordConflicts(batchConflicts);
        }
        Long[] seqArray = seqs.toArray(new Long[0]);
        String[] idArray = entryIds.toArray(new String[0]);
        String[] kindArray = kinds.toArray(new String[0]);
        String[] projectArray = projects.toArray(new String[0]);
        BigDecimal[] amountArray = amounts.toArray(new BigDecimal[0]);
        String[] fundArray = funds.toArray(new String[0]);
        LocalDate[] dateArray = dates.toArray(new LocalDate[0]);
        Tuple params = Tuple.from(java.util.Arrays.asList(seqArray, idArray, paymentIds.toArray(new String[0]),
                kindArray, originals.toArray(new String[0]), years.toArray(new Integer[0]),
                agencies.toArray(new String[0]), projectArray, amountArray, fundArray, dateArray,
                overspends.toArray(new Boolean[0]), recorded.toArray(new OffsetDateTime[0])));
        // An entry is new when its position is above the highest one applied for its project (a project's entries
        // arrive in position order, and a batch is applied whole or not at all). The answer: how many were new.
        // Fewer than sent means redeliveries: only then are they compared with the rows stored at their positions,
        // in a second statement (this batch's new rows equal what was sent, so only other content comes back).
        int sent = entryIds.size();
        int inBatch = batchConflicts.size(); // conflicts within the batch; stored ones are appended (again on a retry)
        return pool.preparedQuery("""
                        WITH incoming AS (
                            SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[],
                                $6::int[], $7::text[], $8::text[], $9::numeric[], $10::text[], $11::date[],
                                $12::bool[], $13::timestamptz[])
                                AS t(seq, entry_id, payment_id, kind, original_payment_id, fiscal_year, agency_code,
                                     project_code, amount, fund_source, paid_on, overspend, recorded_at)
                        ), inserted AS (
                            INSERT INTO ledger_entry (seq, entry_id, payment_id, kind, original_payment_id,
                                fiscal_year, agency_code, project_code, amount, fund_source, paid_on, overspend,
                                recorded_at)
                            SELECT i.seq, i.entry_id, i.payment_id, i.kind, i.original_payment_id, i.fiscal_year,
                                i.agency_code, i.project_code, i.amount, i.fund_source, i.paid_on, i.overspend,
                                i.recorded_at
                            FROM incoming i LEFT JOIN ledger_position p ON p.project_code = i.project_code
                            WHERE p.last_seq IS NULL OR i.seq > p.last_seq
                            RETURNING seq, project_code, paid_on, fund_source, agency_code, fiscal_year, amount
                        ), """ + RAISE_POSITIONS + ADD_INSERTED_TO_TOTALS + """
                        SELECT count(*) FROM inserted""")
                .execute(params)
                .chain(rows -> rows.iterator().next().getLong(0) == sent ? Uni.createFrom().voidItem()
                        : pool.preparedQuery("""
                                        SELECT i.entry_id, l.seq IS NULL AS missing, concat_ws(' ', l.entry_id, l.kind,
                                            l.project_code, l.amount, l.fund_source, l.paid_on) AS stored
                                        FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::numeric[],
                                            $6::text[], $7::date[])
                                            AS i(seq, entry_id, kind, project_code, amount, fund_source, paid_on)
                                        LEFT JOIN ledger_entry l ON l.seq = i.seq
                                        WHERE (l.entry_id, l.kind, l.project_code, l.amount, l.fund_source, l.paid_on)
                                            IS DISTINCT FROM
                                            (i.entry_id, i.kind, i.project_code, i.amount, i.fund_source, i.paid_on)""")
                                .execute(Tuple.from(java.util.Arrays.asList(seqArray, idArray, kindArray, projectArray,
                                        amountArray, fundArray, dateArray)))
                                .invoke(conflicts -> {
                                    batchConflicts.subList(inBatch, batchConflicts.size()).clear();
                                    for (Row row : conflicts) {
                                        String id = row.getString("entry_id");
                                        // Missing: its project had already passed this position when it came.
                                        String stored = row.getBoolean("missing")
                                                ? "not stored: its project was already past this position"
                                                : row.getString("stored");
                                        batchConflicts.add(Tuple.of(Topics.LEDGER, id, stored,
                                                raw.get(entryIds.indexOf(id))));
                                    }
                                })
                                .replaceWithVoid())
                .chain(() -> batchConflicts.isEmpty() ? Uni.createFrom().voidItem() : recordConflicts(batchConflicts))
                // Overspend and cost caps are violations the moment the money is paid.
                .chain(() -> alerts.evaluateImmediate(new ArrayList<>(new java.util.LinkedHashSet<>(projects)), null))
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("Storing ledger entries failed, retrying: %s", e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
    }

    private Uni<Void> recordConflicts(List<Tuple> conflicts) {
        return pool.preparedQuery("INSERT INTO event_conflict (topic, event_id, stored, incoming) VALUES ($1, $2, $3, $4)")
                .executeBatch(conflicts).replaceWithVoid();
    }

    private static String describe(LedgerEntryEvent e) {
        return String.join(" ", e.entryId(), e.kind(), e.projectCode(), e.amount().toPlainString(), e.fundSource(),
                e.paidOn().toString());
    }

    /** Same business content: what counts for the numbers. */
    static boolean sameEntry(LedgerEntryEvent a, LedgerEntryEvent b) {
        return a.entryId().equals(b.entryId()) && a.kind().equals(b.kind()) && a.projectCode().equals(b.projectCode())
                && a.amount().compareTo(b.amount()) == 0 && a.fundSource().equals(b.fundSource())
                && a.paidOn().equals(b.paidOn());
    }

    private LedgerEntryEvent decode(String payload) {
        try {
            LedgerEntryEvent e = reader.read(payload);
            // No seq: written by an execution-service from before ledger positions; it cannot be deduplicated.
            if (e.seq() == null || e.entryId() == null || e.kind() == null || e.projectCode() == null
                    || e.amount() == null || e.paidOn() == null || e.fundSource() == null || e.agencyCode() == null) {
                LOG.warnf("Ignoring incomplete ledger entry: %.200s", payload);
                return null;
            }
            return e;
        } catch (Exception ex) {
            LOG.warnf("Ignoring unreadable ledger entry (%s): %.200s", ex.getMessage(), payload);
            return null;
        }
    }
}
