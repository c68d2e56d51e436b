package io.budgetwatch.reporting.evaluation;

import io.budgetwatch.events.ProjectSnapshot.Target;
import io.budgetwatch.reporting.evaluation.TargetEvaluator.Verdict;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TargetEvaluatorTest {

    static final LocalDate ON = LocalDate.of(2021, 12, 20);

    static Target numeric(String op, String value, String unit, String base, String baseUnit) {
        return new Target("NUMERIC", op, new BigDecimal(value), null, unit, new BigDecimal(base), null, baseUnit, null,
                op.startsWith("G") ? "POSITIVE" : op.startsWith("L") ? "NEGATIVE" : "NEUTRAL");
    }

    @Test
    void reportedValuesAreShownWithoutTheStoredZeros() {
        assertEquals("260", TargetEvaluator.shown(new BigDecimal("260.000000")));
        assertEquals("97.5", TargetEvaluator.shown(new BigDecimal("97.500000")));
        assertEquals("1000", TargetEvaluator.shown(new BigDecimal("1000.000000")));
        assertEquals("0.123457", TargetEvaluator.shown(new BigDecimal("0.123457")));
        assertEquals("3900.00", TargetEvaluator.shown(new BigDecimal("3900.00")), "money keeps its two decimals");
    }

    @Test
    void forwardTargetIsMetAtOrAboveAndScoredProportionallyBelow() {
        Target t = numeric("GE", "90", "%", "90", "%");
        assertEquals(Verdict.MET, TargetEvaluator.evaluate(t, IndicatorActual.reported(new BigDecimal("90"), "%", ON)).verdict());
        TargetEvaluator.Evaluation below = TargetEvaluator.evaluate(t, IndicatorActual.reported(new BigDecimal("85"), "%", ON));
        assertEquals(Verdict.NOT_MET, below.verdict());
        assertEquals(new BigDecimal("94.44"), below.achievementPercent()); // 85 / 90
    }

    @Test
    void reverseMoneyCapComparesInYuanWhateverUnitTheActualUses() {
        Target cap = numeric("LE", "6", "万元", "60000", "元"); // ≤6万元
        assertEquals(Verdict.MET, TargetEvaluator.evaluate(cap, IndicatorActual.reported(new BigDecimal("5.9"), "万元", ON)).verdict());
        TargetEvaluator.Evaluation over = TargetEvaluator.evaluate(cap, IndicatorActual.executedAmount(new BigDecimal("75000.00"), ON));
        assertEquals(Verdict.NOT_MET, over.verdict());
        assertEquals(new BigDecimal("80.00"), over.achievementPercent()); // 60000 / 75000
    }

    @Test
    void strictOperatorsAndEquality() {
        assertEquals(Verdict.NOT_MET, TargetEvaluator.evaluate(numeric("GT", "3", "次", "3", "次"),
                IndicatorActual.reported(new BigDecimal("3"), "次", ON)).verdict());
        TargetEvaluator.Evaluation eq = TargetEvaluator.evaluate(numeric("EQ", "100", "%", "100", "%"),
                IndicatorActual.reported(new BigDecimal("98"), "%", ON));
        assertEquals(Verdict.NOT_MET, eq.verdict());
        assertEquals(new BigDecimal("98.00"), eq.achievementPercent());
    }

    @Test
    void intervalTargetIsMetInsideAndScoredByDistanceOutside() {
        Target interval = new Target("INTERVAL", null, new BigDecimal("90"), new BigDecimal("100"), "%",
                new BigDecimal("90"), new BigDecimal("100"), "%", null, "NEUTRAL");
        assertEquals(Verdict.MET, TargetEvaluator.evaluate(interval, IndicatorActual.reported(new BigDecimal("95"), "%", ON)).verdict());
        TargetEvaluator.Evaluation low = TargetEvaluator.evaluate(interval, IndicatorActual.reported(new BigDecimal("81"), "%", ON));
        assertEquals(Verdict.NOT_MET, low.verdict());
        assertEquals(new BigDecimal("90.00"), low.achievementPercent()); // 81 / 90
    }

    @Test
    void qualitativeTargetNeedsAnAssessment() {
        Target q = new Target("QUALITATIVE", null, null, null, null, null, null, null, null, "NEUTRAL");
        TargetEvaluator.Evaluation none = TargetEvaluator.evaluate(q, IndicatorActual.reported(new BigDecimal("1"), "", ON));
        assertEquals(Verdict.NEEDS_ASSESSMENT, none.verdict());
        assertNull(none.achievementPercent());
        TargetEvaluator.Evaluation partial = TargetEvaluator.evaluate(q,
                IndicatorActual.assessed(IndicatorActual.Assessment.PARTIAL, ON));
        assertEquals(Verdict.NOT_MET, partial.verdict());
        assertEquals(new BigDecimal("70"), partial.achievementPercent());
        assertEquals(Verdict.NO_ACTUAL, TargetEvaluator.evaluate(q, null).verdict());
    }

    @Test
    void incomparableUnitsAreReportedNotGuessed() {
        TargetEvaluator.Evaluation e = TargetEvaluator.evaluate(numeric("GE", "3", "篇", "3", "篇"),
                IndicatorActual.reported(new BigDecimal("3"), "次", ON));
        assertEquals(Verdict.UNIT_MISMATCH, e.verdict());
        assertNull(e.achievementPercent());
    }
}
