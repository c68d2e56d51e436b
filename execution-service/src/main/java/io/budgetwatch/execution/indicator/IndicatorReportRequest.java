package io.budgetwatch.execution.indicator;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An indicator actual as submitted. Text everywhere so each bad field is reported by name.
 * {@code reportId} is optional: send one to make retries idempotent (same id + same content = no-op).
 * Give the indicator by {@code indicatorSeq} (its seq in the project) or by {@code indicatorName}
 * (三级指标 name); a quantitative indicator takes {@code value} (+ {@code unit}), a qualitative one
 * {@code assessment}: ACHIEVED (达成), PARTIAL (部分达成), NOT_ACHIEVED (未达成).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IndicatorReportRequest(
        String reportId,
        String projectCode,
        String indicatorSeq,
        String indicatorName,
        String value,
        String unit,
        String assessment,
        String reportedOn,
        String reporter,
        String note) {
}
