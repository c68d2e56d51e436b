package io.budgetwatch.reporting.evaluation;

import io.budgetwatch.events.ProjectSnapshot;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the alert rules, the indicator status and the self-evaluation look at, for one project at one date:
 * its latest snapshot's figures, the latest actual reported per indicator seq, and the amount executed.
 */
public record ProjectFacts(String code, int version, String agencyCode, int fiscalYear, String name,
                           BigDecimal budget, DisbursementPlan plan, List<ProjectSnapshot.Indicator> indicators,
                           Map<Integer, IndicatorActual> actuals, BigDecimal executed) {

    /** What {@code indicator} is compared with at {@code asOf} ({@link CostCapRule#actualToCompare}). */
    public IndicatorActual actualFor(ProjectSnapshot.Indicator indicator, LocalDate asOf) {
        return CostCapRule.actualToCompare(indicator, actuals.get(indicator.seq()), executed, asOf);
    }
}
