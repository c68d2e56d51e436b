package io.budgetwatch.reporting.selfevaluation;

import java.math.BigDecimal;

/** The answer: the project, the figures used, and the scores with their reasons. */
public record SelfEvaluation(String projectCode, String name, String agencyCode, int fiscalYear,
                             BigDecimal budget, BigDecimal executedAtYearEnd,
                             SelfEvaluationCalculator.Result score) {
}
