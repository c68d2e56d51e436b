package io.budgetwatch.reporting.evaluation;

import io.budgetwatch.events.ProjectSnapshot.Target;
import io.budgetwatch.events.Units;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Compares an actual with an indicator's parsed target: operator, direction, unit normalization and
 * intervals. Gives a verdict and an achievement percent (0–100) that the self-evaluation scores.
 */
public final class TargetEvaluator {

    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public enum Verdict {
        /** Target reached. */
        MET,
        /** Target missed. */
        NOT_MET,
        /** Qualitative or date target without a manager's assessment. */
        NEEDS_ASSESSMENT,
        /** Nothing reported yet. */
        NO_ACTUAL,
        /** Actual in a unit that cannot be compared with the target's. */
        UNIT_MISMATCH
    }

    /** Outcome; {@code achievementPercent} is null when nothing can be scored. */
    public record Evaluation(Verdict verdict, BigDecimal actualBase, String baseUnit, BigDecimal achievementPercent,
                             String reasonZh, String reasonEn) {
        public boolean met() {
            return verdict == Verdict.MET;
        }
    }

    /** Share of the points a qualitative assessment earns: the middle of its band (100–80, 80–60, 60–0). */
    public static BigDecimal assessmentPercent(IndicatorActual.Assessment assessment) {
        return switch (assessment) {
            case ACHIEVED -> new BigDecimal("100");
            case PARTIAL -> new BigDecimal("70");
            case NOT_ACHIEVED -> new BigDecimal("30");
        };
    }

    private TargetEvaluator() {
    }

    public static Evaluation evaluate(Target target, IndicatorActual actual) {
        if (actual == null) {
            return new Evaluation(Verdict.NO_ACTUAL, null, null, null, "尚未填报实际值", "No actual reported yet");
        }
        if (actual.assessment() != null) {
            BigDecimal percent = assessmentPercent(actual.assessment());
            boolean met = actual.assessment() == IndicatorActual.Assessment.ACHIEVED;
            return new Evaluation(met ? Verdict.MET : Verdict.NOT_MET, null, null, percent,
                    "管理人员评定：" + zh(actual.assessment()), "Assessed by a manager: " + actual.assessment());
        }
        if (target == null || target.kind() == null || "QUALITATIVE".equals(target.kind())
                || "DATE".equals(target.kind()) || target.baseValue() == null) {
            return new Evaluation(Verdict.NEEDS_ASSESSMENT, null, null, null,
                    "定性指标需管理人员评定（达成/部分达成/未达成）",
                    "Qualitative target: needs a manager's assessment (achieved/partial/not achieved)");
        }
        Units.Normalized a = Units.normalize(actual.value(), actual.unit());
        String baseUnit = target.baseUnit() == null ? "" : target.baseUnit();
        if (!a.unit().isEmpty() && !baseUnit.isEmpty() && !a.unit().equals(baseUnit)) {
            return new Evaluation(Verdict.UNIT_MISMATCH, a.value(), a.unit(), null,
                    "实际值单位“" + a.unit() + "”与目标单位“" + baseUnit + "”不一致",
                    "Actual unit '" + a.unit() + "' does not match the target unit '" + baseUnit + "'");
        }
        BigDecimal v = a.value();
        BigDecimal t = target.baseValue();
        String op = target.operator() == null ? "GE" : target.operator();
        if ("INTERVAL".equals(target.kind())) {
            BigDecimal upper = target.baseUpper() == null ? t : target.baseUpper();
            boolean inside = v.compareTo(t) >= 0 && v.compareTo(upper) <= 0;
            BigDecimal percent = inside ? HUNDRED : v.compareTo(t) < 0 ? ratio(v, t) : ratio(upper, v);
            return numeric(inside, v, baseUnit, percent, "区间 " + t.toPlainString() + "–" + upper.toPlainString());
        }
        return switch (op) {
            case "LE", "LT" -> {
                boolean met = "LE".equals(op) ? v.compareTo(t) <= 0 : v.compareTo(t) < 0;
                yield numeric(met, v, baseUnit, met ? HUNDRED : ratio(t, v), ("LE".equals(op) ? "≤" : "<") + t.toPlainString());
            }
            case "EQ" -> {
                boolean met = v.compareTo(t) == 0;
                BigDecimal percent = met ? HUNDRED : v.compareTo(t) < 0 ? ratio(v, t) : ratio(t, v);
                yield numeric(met, v, baseUnit, percent, "=" + t.toPlainString());
            }
            default -> {
                boolean met = "GT".equals(op) ? v.compareTo(t) > 0 : v.compareTo(t) >= 0;
                yield numeric(met, v, baseUnit, met ? HUNDRED : ratio(v, t), ("GT".equals(op) ? ">" : "≥") + t.toPlainString());
            }
        };
    }

    /** Part over whole in percent, capped at 100; a zero whole counts as fully achieved. */
    static BigDecimal ratio(BigDecimal part, BigDecimal whole) {
        if (whole.signum() <= 0) {
            return HUNDRED;
        }
        if (part.signum() <= 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        BigDecimal r = part.multiply(HUNDRED).divide(whole, 2, RoundingMode.HALF_UP);
        return r.min(HUNDRED);
    }

    private static Evaluation numeric(boolean met, BigDecimal v, String unit, BigDecimal percent, String target) {
        String shown = shown(v) + unit;
        return new Evaluation(met ? Verdict.MET : Verdict.NOT_MET, v, unit, percent,
                (met ? "已达到目标 " : "未达到目标 ") + target + unit + "（实际 " + shown + "）",
                (met ? "Target " : "Target not met: ") + target + unit + " (actual " + shown + ")");
    }

    /** A reported value as people write it: stored with six decimals, shown without the zeros beyond two. */
    static String shown(BigDecimal v) {
        if (v.scale() <= 2) {
            return v.toPlainString();
        }
        BigDecimal stripped = v.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    private static String zh(IndicatorActual.Assessment a) {
        return switch (a) {
            case ACHIEVED -> "达成";
            case PARTIAL -> "部分达成";
            case NOT_ACHIEVED -> "未达成";
        };
    }
}
