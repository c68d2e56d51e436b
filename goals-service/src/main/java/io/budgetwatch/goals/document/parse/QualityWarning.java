package io.budgetwatch.goals.document.parse;

/**
 * An indicator-quality finding. The data it points at is imported as written; the warning only
 * reports it. indicatorSeq/indicatorName are null for project-level findings.
 */
public record QualityWarning(
        String projectCode,
        Integer indicatorSeq,
        String indicatorName,
        String rule,
        String messageZh,
        String messageEn) {

    public static final String COUNT_WITH_PERCENT = "count-with-percent";
    public static final String COST_NOT_MONEY_CAP = "cost-not-money-cap";
    public static final String TIMELINESS_WITHOUT_TIME = "timeliness-without-time";
    public static final String QUALITATIVE_REPEATS_NAME = "qualitative-repeats-name";
    public static final String DESCRIPTION_REPEATS_NAME = "description-repeats-name";
    public static final String SAME_TARGET_EVERYWHERE = "same-target-everywhere";
    public static final String DUPLICATE_GOAL_LINES = "duplicate-goal-lines";
    public static final String PROJECT_CODE_YEAR_MISMATCH = "project-code-year-mismatch";
    public static final String TARGET_NOT_UNDERSTOOD = "target-not-understood";
}
