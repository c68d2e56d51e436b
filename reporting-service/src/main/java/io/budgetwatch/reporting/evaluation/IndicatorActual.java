package io.budgetwatch.reporting.evaluation;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The latest actual of an indicator: a number with its unit, or for a qualitative indicator a
 * manager's assessment (达成 ACHIEVED / 部分达成 PARTIAL / 未达成 NOT_ACHIEVED). {@code source} says
 * whether it was reported or derived (a money cost cap compared with the executed amount).
 */
public record IndicatorActual(BigDecimal value, String unit, Assessment assessment, LocalDate reportedOn,
                              Source source) {

    public enum Assessment { ACHIEVED, PARTIAL, NOT_ACHIEVED }

    public enum Source { REPORTED, EXECUTED_AMOUNT }

    public static IndicatorActual reported(BigDecimal value, String unit, LocalDate on) {
        return new IndicatorActual(value, unit, null, on, Source.REPORTED);
    }

    public static IndicatorActual assessed(Assessment assessment, LocalDate on) {
        return new IndicatorActual(null, null, assessment, on, Source.REPORTED);
    }

    public static IndicatorActual executedAmount(BigDecimal yuan, LocalDate asOf) {
        return new IndicatorActual(yuan, "元", null, asOf, Source.EXECUTED_AMOUNT);
    }
}
