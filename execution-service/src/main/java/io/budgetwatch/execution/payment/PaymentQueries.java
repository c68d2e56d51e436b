package io.budgetwatch.execution.payment;

import io.budgetwatch.common.problem.Lang;
import io.budgetwatch.events.PaymentEvent;
import io.budgetwatch.execution.ledger.LedgerEntry;
import io.budgetwatch.execution.ledger.LedgerQueries;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Read side of payments: one record with its entries and what points at it; conflicts. */
@ApplicationScoped
public class PaymentQueries {

    @Inject
    Pool pool;

    @Inject
    HeldPayments heldPayments;

    @Inject
    LedgerQueries ledger;

    public Uni<Optional<PaymentViews.PaymentView>> find(String paymentId, Lang lang) {
        Uni<List<Row>> own = ledger.entryRows(paymentId, paymentId + LedgerEntry.REVERSAL_SUFFIX);
        Uni<List<Row>> related = ledger.adjustmentRows(paymentId);
        Uni<Optional<HeldPayments.Held>> held = heldPayments.find(pool, paymentId);
        Uni<Long> conflicts = pool.preparedQuery("SELECT count(*) FROM payment_conflict WHERE payment_id = $1")
                .execute(Tuple.of(paymentId)).map(r -> r.iterator().next().getLong(0));
        Uni<List<Row>> rejections = rows(pool.preparedQuery(
                        "SELECT * FROM dlq_record WHERE payment_id = $1 AND source_topic IS DISTINCT FROM $2 "
                                + "ORDER BY id DESC LIMIT 20")
                .execute(Tuple.of(paymentId, io.budgetwatch.events.Topics.TREASURY_PAY_VOUCHERS)));
        return Uni.combine().all().unis(own, related, held, conflicts, rejections).asTuple().map(t -> {
            List<Row> entries = t.getItem1();
            List<PaymentViews.RejectionView> rejected = t.getItem5().stream().map(r -> new PaymentViews.RejectionView(
                    r.getString("reason"), r.getString("field"),
                    lang.pick(r.getString("message_zh"), r.getString("message_en")), r.getString("source_topic"),
                    r.getInteger("source_partition"), r.getLong("source_offset"),
                    r.getOffsetDateTime("created_at").toInstant())).toList();
            Row primary = entries.stream().filter(r -> LedgerEntry.PRIMARY.equals(r.getString("role"))).findFirst()
                    .orElse(null);
            if (primary != null) {
                return Optional.of(applied(primary, entries, t.getItem2(), t.getItem4(), rejected));
            }
            if (t.getItem3().isPresent()) {
                HeldRecord h = t.getItem3().get().record();
                PaymentEvent e = h.event();
                return Optional.of(new PaymentViews.PaymentView(e.paymentId(), "HELD", e.kind(), e.originalPaymentId(),
                        e.fiscalYear(), e.agencyCode(), e.projectCode(), e.amount(), e.fundSource(), e.paidOn(),
                        e.economicClass(), e.functionalClass(), e.authorityDocNo(), e.payee(), e.purpose(),
                        h.source().name(), t.getItem3().get().receivedAt().toInstant(), null, null,
                        null, e.originalPaymentId(), List.of(), List.of(), List.of(), t.getItem4(), rejected));
            }
            if (!rejected.isEmpty()) {
                return Optional.of(new PaymentViews.PaymentView(paymentId, "REJECTED", null, null, null, null, null,
                        null, null, null, null, null, null, null, null, null, null, null, null, null, null, List.of(),
                        List.of(), List.of(), t.getItem4(), rejected));
            }
            return Optional.empty();
        });
    }

    private PaymentViews.PaymentView applied(Row p, List<Row> own, List<Row> related, long conflicts,
                                             List<PaymentViews.RejectionView> rejected) {
        String kind = p.getString("kind");
        BigDecimal amount = p.getBigDecimal("amount").abs();
        List<PaymentViews.Related> refunds = new ArrayList<>();
        List<PaymentViews.Related> corrections = new ArrayList<>();
        BigDecimal remaining = "REFUND".equals(kind) ? null : amount;
        String correctedBy = null;
        for (Row r : related) {
            PaymentViews.Related rel = new PaymentViews.Related(r.getString("payment_id"), r.getString("kind"),
                    r.getString("project_code"), r.getBigDecimal("amount").abs(), r.getLocalDate("paid_on"),
                    r.getOffsetDateTime("recorded_at").toInstant());
            if ("REFUND".equals(r.getString("kind"))) {
                refunds.add(rel);
                if (remaining != null) {
                    remaining = remaining.subtract(rel.amount());
                }
            } else {
                corrections.add(rel);
                correctedBy = rel.paymentId();
                remaining = remaining == null ? null : BigDecimal.ZERO.setScale(2);
            }
        }
        return new PaymentViews.PaymentView(p.getString("payment_id"), "APPLIED", kind,
                p.getString("original_payment_id"), p.getInteger("fiscal_year"), p.getString("agency_code"),
                p.getString("project_code"), amount, p.getString("fund_source"), p.getLocalDate("paid_on"),
                p.getString("economic_class"), p.getString("functional_class"), p.getString("authority_doc_no"),
                p.getString("payee"), p.getString("purpose"), p.getString("source"),
                p.getOffsetDateTime("recorded_at").toInstant(), p.getBoolean("overspend"), remaining, correctedBy, null,
                own.stream().map(LedgerQueries::view).toList(), refunds, corrections, conflicts, rejected);
    }

    /**
     * Conflicts, newest first, of the agencies in {@code scope} (null: all). A conflict is the agency's whose
     * project it names (as execution-service knows the project); one naming no known project is for callers
     * who see every agency.
     */
    public Uni<List<PaymentViews.ConflictView>> conflicts(String projectCode, String paymentId, int limit,
                                                          Set<String> scope) {
        return rows(pool.preparedQuery("""
                        SELECT c.* FROM payment_conflict c
                        WHERE ($1::text IS NULL OR c.project_code = $1) AND ($2::text IS NULL OR c.payment_id = $2)
                          AND ($4::text[] IS NULL OR EXISTS (SELECT 1 FROM project p
                                WHERE p.project_code = c.project_code AND p.agency_code = ANY($4)))
                        ORDER BY c.id DESC LIMIT $3""")
                .execute(Tuple.of(projectCode, paymentId, limit,
                        scope == null ? null : scope.toArray(String[]::new))))
                .map(rows -> rows.stream().map(r -> new PaymentViews.ConflictView(r.getLong("id"),
                        r.getString("payment_id"), r.getString("project_code"),
                        HexFormat.of().formatHex(r.getBuffer("existing_hash").getBytes()),
                        HexFormat.of().formatHex(r.getBuffer("incoming_hash").getBytes()),
                        r.getValue("incoming").toString(), r.getString("source"), r.getString("source_topic"),
                        r.getInteger("source_partition"), r.getLong("source_offset"),
                        r.getOffsetDateTime("received_at").toInstant())).toList());
    }

    private static Uni<List<Row>> rows(Uni<io.vertx.mutiny.sqlclient.RowSet<Row>> query) {
        return query.map(set -> {
            List<Row> list = new ArrayList<>(set.size());
            set.forEach(list::add);
            return list;
        });
    }
}
