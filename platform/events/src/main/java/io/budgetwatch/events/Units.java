package io.budgetwatch.events;

import java.math.BigDecimal;

/**
 * Units of target values and actuals, and their exact conversion to a base unit: 千元 to 元 (×1 000),
 * a 万 prefix ×10 000 (万元 to 元, 万人次 to 人次), an 亿 prefix ×100 000 000; full-width ％ is %.
 * Any other unit (元, 个, 次, 人次, 篇, 天, % …) is its own base and the value is kept as written.
 */
public final class Units {

    /** A value in its base unit. */
    public record Normalized(BigDecimal value, String unit) {
    }

    public static final String YUAN = "元";
    public static final String PERCENT = "%";

    private Units() {
    }

    public static boolean isMoney(String unit) {
        return unit != null && YUAN.equals(baseUnit(unit)) && unit.trim().endsWith(YUAN);
    }

    public static String baseUnit(String unit) {
        return normalize(null, unit).unit();
    }

    /** Converts exactly (no rounding) into the base unit; a null value stays null. */
    public static Normalized normalize(BigDecimal value, String unit) {
        String u = unit == null ? "" : unit.trim();
        if (u.equals("千元")) {
            return new Normalized(shift(value, 3), YUAN);
        }
        if (u.length() > 1 && u.startsWith("万")) {
            return new Normalized(shift(value, 4), u.substring(1));
        }
        if (u.length() > 1 && u.startsWith("亿")) {
            return new Normalized(shift(value, 8), u.substring(1));
        }
        return new Normalized(value, "％".equals(u) ? PERCENT : u);
    }

    private static BigDecimal shift(BigDecimal value, int places) {
        if (value == null) {
            return null;
        }
        BigDecimal s = value.movePointRight(places).stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
