package io.budgetwatch.reporting.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A cumulative disbursement plan (资金支出计划): checkpoints with the percent of the budget planned
 * to be paid by the end of that day. Between checkpoints the plan is linear, starting from 0 % at the
 * start of 1 January of the fiscal year; after the last checkpoint it stays at the last percent.
 */
public final class DisbursementPlan {

    /** One checkpoint: cumulative percent planned by the end of {@code date}. */
    public record Checkpoint(LocalDate date, BigDecimal cumulativePercent) {
    }

    private final int fiscalYear;
    private final List<Checkpoint> checkpoints;

    public DisbursementPlan(int fiscalYear, List<Checkpoint> checkpoints) {
        this.fiscalYear = fiscalYear;
        List<Checkpoint> sorted = new ArrayList<>(checkpoints);
        sorted.sort(Comparator.comparing(Checkpoint::date));
        this.checkpoints = List.copyOf(sorted);
    }

    public List<Checkpoint> checkpoints() {
        return checkpoints;
    }

    /** Planned cumulative percent at the end of {@code asOf}, 2 decimals. */
    public BigDecimal plannedPercentAt(LocalDate asOf) {
        // Day 0 is the end of 31 December of the previous year, so the end of 31 March is day 90.
        LocalDate origin = LocalDate.of(fiscalYear, 1, 1).minusDays(1);
        if (!asOf.isAfter(origin)) {
            return BigDecimal.ZERO.setScale(2);
        }
        LocalDate previousDate = origin;
        BigDecimal previousPercent = BigDecimal.ZERO;
        for (Checkpoint checkpoint : checkpoints) {
            if (!asOf.isAfter(checkpoint.date())) {
                long span = ChronoUnit.DAYS.between(previousDate, checkpoint.date());
                if (span <= 0) {
                    return checkpoint.cumulativePercent().setScale(2, RoundingMode.HALF_UP);
                }
                long elapsed = ChronoUnit.DAYS.between(previousDate, asOf);
                BigDecimal rise = checkpoint.cumulativePercent().subtract(previousPercent);
                return previousPercent.add(rise.multiply(BigDecimal.valueOf(elapsed))
                        .divide(BigDecimal.valueOf(span), 2, RoundingMode.HALF_UP)).setScale(2, RoundingMode.HALF_UP);
            }
            previousDate = checkpoint.date();
            previousPercent = checkpoint.cumulativePercent();
        }
        return previousPercent.setScale(2, RoundingMode.HALF_UP);
    }

    /**
     * Time-elapsed progress (序时进度): elapsed months ÷ 12, counting the current month by its elapsed
     * days, so the end of June is exactly 50 %.
     */
    public static BigDecimal timeElapsedPercent(int fiscalYear, LocalDate asOf) {
        if (asOf.getYear() < fiscalYear) {
            return BigDecimal.ZERO.setScale(2);
        }
        if (asOf.getYear() > fiscalYear) {
            return new BigDecimal("100.00");
        }
        BigDecimal months = BigDecimal.valueOf(asOf.getMonthValue() - 1L).add(BigDecimal.valueOf(asOf.getDayOfMonth())
                .divide(BigDecimal.valueOf(asOf.lengthOfMonth()), 10, RoundingMode.HALF_UP));
        return months.multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(12), 2, RoundingMode.HALF_UP);
    }
}
