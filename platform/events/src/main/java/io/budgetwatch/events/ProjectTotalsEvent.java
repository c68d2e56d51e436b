package io.budgetwatch.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What one ledger write (one transaction of execution-service) changed in one project's executed amounts, on
 * {@link Topics#PROJECT_TOTALS}, key = project code: the project's entries of that write, at ledger positions
 * {@code fromSeq} to {@code toSeq} ({@code entries} of them; positions in between may belong to other projects),
 * summed per payment date and fund source (signed: refunds and reversals are negative), and the project's
 * running totals after them.
 *
 * <p>The ledger relay publishes it in the same round as the entries themselves ({@link LedgerEntryEvent} on
 * {@link Topics#LEDGER}), and cuts the same slices however often it publishes them, so a redelivery carries the
 * same {@code eventId} and content. A project's slices arrive in position order: a consumer applies a slice whose
 * {@code fromSeq} is above the highest position it has applied for the project, and compares any other with what
 * it stored. reporting-service's read model needs these sums only, not every entry.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProjectTotalsEvent(
        String eventId,
        String projectCode,
        int fiscalYear,
        String agencyCode,
        long fromSeq,
        long toSeq,
        int entries,
        List<DayAmount> days,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal projectExecutedTotal,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal projectExecutedFiscal,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal projectExecutedOther,
        boolean overspend,
        Instant recordedAt) {

    /** The signed sum and number of the slice's entries paid on one date from one fund source (FISCAL | OTHER). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DayAmount(LocalDate paidOn, String fundSource,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, int entries) {
    }

    /** {@code <projectCode>@<fromSeq>-<toSeq>}: unique, and the same whenever the slice is published again. */
    public static String eventId(String projectCode, long fromSeq, long toSeq) {
        return projectCode + "@" + fromSeq + "-" + toSeq;
    }
}
