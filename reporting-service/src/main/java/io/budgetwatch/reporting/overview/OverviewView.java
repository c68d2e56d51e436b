package io.budgetwatch.reporting.overview;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.budgetwatch.reporting.evaluation.TargetEvaluator;
import io.budgetwatch.reporting.progress.ProgressStatus;
import io.budgetwatch.reporting.progress.ProgressView.Money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** JSON answer of GET /api/overview: one agency's year at a date. Money in yuan, rates in percent, as strings. */
public final class OverviewView {

    private OverviewView() {
    }

    public record Overview(
            String agencyCode,
            String agencyName,
            int fiscalYear,
            LocalDate asOf,
            int projectCount,
            Money budget,
            Money executed,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal executionRate,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal plannedRate,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal timeElapsedRate,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal gapToPlanPoints,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal gapToTimeElapsedPoints,
            /** Every status, zero included. */
            Map<ProgressStatus, Integer> statusCounts,
            /** Unacknowledged alerts of the agency and year: WARNING and CRITICAL, zero included. */
            Map<String, Long> openAlerts,
            /** Verdicts of every indicator of the agency's projects at asOf, every verdict included. */
            Map<TargetEvaluator.Verdict, Integer> indicators,
            List<CurvePoint> curve,
            List<Checkpoint> checkpoints,
            List<ProjectLine> projects) {
    }

    /** One month end: planned and actual cumulative amounts of all projects (actual absent after asOf). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CurvePoint(
            LocalDate monthEnd,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal plannedRate,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal plannedAmount,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal actualRate,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal actualAmount) {
    }

    /** A checkpoint date of any of the projects' plans, with the agency's planned rate at its end. */
    public record Checkpoint(LocalDate date, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal plannedRate) {
    }

    /** One project, as in GET /api/progress; budget and executed are totals. */
    public record ProjectLine(
            String projectCode,
            String name,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal budget,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal executed,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal executionRate,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal plannedRate,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal timeElapsedRate,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal gapToPlanPoints,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal gapToTimeElapsedPoints,
            ProgressStatus status,
            String statusText) {
    }
}
