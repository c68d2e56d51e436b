package io.budgetwatch.reporting.progress;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** JSON answers of the progress API. Money in yuan and rates in percent, as decimal strings. */
public final class ProgressView {

    private ProgressView() {
    }

    public record Money(
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal total,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal fiscal,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal other) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProjectProgress(
            String projectCode,
            String name,
            String agencyCode,
            int fiscalYear,
            int projectVersion,
            LocalDate asOf,
            Money budget,
            Money executed,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal executionRate,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal plannedRate,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal timeElapsedRate,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal gapToPlanPoints,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal gapToTimeElapsedPoints,
            ProgressStatus status,
            String statusText,
            List<PlanCheckpoint> plan,
            List<MonthPoint> series) {
    }

    public record PlanCheckpoint(LocalDate date,
                                 @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal cumulativePercent) {
    }

    /** One month end of the chart: planned vs actual cumulative (actual absent for months after asOf). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MonthPoint(
            LocalDate monthEnd,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal plannedRate,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal plannedAmount,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal actualRate,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal actualAmount) {
    }

    public record AgencyProgress(
            String agencyCode,
            int fiscalYear,
            LocalDate asOf,
            int projectCount,
            Money budget,
            Money executed,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal executionRate,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal plannedRate,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal timeElapsedRate,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal gapToPlanPoints,
            java.util.Map<ProgressStatus, Integer> statusCounts,
            List<ProjectProgress> projects) {
    }
}
