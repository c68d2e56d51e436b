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
        Instant recordedAt) {
}
