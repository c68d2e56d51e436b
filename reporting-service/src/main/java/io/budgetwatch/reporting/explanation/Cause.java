package io.budgetwatch.reporting.explanation;

/** The five cause categories of the monitoring form's 偏差原因分析, in the form's order. */
public enum Cause {
    /** 经费保障 */
    FUNDING,
    /** 制度保障 */
    INSTITUTIONAL,
    /** 人员保障 */
    STAFFING,
    /** 硬件条件保障 */
    HARDWARE,
    /** 其他 */
    OTHER
}
