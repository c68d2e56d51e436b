package io.budgetwatch.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An accepted ledger entry on {@link Topics#LEDGER}, key = project code. {@code amount} is signed:
 * payments are positive, refunds negative; a correction is a pair of compensating entries.
 * {@code entryId} is unique and stable, so consumers deduplicate by it.
 *
 * <p>Entry ids: the entry a payment, refund or correction creates on its own project has
 * {@code entryId = paymentId}. A correction also creates the compensating entry
 * {@code paymentId + "#reversal"}: minus what remained of the original, on the original's project,
 * with the original's fund source (kind CORRECTION, negative amount).
 *
 * <p>The {@code projectExecuted*} fields (added later, may be null from older producers) are the
 * project's running totals right after this entry, in ledger order (all entries of a project are on
 * one partition, so a consumer sees them in that order).
 *
 * <p>{@code seq} is the entry's position in execution-service's ledger (its commit order): unique, and
 * increasing within a project (so within a partition). A redelivered entry carries the same {@code seq}, so a
 * consumer can deduplicate by the highest position it has applied per project. Null only in events written
 * before it existed. (reporting-service reads the per-write sums on {@link Topics#PROJECT_TOTALS} instead.)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LedgerEntryEvent(
        String entryId,
        String paymentId,
        String kind,
        String originalPaymentId,
        int fiscalYear,
        String agencyCode,
        String projectCode,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        String fundSource,
        LocalDate paidOn,
        boolean overspend,
        Instant recordedAt,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal projectExecutedTotal,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal projectExecutedFiscal,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal projectExecutedOther,
        Long seq) {
}
