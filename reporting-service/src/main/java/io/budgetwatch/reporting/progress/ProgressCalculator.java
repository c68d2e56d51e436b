package io.budgetwatch.reporting.progress;

import io.budgetwatch.reporting.evaluation.DisbursementPlan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/** Pure arithmetic of progress: rates in percent (2 decimals), gaps in percentage points. */
@ApplicationScoped
public class ProgressCalculator {

    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    @Inject
    ProgressSettings settings;

    public ProgressCalculator() {
    }

    ProgressCalculator(ProgressSettings settings) {
        this.settings = settings;
    }

    /** Execution rate (预算执行率) = executed ÷ current budget, in percent. A zero budget with spending is 100+ %. */
    public static BigDecimal rate(BigDecimal executed, BigDecimal budget) {
        if (budget.signum() == 0) {
            return executed.signum() > 0 ? HUNDRED.setScale(2) : BigDecimal.ZERO.setScale(2);
        }
        return executed.multiply(HUNDRED).divide(budget, 2, RoundingMode.HALF_UP);
    }

    /**
     * The planned rate of several projects together: each project's plan weighed by its budget.
     * {@code budgetTimesPlannedRate} is the sum over the projects of budget × planned rate (percent).
     */
    public static BigDecimal weightedPlannedRate(BigDecimal budgetTimesPlannedRate, BigDecimal budgetTotal) {
        return budgetTotal.signum() == 0 ? BigDecimal.ZERO.setScale(2)
                : budgetTimesPlannedRate.divide(budgetTotal, 2, RoundingMode.HALF_UP);
    }

    public ProgressStatus status(BigDecimal executed, BigDecimal budget, BigDecimal executionRate,
                                 BigDecimal plannedRate) {
        if (executed.compareTo(budget) > 0) {
            return ProgressStatus.OVERSPENT;
        }
        BigDecimal shortfall = plannedRate.subtract(executionRate);
        if (shortfall.compareTo(settings.lagCriticalPoints()) > 0) {
            return ProgressStatus.SERIOUSLY_LAGGING;
        }
        if (shortfall.compareTo(settings.lagWarningPoints()) > 0) {
            return ProgressStatus.LAGGING;
        }
        return ProgressStatus.ON_TRACK;
    }

    /** The whole set of figures for one project at one date. */
    public Figures figures(int fiscalYear, DisbursementPlan plan, BigDecimal budget, BigDecimal executed,
                           LocalDate asOf) {
        BigDecimal executionRate = rate(executed, budget);
        BigDecimal plannedRate = plan.plannedPercentAt(asOf);
        BigDecimal timeElapsedRate = DisbursementPlan.timeElapsedPercent(fiscalYear, asOf);
        return new Figures(executionRate, plannedRate, timeElapsedRate,
                executionRate.subtract(plannedRate), executionRate.subtract(timeElapsedRate),
                status(executed, budget, executionRate, plannedRate));
    }

    public record Figures(BigDecimal executionRate, BigDecimal plannedRate, BigDecimal timeElapsedRate,
                          BigDecimal gapToPlanPoints, BigDecimal gapToTimeElapsedPoints, ProgressStatus status) {
    }
}
