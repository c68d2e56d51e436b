package io.budgetwatch.execution.ledger;

import io.budgetwatch.common.metrics.CommittedCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ledger writes in the caller's transaction, one statement per batch (arrays through unnest).
 * Every writer first takes the ledger lock: writes are serialized, so running totals, refund
 * balances and the seq order (= commit order, followed by the ledger relay) stay exact across
 * threads and replicas.
 */
@ApplicationScoped
public class LedgerStore {

    /** Advisory lock held by every ledger-writing transaction. */
    public static final long LEDGER_LOCK = 0x1ED6E4L;

    /** Counter of the ledger entries committed, tags {@code source} (kafka, http) and {@code kind}. */
    public static final String APPLIED = "budgetwatch.payments.applied";

    @Inject
    MeterRegistry registry;

    private CommittedCounter applied;

    @PostConstruct
    void meters() {
        applied = new CommittedCounter(registry, APPLIED,
                "Ledger entries committed (a correction makes two: the reversal and its own)", "source", "kind");
    }

    public Uni<Void> lock(SqlClient tx) {
        return tx.preparedQuery("SELECT pg_advisory_xact_lock($1)").execute(Tuple.of(LEDGER_LOCK)).replaceWithVoid();
    }

    /** Current totals of these projects (absent: no entry yet). */
    public Uni<Map<String, ProjectTotals>> totals(SqlClient tx, Collection<String> projectCodes) {
        if (projectCodes.isEmpty()) {
            return Uni.createFrom().item(new HashMap<>());
        }
        return tx.preparedQuery("SELECT project_code, executed_total, executed_fiscal, executed_other, entry_count "
                        + "FROM project_total WHERE project_code = ANY($1)")
                .execute(Tuple.of(projectCodes.toArray(new String[0])))
                .map(rows -> {
                    Map<String, ProjectTotals> found = new HashMap<>();
                    rows.forEach(r -> found.put(r.getString("project_code"), new ProjectTotals(
                            r.getString("project_code"), r.getBigDecimal("executed_total"),
                            r.getBigDecimal("executed_fiscal"), r.getBigDecimal("executed_other"),
                            r.getLong("entry_count"))));
                    return found;
                });
    }

