package io.budgetwatch.goals.support;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Yuan amounts: two decimals at most, NUMERIC(18,2). */
public final class Money {

    /** NUMERIC(18,2) keeps 16 digits before the point. */
    public static final BigDecimal MAX = new BigDecimal("9999999999999999.99");

    private Money() {
    }

    /** True when the amount has no non-zero digit beyond the second decimal. */
    public static boolean hasAtMostTwoDecimals(BigDecimal value) {
        return value.stripTrailingZeros().scale() <= 2;
    }

    /** Scale 2 without rounding; call only after {@link #hasAtMostTwoDecimals}. */
    public static BigDecimal yuan(BigDecimal value) {
        return value == null ? null : value.setScale(2, RoundingMode.UNNECESSARY);
    }

    public static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
