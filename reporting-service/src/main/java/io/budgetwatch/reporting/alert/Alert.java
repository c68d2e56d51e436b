package io.budgetwatch.reporting.alert;

import java.time.LocalDate;
import java.util.Map;

/**
 * A deviation alert as a rule raises it. {@code id} is deterministic: project, rule and the
 * checkpoint (or the key of the violation), so raising it again is a no-op.
 */
public record Alert(String id, String projectCode, String agencyCode, int fiscalYear, String projectName,
                    Rule rule, Severity severity, LocalDate checkpoint, LocalDate asOf,
                    Map<String, String> figures, String messageZh, String messageEn) {

    public enum Severity { WARNING, CRITICAL }

    public enum Rule {
        /** 执行进度滞后: actual below plan at a checkpoint. */
        EXECUTION_LAG,
        /** 超预算: executed above the current budget. */
        OVERSPEND,
        /** 超成本指标: executed (or reported cost) above a money cost cap. */
        COST_CAP_EXCEEDED,
        /** 指标未达成 at year end. */
        INDICATOR_NOT_MET,
        /** 指标进度偏离 at a checkpoint. */
        INDICATOR_OFF_TRACK,
        /** 执行率与目标完成度偏差. */
        EXECUTION_ACHIEVEMENT_GAP,
        /** 年末执行率预测偏低. */
        YEAR_END_FORECAST
    }
}
