package io.budgetwatch.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An indicator actual (绩效指标实际完成值) on {@link Topics#INDICATOR_REPORTS}, key = project code.
 * Reports are append-only: a later report on the same indicator is newer history, not an edit.
 * Quantitative indicators carry {@code value} (decimal string) and {@code unit}; qualitative (定性) ones
 * carry {@code assessment}: ACHIEVED (达成), PARTIAL (部分达成) or NOT_ACHIEVED (未达成).
 * {@code indicatorSeq} is the indicator's {@code seq} in the project snapshot.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IndicatorReportEvent(
        String eventId,
        String projectCode,
        int fiscalYear,
        String agencyCode,
        int indicatorSeq,
        String indicatorName,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal value,
        String unit,
        String assessment,
        LocalDate reportedOn,
        String reporter,
        String note,
        Instant recordedAt) {
}
