package io.budgetwatch.goals.departmentgoal;

import java.util.List;
import java.util.UUID;

/**
 * 部门整体绩效目标 of an agency and year, from the latest goal document that has a part 1
 * (documentVersion; latestDocumentVersion tells whether a later document came without one).
 */
public record DepartmentGoals(
        String agencyCode,
        String agencyName,
        int fiscalYear,
        UUID documentId,
        int documentVersion,
        int latestDocumentVersion,
        List<Duty> duties) {

    /** One duty (职责): 主要职责, 职责目标, 绩效目标, 绩效指标, 绩效标准 as written. */
    public record Duty(int seq, String title, String mainDuty, String dutyGoal, String performanceGoal,
                       String indicatorText, String standard) {
    }
}
