package io.budgetwatch.execution.voucher;

import io.budgetwatch.execution.contract.VoucherRecord;
import io.budgetwatch.execution.payment.IncomingRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Voucher states and pointers, in the caller's transaction (the ledger's, under its lock). */
@ApplicationScoped
public class VoucherStore {

    /** What the batch needs of its vouchers: their current states and every state received. */
    record Loaded(Map<String, VoucherStates.Current> current, Map<String, List<VoucherStates.Received>> received) {
    }

    Uni<Loaded> load(SqlClient tx, Collection<String> payCertIds) {
        if (payCertIds.isEmpty()) {
            return Uni.createFrom().item(new Loaded(Map.of(), Map.of()));
        }
        String[] ids = payCertIds.toArray(new String[0]);
        Uni<Map<String, VoucherStates.Current>> current = tx.preparedQuery("""
                        SELECT v.pay_cert_id, s.update_time, s.content_hash, s.paid, s.deleted, s.project_code,
                               s.agency_code, s.fiscal_year, s.fund_source, s.paid_on, s.amount
                        FROM voucher v JOIN voucher_state s ON s.id = v.current_state_id
                        WHERE v.pay_cert_id = ANY($1)""")
                .execute(Tuple.of(ids))
                .map(rows -> {
                    Map<String, VoucherStates.Current> found = new HashMap<>();
                    for (Row r : rows) {
                        boolean counts = r.getBoolean("paid") && !r.getBoolean("deleted");
                        found.put(r.getString("pay_cert_id"), new VoucherStates.Current(
                                r.getLocalDateTime("update_time"), r.getBuffer("content_hash").getBytes(),
                                counts ? new VoucherStates.Counted(r.getString("project_code"),
                                        r.getString("agency_code"), r.getInteger("fiscal_year"),
                                        r.getString("fund_source"), r.getLocalDate("paid_on"),
                                        r.getBigDecimal("amount")) : null));
                    }
                    return found;
                });
        Uni<Map<String, List<VoucherStates.Received>>> received = tx.preparedQuery(
                        "SELECT pay_cert_id, update_time, content_hash FROM voucher_state WHERE pay_cert_id = ANY($1)")
                .execute(Tuple.of(ids))
                .map(rows -> {
                    Map<String, List<VoucherStates.Received>> found = new HashMap<>();
                    for (Row r : rows) {
                        found.computeIfAbsent(r.getString("pay_cert_id"), k -> new ArrayList<>())
                                .add(new VoucherStates.Received(r.getLocalDateTime("update_time"),
                                        r.getBuffer("content_hash").getBytes()));
                    }
                    return found;
                });
        return Uni.combine().all().unis(current, received).asTuple()
                .map(t -> new Loaded(t.getItem1(), t.getItem2()));
    }

    /** {@code n} fresh state ids (a batch takes what it needs; gaps are harmless). */
    Uni<List<Long>> stateIds(SqlClient tx, int n) {
        if (n == 0) {
            return Uni.createFrom().item(List.of());
        }
        return tx.preparedQuery("SELECT nextval('voucher_state_id_seq') FROM generate_series(1, $1)")
                .execute(Tuple.of(n))
                .map(rows -> {
                    List<Long> ids = new ArrayList<>(n);
                    rows.forEach(r -> ids.add(r.getLong(0)));
                    return ids;
                });
    }

    Uni<Void> insertStates(SqlClient tx, List<VoucherBatch.StateRow> states, OffsetDateTime now) {
        if (states.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>(states.size());
        for (VoucherBatch.StateRow s : states) {
            VoucherRecord r = s.candidate().record();
            IncomingRecord in = s.candidate().incoming;
            rows.add(Tuple.tuple().addValue(s.id()).addValue(r.payCertId()).addValue(r.payCertNo())
                    .addValue(r.updateTime()).addValue(Buffer.buffer(s.candidate().parsed.hash()))
                    .addValue(s.status()).addValue(r.paid()).addValue(r.deleted()).addValue(r.fiscalYear())
                    .addValue(r.agencyCode()).addValue(r.projectCode()).addValue(r.fundSource())
                    .addValue(r.paid() ? r.xpayAmt() : null).addValue(r.paidOn())
                    .addValue(new JsonObject(r.elements())).addValue(in.source().name()).addValue(in.topic())
                    .addValue(in.partition()).addValue(in.offset()).addValue(now));
        }
        return tx.preparedQuery("""
                        INSERT INTO voucher_state (id, pay_cert_id, pay_cert_no, update_time, content_hash, status, paid,
                            deleted, fiscal_year, agency_code, project_code, fund_source, amount, paid_on, record, source,
                            source_topic, source_partition, source_offset, received_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
                        ON CONFLICT (pay_cert_id, update_time, content_hash) DO NOTHING""")
                .executeBatch(rows).replaceWithVoid();
    }

    Uni<Void> movePointers(SqlClient tx, Collection<VoucherBatch.Pointer> pointers, OffsetDateTime now) {
        if (pointers.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>(pointers.size());
        for (VoucherBatch.Pointer p : pointers) {
            rows.add(Tuple.of(p.payCertId(), p.stateId(), p.agencyCode(), p.projectCode(), now));
        }
        return tx.preparedQuery("""
                        INSERT INTO voucher (pay_cert_id, current_state_id, agency_code, project_code, updated_at)
                        VALUES ($1, $2, $3, $4, $5)
                        ON CONFLICT (pay_cert_id) DO UPDATE SET current_state_id = EXCLUDED.current_state_id,
                            agency_code = EXCLUDED.agency_code, project_code = EXCLUDED.project_code,
                            updated_at = EXCLUDED.updated_at""")
                .executeBatch(rows).replaceWithVoid();
    }
}
