package io.budgetwatch.reporting.export;

import io.budgetwatch.reporting.explanation.ExplanationView;
import io.budgetwatch.reporting.progress.ProgressView.Money;
import io.budgetwatch.reporting.selfevaluation.SelfEvaluation;

import java.math.BigDecimal;
import java.util.Map;

/**
 * What the 项目支出绩效自评表 shows of one project, in yuan, all taken from the read model's answers: the
 * self-evaluation, the progress at the year end (budget and execution by fund) and the latest snapshot
 * (agency name, goals, the budget before its adjustments).
 *
 * @param agencyName     the budget unit, 主管部门 and 实施单位 alike (the read model knows no other)
 * @param budgetAtStart  年初预算数: the total before the first adjustment, else the budget
 * @param fiscalAtStart  年初 当年财政拨款; null when adjustments changed the budget (the split before is unknown)
 * @param otherAtStart   年初 其他资金; null likewise
 * @param goals          年度总体目标 as written, one a line; null when the project has none
 * @param explanations   per indicator seq, its latest deviation explanation (偏差原因分析, 纠偏措施), for the column
 *                       偏差原因分析及改进措施; an indicator without one is absent
 */
public record SelfEvaluationForm(String agencyName, BigDecimal budgetAtStart, BigDecimal fiscalAtStart,
                                 BigDecimal otherAtStart, Money budget, Money executed, String goals,
                                 SelfEvaluation evaluation, Map<Integer, ExplanationView> explanations) {
}
