package io.budgetwatch.reporting.explanation;

/** 完成目标可能性 of the monitoring form. */
public enum Likelihood {
    /** 确定能 */
    CERTAIN,
    /** 有可能 */
    POSSIBLE,
    /** 完全不可能 */
    IMPOSSIBLE
}
