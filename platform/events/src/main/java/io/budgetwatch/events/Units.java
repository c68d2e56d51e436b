package io.budgetwatch.events;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Units of target values and actuals, and their exact conversion to a base unit: money to 元
 * (万元 ×10 000, 亿元 ×100 000 000, 千元 ×1 000), percent stays a number of percent. Any other unit
 * (个, 次, 人次, 篇, 天 …) is its own base.
 */
public final class Units {

    /** A value in its base unit. */
    public record Normalized(BigDecimal value, String unit) {
    }

    public static final String YUAN = "元";
    public static final String PERCENT = "%";

    private static final Map<String, BigDecimal> TO_YUAN = Map.of(
            "元", BigDecimal.ONE,
            "千元", new BigDecimal("1000"),
            "万元", new BigDecimal("10000"),
            "亿元", new BigDecimal("100000000"));

    private Units() {
    }

    public static boolean isMoney(String unit) {
        return unit != null && TO_YUAN.containsKey(unit.trim());
    }

    public static String baseUnit(String unit) {
        if (unit == null || unit.isBlank()) {
            return "";
        }
        String u = unit.trim();
        if (isMoney(u)) {
            return YUAN;
        }
        return "％".equals(u) ? PERCENT : u;
    }

    /** Converts exactly (no rounding) into the base unit. */
    public static Normalized normalize(BigDecimal value, String unit) {
        if (value == null) {
            return new Normalized(null, baseUnit(unit));
        }
        String u = unit == null ? "" : unit.trim();
        BigDecimal factor = TO_YUAN.get(u);
        BigDecimal base = factor == null ? value : value.multiply(factor);
        return new Normalized(base.stripTrailingZeros().scale() < 0 ? base.setScale(0) : base.stripTrailingZeros(),
                baseUnit(u));
    }
}
