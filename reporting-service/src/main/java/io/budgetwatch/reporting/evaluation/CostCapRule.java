package io.budgetwatch.reporting.evaluation;

import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.events.Units;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The money cost cap rule, the one place it is written: a money cost cap (资金成本 ≤4000元, ≤6万元) is compared
 * with the executed amount unless an amount was reported for it. Exceeding the cap is a violation the moment
 * the money is paid, so what it is compared with is money: a reported value, else what was executed. A
 * manager's assessment (达成/部分达成/未达成) is no amount; it belongs to qualitative targets, and on a cap (e.g.
 * given while the indicator was still qualitative in an earlier version of the goal document) it neither
 * silences nor raises a cost cap alert, so the executed amount stands in for it. Every other indicator is
 * judged by what was reported, if anything.
 */
public final class CostCapRule {

    private CostCapRule() {
    }

    /** A 成本 indicator whose target caps an amount of money (≤ / <, in 元 or 万元). */
    public static boolean isMoneyCap(ProjectSnapshot.Indicator indicator) {
        ProjectSnapshot.Target t = indicator.target();
        return t != null && t.baseValue() != null && Units.YUAN.equals(t.baseUnit())
                && ("LE".equals(t.operator()) || "LT".equals(t.operator()))
                && indicator.level2() != null && indicator.level2().contains("成本");
    }

    /**
     * What {@code indicator} is compared with at {@code asOf}: for a money cap the reported amount, or the
     * {@code executed} amount when none was reported (nothing, or only an assessment); for any other indicator
     * {@code reported} as it is (null when nothing was reported).
     */
    public static IndicatorActual actualToCompare(ProjectSnapshot.Indicator indicator, IndicatorActual reported,
                                                  BigDecimal executed, LocalDate asOf) {
        if (!isMoneyCap(indicator)) {
            return reported;
        }
        return reported == null || reported.value() == null ? IndicatorActual.executedAmount(executed, asOf) : reported;
    }
}
