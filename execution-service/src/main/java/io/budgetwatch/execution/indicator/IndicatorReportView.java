package io.budgetwatch.execution.indicator;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record IndicatorReportView(
        String reportId,
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
