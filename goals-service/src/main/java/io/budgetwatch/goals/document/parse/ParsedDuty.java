package io.budgetwatch.goals.document.parse;

/** One duty (职责) of part 1 部门整体绩效目标; the labels (主要职责是…) are stripped from the texts. */
public record ParsedDuty(
        int seq,
        String title,
        String mainDuty,
        String dutyGoal,
        String performanceGoal,
        String indicatorText,
        String standard) {
}
