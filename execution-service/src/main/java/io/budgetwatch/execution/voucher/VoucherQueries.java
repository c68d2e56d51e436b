package io.budgetwatch.execution.voucher;

import io.budgetwatch.common.problem.Lang;
import io.budgetwatch.events.Topics;
import io.budgetwatch.execution.contract.VoucherRecord;
import io.budgetwatch.execution.ledger.EntryView;
import io.budgetwatch.execution.ledger.LedgerEntry;
import io.budgetwatch.execution.ledger.LedgerQueries;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read side of vouchers: one voucher with every state received and the ledger entries each made. */
@ApplicationScoped
public class VoucherQueries {

    @Inject
    Pool pool;

    @Inject
    LedgerQueries ledger;

    public Uni<Optional<VoucherViews.VoucherView>> find(String payCertId, Lang lang) {
        Uni<List<Row>> states = rows(pool.preparedQuery("""
                        SELECT s.*, s.id = v.current_state_id AS is_current, v.current_state_id
                        FROM voucher_state s LEFT JOIN voucher v ON v.pay_cert_id = s.pay_cert_id
                        WHERE s.pay_cert_id = $1 ORDER BY s.update_time, s.id""")
                .execute(Tuple.of(payCertId)));
        Uni<List<Row>> rejections = rows(pool.preparedQuery("""
                        SELECT * FROM dlq_record WHERE payment_id = $1 AND source_topic = $2
                        ORDER BY id DESC LIMIT 20""")
                .execute(Tuple.of(payCertId, Topics.TREASURY_PAY_VOUCHERS)));
        return Uni.combine().all().unis(states, rejections).asTuple().chain(t -> {
            List<Row> stateRows = t.getItem1();
            if (stateRows.isEmpty() || stateRows.get(0).getLong("current_state_id") == null) {
                return Uni.createFrom().item(Optional.empty());
            }
            List<String> entryIds = new ArrayList<>();
            for (Row s : stateRows) {
                if ("APPLIED".equals(s.getString("status"))) {
                    String id = payCertId + "#" + VoucherBatch.ENTRY_TIME.format(s.getLocalDateTime("update_time"));
                    entryIds.add(id);
                    entryIds.add(id + LedgerEntry.REVERSAL_SUFFIX);
                }
            }
            return ledger.entryRows(entryIds.toArray(new String[0]))
                    .map(entries -> Optional.of(view(payCertId, stateRows, entries, t.getItem2(), lang)));
        });
    }

    private static VoucherViews.VoucherView view(String payCertId, List<Row> stateRows, List<Row> entryRows,
                                                 List<Row> rejectionRows, Lang lang) {
        Map<Long, List<EntryView>> byState = new LinkedHashMap<>();
        for (Row e : entryRows) {
            byState.computeIfAbsent(e.getLong("voucher_state_id"), k -> new ArrayList<>()).add(LedgerQueries.view(e));
        }
        List<VoucherViews.StateView> states = new ArrayList<>();
        Row current = null;
        for (Row s : stateRows) {
            boolean isCurrent = Boolean.TRUE.equals(s.getBoolean("is_current"));
            if (isCurrent) {
                current = s;
            }
            states.add(new VoucherViews.StateView(s.getLong("id"),
                    VoucherRecord.time(s.getLocalDateTime("update_time")), s.getString("status"), isCurrent,
                    isCurrent && counts(s), s.getBoolean("paid"), s.getBoolean("deleted"), s.getString("fund_source"),
                    s.getString("source"), s.getString("source_topic"), s.getInteger("source_partition"),
                    s.getLong("source_offset"), s.getOffsetDateTime("received_at").toInstant(),
                    s.getValue("record").toString(), byState.getOrDefault(s.getLong("id"), List.of())));
        }
        List<VoucherViews.RejectionView> rejections = rejectionRows.stream().map(r -> new VoucherViews.RejectionView(
                r.getString("reason"), r.getString("field"), lang.pick(r.getString("message_zh"),
                r.getString("message_en")), r.getString("source_topic"), r.getInteger("source_partition"),
                r.getLong("source_offset"), r.getOffsetDateTime("created_at").toInstant())).toList();
        String status = counts(current) ? "PAID" : current.getBoolean("deleted") ? "CANCELLED" : "PENDING";
        VoucherViews.Counted counted = counts(current) ? new VoucherViews.Counted(current.getString("project_code"),
                current.getString("fund_source"), current.getLocalDate("paid_on"), current.getBigDecimal("amount"))
                : null;
        return new VoucherViews.VoucherView(payCertId, current.getString("pay_cert_no"), status,
                current.getString("agency_code"), current.getString("project_code"), current.getLong("id"),
                VoucherRecord.time(current.getLocalDateTime("update_time")), counted, states, rejections);
    }

    private static boolean counts(Row s) {
        return s.getBoolean("paid") && !s.getBoolean("deleted");
    }

    private static Uni<List<Row>> rows(Uni<io.vertx.mutiny.sqlclient.RowSet<Row>> query) {
        return query.map(set -> {
            List<Row> list = new ArrayList<>(set.size());
            set.forEach(list::add);
            return list;
        });
    }
}
