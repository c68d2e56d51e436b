package io.budgetwatch.execution.payment;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.budgetwatch.common.problem.Problem;
import io.budgetwatch.execution.ledger.EntryView;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** JSON shapes of the payment endpoints. */
public final class PaymentViews {

    private PaymentViews() {
    }

    /** Result of one submitted item. status: APPLIED, DUPLICATE (accepted no-op), HELD, REJECTED. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemResult(int index, String paymentId, String status, List<EntryView> entries, String waitingFor,
                             Problem problem) {
    }

    /** Answer to an array submission. */
    public record BatchAnswer(int received, int accepted, int rejected, List<ItemResult> results) {
    }

    /** A payment record as the ledger knows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PaymentView(
            String paymentId,
            String status,
            String kind,
            String originalPaymentId,
            Integer fiscalYear,
            String agencyCode,
            String projectCode,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
            String fundSource,
            LocalDate paidOn,
            String economicClass,
            String functionalClass,
            String authorityDocNo,
            String payee,
            String purpose,
            String source,
            Instant recordedAt,
            Boolean overspend,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal remaining,
            String correctedBy,
            String waitingFor,
            List<EntryView> entries,
            List<Related> refunds,
            List<Related> corrections,
            long conflicts,
            List<RejectionView> rejections) {
    }

    /** A refund or correction pointing at a payment. */
    public record Related(String paymentId, String kind, String projectCode,
                          @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, LocalDate paidOn,
                          Instant recordedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RejectionView(String reason, String field, String message, String sourceTopic, Integer sourcePartition,
                                Long sourceOffset, Instant rejectedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConflictView(long id, String paymentId, String projectCode, String existingHash,
                               String incomingHash, @JsonRawValue String incoming, String source, String sourceTopic,
                               Integer sourcePartition, Long sourceOffset, Instant receivedAt) {
    }
}
