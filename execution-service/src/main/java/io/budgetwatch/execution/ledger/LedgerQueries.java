package io.budgetwatch.execution.ledger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Read side of the ledger ({@code ledger_entry}, {@code project_total}) for the APIs. */
@ApplicationScoped
public class LedgerQueries {

    @Inject
    Pool pool;

    /** Executed totals of a project (执行数) and its entry count. */
    public record Executed(BigDecimal total, BigDecimal fiscal, BigDecimal other, long entryCount) {
    }

    public Uni<Optional<Executed>> executed(String projectCode) {
        return pool.preparedQuery("SELECT * FROM project_total WHERE project_code = $1")
                .execute(Tuple.of(projectCode))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row r = rows.iterator().next();
                    return Optional.of(new Executed(r.getBigDecimal("executed_total"), r.getBigDecimal("executed_fiscal"),
                            r.getBigDecimal("executed_other"), r.getLong("entry_count")));
                });
    }

    /** At most {@code limit} entries of a project after position {@code afterSeq}, in ledger order. */
    public Uni<List<EntryView>> projectEntries(String projectCode, long afterSeq, int limit) {
        // The project's writes in order, each read by its seq range on the seq index (writes do not overlap, so
        // sorting by seq within a write gives the ledger order, and the limit stops the reading early). The limit in
        // the sub-select keeps the planner from flattening it into a scan of the whole ledger.
        return pool.preparedQuery("""
                        SELECT e.* FROM ledger_project_write w
                        CROSS JOIN LATERAL (
                            SELECT * FROM ledger_entry e
                            WHERE e.seq BETWEEN greatest(w.from_seq, $2 + 1) AND w.to_seq
                              AND e.project_code = w.project_code
                            ORDER BY e.seq LIMIT $3) e
                        WHERE w.project_code = $1 AND w.to_seq > $2
                        ORDER BY w.to_seq, e.seq
                        LIMIT $3""")
                .execute(Tuple.of(projectCode, afterSeq, limit))
                .map(LedgerQueries::entries);
    }

    /** The entries written under these entry ids, in ledger order (as rows: the payment view reads them whole). */
    public Uni<List<Row>> entryRows(String... entryIds) {
        return pool.preparedQuery("SELECT * FROM ledger_entry WHERE entry_id = ANY($1) ORDER BY seq")
                .execute(Tuple.of(entryIds)).map(LedgerQueries::rows);
    }

    /** The refunds and corrections of a payment (their primary entries), in ledger order. */
    public Uni<List<Row>> adjustmentRows(String originalPaymentId) {
        return pool.preparedQuery(
                        "SELECT * FROM ledger_entry WHERE original_payment_id = $1 AND role = 'PRIMARY' ORDER BY seq")
                .execute(Tuple.of(originalPaymentId)).map(LedgerQueries::rows);
    }

    /** A row of {@code ledger_entry} as shown. */
    public static EntryView view(Row r) {
        return EntryView.of(r);
    }

    private static List<EntryView> entries(RowSet<Row> set) {
        List<EntryView> list = new ArrayList<>(set.size());
        set.forEach(r -> list.add(EntryView.of(r)));
        return list;
    }

    private static List<Row> rows(RowSet<Row> set) {
        List<Row> list = new ArrayList<>(set.size());
        set.forEach(list::add);
        return list;
    }
}
