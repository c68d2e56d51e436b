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
 * one statement inserts the new entries (an entry id already stored is skipped) and adds only those to the
 * daily and monthly totals, so a redelivered batch is counted once; an entry id already stored with other
 * content is recorded in event_conflict and not applied. Then the immediate rules (overspend, cost caps) run
 * for the projects concerned. Offsets are committed after both succeed.
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

    /** Stores one batch of execution.ledger payloads (from {@link LedgerTopicConsumer} or a rebuild). */
    public Uni<Void> consume(List<String> payloads) {
        int n = payloads.size();
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
        Map<String, LedgerEntryEvent> seen = new HashMap<>();
        List<Tuple> batchConflicts = new ArrayList<>();
        for (String payload : payloads) {
            LedgerEntryEvent e = decode(payload);
            if (e == null) {
                continue;
            }
            LedgerEntryEvent first = seen.putIfAbsent(e.entryId(), e);
            if (first != null) {
                if (!sameEntry(first, e)) {
                    batchConflicts.add(Tuple.of(Topics.LEDGER, e.entryId(), null, payload));
                }
                continue;
            }
            raw.add(payload);
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
            return Uni.createFrom().voidItem();
        }
        Tuple params = Tuple.from(java.util.Arrays.asList(entryIds.toArray(new String[0]), paymentIds.toArray(new String[0]),
                kinds.toArray(new String[0]), originals.toArray(new String[0]), years.toArray(new Integer[0]),
                agencies.toArray(new String[0]), projects.toArray(new String[0]), amounts.toArray(new BigDecimal[0]),
                funds.toArray(new String[0]), dates.toArray(new LocalDate[0]), overspends.toArray(new Boolean[0]),
                recorded.toArray(new OffsetDateTime[0])));
        // The answer: how many entries were new. Fewer than sent means some ids were stored before (a replay, or
        // another content under the same id): only then are they compared, in a second statement that sees this
        // batch's rows as well (equal to what was sent, so only earlier ones with other content come back).
        int sent = entryIds.size();
        int inBatch = batchConflicts.size(); // conflicts within the batch; stored ones are appended (again on a retry)
        return pool.preparedQuery("""
                        WITH incoming AS (
                            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[],
                                $6::text[], $7::text[], $8::numeric[], $9::text[], $10::date[], $11::bool[],
                                $12::timestamptz[])
                                AS t(entry_id, payment_id, kind, original_payment_id, fiscal_year, agency_code,
                                     project_code, amount, fund_source, paid_on, overspend, recorded_at)
                        ), inserted AS (
                            INSERT INTO ledger_entry (entry_id, payment_id, kind, original_payment_id, fiscal_year,
                                agency_code, project_code, amount, fund_source, paid_on, overspend, recorded_at)
                            SELECT entry_id, payment_id, kind, original_payment_id, fiscal_year, agency_code,
                                project_code, amount, fund_source, paid_on, overspend, recorded_at FROM incoming
                            ON CONFLICT (entry_id) DO NOTHING
                            RETURNING entry_id, project_code, paid_on, fund_source, agency_code, fiscal_year, amount
                        ), """ + ADD_INSERTED_TO_TOTALS + """
                        SELECT count(*) FROM inserted""")
                .execute(params)
                .chain(rows -> rows.iterator().next().getLong(0) == sent ? Uni.createFrom().voidItem()
                        : pool.preparedQuery("""
                                        SELECT i.entry_id, concat_ws(' ', l.kind, l.project_code, l.amount, l.fund_source,
                                            l.paid_on) AS stored
                                        FROM unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::text[],
                                            $6::date[]) AS i(entry_id, kind, project_code, amount, fund_source, paid_on)
                                        JOIN ledger_entry l ON l.entry_id = i.entry_id
                                        WHERE (l.kind, l.project_code, l.amount, l.fund_source, l.paid_on)
                                            IS DISTINCT FROM (i.kind, i.project_code, i.amount, i.fund_source, i.paid_on)""")
                                .execute(Tuple.from(java.util.Arrays.asList(params.getValue(0), params.getValue(2),
                                        params.getValue(6), params.getValue(7), params.getValue(8), params.getValue(9))))
                                .invoke(conflicts -> {
                                    batchConflicts.subList(inBatch, batchConflicts.size()).clear();
                                    for (Row row : conflicts) {
                                        String id = row.getString("entry_id");
                                        batchConflicts.add(Tuple.of(Topics.LEDGER, id, row.getString("stored"),
                                                raw.get(entryIds.indexOf(id))));
                                    }
                                })
                                .replaceWithVoid())
                .chain(() -> batchConflicts.isEmpty() ? Uni.createFrom().voidItem() : pool.preparedQuery(
                                "INSERT INTO event_conflict (topic, event_id, stored, incoming) VALUES ($1, $2, $3, $4)")
                        .executeBatch(batchConflicts).replaceWithVoid())
                // Overspend and cost caps are violations the moment the money is paid.
                .chain(() -> alerts.evaluateImmediate(new ArrayList<>(new java.util.LinkedHashSet<>(projects)), null))
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("Storing ledger entries failed, retrying: %s", e.toString()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
    }

    /** Same business content: what counts for the numbers. */
    static boolean sameEntry(LedgerEntryEvent a, LedgerEntryEvent b) {
        return a.kind().equals(b.kind()) && a.projectCode().equals(b.projectCode())
                && a.amount().compareTo(b.amount()) == 0 && a.fundSource().equals(b.fundSource())
                && a.paidOn().equals(b.paidOn());
    }

    private LedgerEntryEvent decode(String payload) {
        try {
            LedgerEntryEvent e = reader.read(payload);
            if (e.entryId() == null || e.kind() == null || e.projectCode() == null || e.amount() == null || e.paidOn() == null
                    || e.fundSource() == null || e.agencyCode() == null) {
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
