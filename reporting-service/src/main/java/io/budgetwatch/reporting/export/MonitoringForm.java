package io.budgetwatch.reporting.export;

import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.reporting.evaluation.IndicatorActual;
import io.budgetwatch.reporting.explanation.ExplanationView;
import io.budgetwatch.reporting.progress.ProgressView.AgencyProgress;
import io.budgetwatch.reporting.progress.ProgressView.ProjectProgress;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the 项目支出绩效目标执行监控表 of one agency shows as of a date, in yuan, all taken from the read model's
 * answers: the agency's progress ({@code GET /api/progress}), per project its latest snapshot (agency name, the
 * budget before its adjustments), its indicators with the latest actual at the date, and the deviation
 * explanations in force at the date.
 *
 * @param progress the agency's progress table (its asOf gives the form's months)
 * @param projects one per project of the progress table, in its order
 */
public record MonitoringForm(AgencyProgress progress, List<Project> projects) {

    /**
     * @param agencyName    the budget unit, 主管部门 and 实施单位 alike (the read model knows no other)
     * @param budgetAtStart 年初预算数: the total before the first adjustment, else the budget
     * @param funds         the funds' explanation in force (全年预计执行数, causes), or null
     */
    public record Project(ProjectProgress progress, String agencyName, BigDecimal budgetAtStart,
                          ExplanationView funds, List<IndicatorLine> indicators) {
    }

    /** An indicator, its latest actual at the date (null: none reported) and its explanation in force (or null). */
    public record IndicatorLine(ProjectSnapshot.Indicator indicator, IndicatorActual actual,
                                ExplanationView explanation) {
    }
}
