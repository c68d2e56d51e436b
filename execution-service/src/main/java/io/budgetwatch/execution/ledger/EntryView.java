package io.budgetwatch.execution.ledger;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.vertx.mutiny.sqlclient.Row;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One ledger entry as the APIs show it (from the table, or from a batch just written). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntryView(
        Long seq,
        String entryId,
        String paymentId,
        String role,
        String kind,
        String originalPaymentId,
        String projectCode,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        String fundSource,
        LocalDate paidOn,
        boolean overspend,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal projectExecutedTotal,
        String payee,
        String purpose,
        String source,
        Instant recordedAt) {

    /** A row of {@code ledger_entry}. */
    static EntryView of(Row r) {
        return new EntryView(r.getLong("seq"), r.getString("entry_id"), r.getString("payment_id"),
                r.getString("role"), r.getString("kind"), r.getString("original_payment_id"),
                r.getString("project_code"), r.getBigDecimal("amount"), r.getString("fund_source"),
                r.getLocalDate("paid_on"), r.getBoolean("overspend"), r.getBigDecimal("project_total"),
                r.getString("payee"), r.getString("purpose"), r.getString("source"),
                r.getOffsetDateTime("recorded_at").toInstant());
    }

    /** An entry of a batch just written (its position and time are not shown). */
    public static EntryView of(LedgerEntry e) {
        return new EntryView(null, e.entryId(), e.paymentId(), e.role(), e.kind(), e.originalPaymentId(),
                e.projectCode(), e.amount(), e.fundSource(), e.paidOn(), e.overspend(), e.projectTotal(), null, null,
                e.source(), null);
    }
}