    /**
     * Inserts the entries in list order and answers the seq of the first one when they got the
     * consecutive seqs first, first + 1, ... (always, as writers hold the ledger lock and nothing
     * else draws from the sequence), or null when that cannot be vouched for.
     */
    public Uni<Long> insert(SqlClient tx, List<LedgerEntry> entries, OffsetDateTime recordedAt) {
        if (entries.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        int n = entries.size();
        String[] entryId = new String[n];
        String[] paymentId = new String[n];
        String[] role = new String[n];
        String[] kind = new String[n];
        String[] original = new String[n];
        Integer[] fiscalYear = new Integer[n];
        String[] agency = new String[n];
        String[] project = new String[n];
        Long[] amount = new Long[n];
        String[] fund = new String[n];
        LocalDate[] paidOn = new LocalDate[n];
        String[] economic = new String[n];
        String[] functional = new String[n];
        String[] authority = new String[n];
        String[] payee = new String[n];
        String[] purpose = new String[n];
        Buffer[] hash = new Buffer[n];
        Boolean[] overspend = new Boolean[n];
        Long[] total = new Long[n];
        Long[] fiscal = new Long[n];
        Long[] other = new Long[n];
        String[] source = new String[n];
        Long[] voucherState = new Long[n];
        for (int i = 0; i < n; i++) {
            LedgerEntry e = entries.get(i);
            entryId[i] = e.entryId();
            paymentId[i] = e.paymentId();
            role[i] = e.role();
            kind[i] = e.kind();
            original[i] = e.originalPaymentId();
            fiscalYear[i] = e.fiscalYear();
            agency[i] = e.agencyCode();
            project[i] = e.projectCode();
            amount[i] = cents(e.amount());
            fund[i] = e.fundSource();
            paidOn[i] = e.paidOn();
            economic[i] = e.economicClass();
            functional[i] = e.functionalClass();
            authority[i] = e.authorityDocNo();
            payee[i] = e.payee();
            purpose[i] = e.purpose();
            hash[i] = e.contentHash() == null ? null : Buffer.buffer(e.contentHash());
            overspend[i] = e.overspend();
            total[i] = cents(e.projectTotal());
            fiscal[i] = cents(e.projectFiscal());
            other[i] = cents(e.projectOther());
            source[i] = e.source();
            voucherState[i] = e.voucherStateId();
        }
        Tuple t = Tuple.tuple();
        for (Object column : new Object[] {entryId, paymentId, role, kind, original, fiscalYear, agency, project, amount,
                fund, paidOn, economic, functional, authority, payee, purpose, hash, overspend, total, fiscal, other,
                source, voucherState}) {
            t.addValue(column);
        }
        t.addValue(recordedAt);
        // ORDER BY ord: seq defaults are drawn in list order; the uncorrelated sub-select (an InitPlan) draws one
        // write id for the whole statement
        return tx.preparedQuery("""
                        WITH inserted AS (
                            INSERT INTO ledger_entry (entry_id, payment_id, role, kind, original_payment_id, fiscal_year,
                                agency_code, project_code, amount, fund_source, paid_on, economic_class, functional_class,
                                authority_doc_no, payee, purpose, content_hash, overspend, project_total, project_fiscal,
                                project_other, source, voucher_state_id, recorded_at, write_id)
                            SELECT e, p, r, k, o, fy, ag, pc, a * 0.01, fs, po, ec, fc, ad, pe, pu, h, os, t * 0.01,
                                tf * 0.01, tot * 0.01, src, vs, $24, (SELECT nextval('ledger_write_seq'))
                            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
                                $6::int[], $7::text[], $8::text[], $9::bigint[], $10::text[], $11::date[], $12::text[],
                                $13::text[], $14::text[], $15::text[], $16::text[], $17::bytea[], $18::bool[],
                                $19::bigint[], $20::bigint[], $21::bigint[], $22::text[], $23::bigint[])
                                WITH ORDINALITY AS u(e, p, r, k, o, fy, ag, pc, a, fs, po, ec, fc, ad, pe, pu, h, os, t, tf,
                                tot, src, vs, ord)
                            ORDER BY ord
                            RETURNING seq, project_code
                        ), project_writes AS (
                            INSERT INTO ledger_project_write (project_code, to_seq, from_seq)
                            SELECT project_code, max(seq), min(seq) FROM inserted GROUP BY project_code)
                        SELECT min(seq), max(seq), count(*) FROM inserted""")
                .execute(t)
                .map(rows -> {
                    Row r = rows.iterator().next();
                    long first = r.getLong(0);
                    long last = r.getLong(1);
                    long count = r.getLong(2);
                    return count == n && last - first + 1 == n ? first : null;
                })
                .invoke(() -> countOnCommit(tx, entries));
    }

    /** Counts the entries (payments and vouchers alike) once their transaction has committed. */
    private void countOnCommit(SqlClient tx, List<LedgerEntry> entries) {
        applied.countOnCommit(tx, entries, e -> List.of(String.valueOf(e.source()).toLowerCase(Locale.ROOT),
                String.valueOf(e.kind()).toLowerCase(Locale.ROOT)));
    }

    /** Yuan with 2 decimals as whole fen (sent as bigint: binary, no decimal text on the hot path). */
    static long cents(BigDecimal yuan) {
        return yuan.movePointRight(2).longValueExact();
    }

    public Uni<Void> storeTotals(SqlClient tx, Collection<ProjectTotals> totals, OffsetDateTime now) {
        List<ProjectTotals> changed = totals.stream().filter(t -> t.changed).toList();
        if (changed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = changed.size();
        String[] code = new String[n];
        BigDecimal[] total = new BigDecimal[n];
        BigDecimal[] fiscal = new BigDecimal[n];
        BigDecimal[] other = new BigDecimal[n];
        Long[] count = new Long[n];
        for (int i = 0; i < n; i++) {
            ProjectTotals p = changed.get(i);
            code[i] = p.projectCode;
            total[i] = p.total;
            fiscal[i] = p.fiscal;
            other[i] = p.other;
            count[i] = p.count;
        }
        return tx.preparedQuery("""
                        INSERT INTO project_total (project_code, executed_total, executed_fiscal, executed_other,
                            entry_count, updated_at)
                        SELECT u.*, $6 FROM unnest($1::text[], $2::numeric[], $3::numeric[], $4::numeric[],
                            $5::bigint[]) AS u
                        ON CONFLICT (project_code) DO UPDATE SET executed_total = EXCLUDED.executed_total,
                            executed_fiscal = EXCLUDED.executed_fiscal, executed_other = EXCLUDED.executed_other,
                            entry_count = EXCLUDED.entry_count, updated_at = EXCLUDED.updated_at""")
                .execute(Tuple.tuple().addValue(code).addValue(total).addValue(fiscal).addValue(other)
                        .addValue(count).addValue(now))
                .replaceWithVoid();
    }

    /** The entry of a payment id in the ledger (role PRIMARY), as far as the ledger's rules need it. */
    public record PrimaryRow(String paymentId, String kind, String projectCode, String fundSource, BigDecimal amount,
                             int fiscalYear, String agencyCode, byte[] hash) {
    }

    /** What earlier refunds and corrections took from an original: their sum (negative) and the correction. */
    public record Adjustment(BigDecimal sum, String correctedBy) {
    }

    /** The primary entries of these payment ids. */
    public Uni<Map<String, PrimaryRow>> primaries(SqlClient tx, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return tx.preparedQuery("SELECT entry_id, kind, project_code, fund_source, amount, fiscal_year, agency_code, "
                        + "content_hash FROM ledger_entry WHERE entry_id = ANY($1)")
                .execute(Tuple.of(ids.toArray(new String[0])))
                .map(rows -> {
                    Map<String, PrimaryRow> found = new HashMap<>();
                    for (Row r : rows) {
                        found.put(r.getString("entry_id"), new PrimaryRow(r.getString("entry_id"),
                                r.getString("kind"), r.getString("project_code"), r.getString("fund_source"),
                                r.getBigDecimal("amount"), r.getInteger("fiscal_year"), r.getString("agency_code"),
                                r.getBuffer("content_hash").getBytes()));
                    }
                    return found;
                });
    }

    /** Refunds and corrections taken so far from these originals. */
    public Uni<Map<String, Adjustment>> adjustments(SqlClient tx, Collection<String> originalIds) {
        if (originalIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return tx.preparedQuery("""
                        SELECT original_payment_id, sum(amount) AS adjusted,
                               max(payment_id) FILTER (WHERE role = 'REVERSAL') AS corrected_by
                        FROM ledger_entry
                        WHERE original_payment_id = ANY($1) AND (kind = 'REFUND' OR role = 'REVERSAL')
                        GROUP BY original_payment_id""")
                .execute(Tuple.of(originalIds.toArray(new String[0])))
                .map(rows -> {
                    Map<String, Adjustment> found = new HashMap<>();
                    for (Row r : rows) {
                        found.put(r.getString("original_payment_id"),
                                new Adjustment(r.getBigDecimal("adjusted"), r.getString("corrected_by")));
                    }
                    return found;
                });
    }

}
