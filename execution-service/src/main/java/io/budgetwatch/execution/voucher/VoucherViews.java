package io.budgetwatch.execution.voucher;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.budgetwatch.common.problem.Problem;
import io.budgetwatch.execution.ledger.EntryView;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** JSON shapes of the voucher endpoints. */
public final class VoucherViews {

    private VoucherViews() {
    }

    /**
     * Result of one submitted voucher record. status: APPLIED (the voucher's state now; {@code counts} says whether
     * it counts as executed money or is pending/cancelled), DUPLICATE, STALE, CONFLICT, REJECTED.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemResult(int index, String payCertId, String payCertNo, String updateTime, String status,
                             Boolean counts, Long stateId, List<EntryView> entries, Problem problem) {
    }

    public record BatchAnswer(int received, int accepted, int rejected, List<ItemResult> results) {
    }

    /**
     * A voucher: its current state ({@code status} PAID: counts; PENDING: not paid yet; CANCELLED: deleted), what it
     * counts now, every state received (oldest UPDATE_TIME first) with the entries each made, and refusals.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VoucherView(String payCertId, String payCertNo, String status, String agencyCode, String projectCode,
                              long currentStateId, String updateTime, Counted counted, List<StateView> states,
                              List<RejectionView> rejections) {
    }

    /** What the voucher counts in the ledger now. */
    public record Counted(String projectCode, String fundSource, LocalDate paidOn,
                          @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount) {
    }

    /**
     * One state received. status: APPLIED (became the voucher's state when it arrived), STALE, CONFLICT;
     * {@code current}: the state the voucher is in now; {@code counts}: it counts as executed money.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StateView(long stateId, String updateTime, String status, boolean current, boolean counts,
                            boolean paid, boolean deleted, String fundSource, String source, String sourceTopic,
                            Integer sourcePartition, Long sourceOffset, Instant receivedAt,
                            @JsonRawValue String record, List<EntryView> entries) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RejectionView(String reason, String field, String message, String sourceTopic,
                                Integer sourcePartition, Long sourceOffset, Instant rejectedAt) {
    }
}
