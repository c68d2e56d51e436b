package io.budgetwatch.reporting.evaluation;

import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.events.ProjectSnapshot.Target;
import io.budgetwatch.reporting.evaluation.TargetEvaluator.Verdict;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CostCapRuleTest {

    static final LocalDate ON = LocalDate.of(2021, 6, 30);
    static final BigDecimal EXECUTED = new BigDecimal("75000.00");

    /** 资金成本 ≤6万元: a money cost cap. */
    static final ProjectSnapshot.Indicator CAP = new ProjectSnapshot.Indicator(1, "产出指标", "成本指标", "资金成本",
            "资金成本", "≤6万元", new Target("NUMERIC", "LE", new BigDecimal("6"), null, "万元", new BigDecimal("60000"),
            null, "元", null, "NEGATIVE"), "");

    /** 质量 ≥90%: not a cap. */
    static final ProjectSnapshot.Indicator RATE = new ProjectSnapshot.Indicator(2, "产出指标", "质量指标", "合格率",
            "合格率", "≥90%", new Target("NUMERIC", "GE", new BigDecimal("90"), null, "%", new BigDecimal("90"), null,
            "%", null, "POSITIVE"), "");

    /** 成本 ≤3次: a 成本 indicator, but what it caps is no money. */
    static final ProjectSnapshot.Indicator COST_COUNT = new ProjectSnapshot.Indicator(3, "产出指标", "成本指标", "次数",
            "次数", "≤3次", new Target("NUMERIC", "LE", new BigDecimal("3"), null, "次", new BigDecimal("3"), null,
            "次", null, "NEGATIVE"), "");

    @Test
    void onlyACostIndicatorCappingMoneyIsAMoneyCap() {
        assertTrue(CostCapRule.isMoneyCap(CAP));
        assertFalse(CostCapRule.isMoneyCap(RATE));
        assertFalse(CostCapRule.isMoneyCap(COST_COUNT));
    }

    @Test
    void aCapWithNothingReportedIsComparedWithTheExecutedAmount() {
        IndicatorActual actual = CostCapRule.actualToCompare(CAP, null, EXECUTED, ON);
        assertEquals(IndicatorActual.executedAmount(EXECUTED, ON), actual);
        assertEquals(Verdict.NOT_MET, TargetEvaluator.evaluate(CAP.target(), actual).verdict());
    }

    @Test
    void aReportedAmountIsWhatTheCapIsComparedWith() {
        IndicatorActual reported = IndicatorActual.reported(new BigDecimal("5.9"), "万元", ON);
        assertSame(reported, CostCapRule.actualToCompare(CAP, reported, EXECUTED, ON));
    }

    /**
     * Where the three copies of the rule differed: the cost cap alert compared the executed amount, the indicator
     * status, the self-evaluation and the checkpoint rules took the assessment. An assessment is no amount: the
     * cap is compared with the money executed, whatever a manager assessed.
     */
    @Test
    void anAssessmentOnACapIsNoAmountSoTheExecutedAmountIsCompared() {
        IndicatorActual assessed = IndicatorActual.assessed(IndicatorActual.Assessment.ACHIEVED, ON);
        IndicatorActual actual = CostCapRule.actualToCompare(CAP, assessed, EXECUTED, ON);
        assertEquals(IndicatorActual.executedAmount(EXECUTED, ON), actual);
        TargetEvaluator.Evaluation e = TargetEvaluator.evaluate(CAP.target(), actual);
        assertEquals(Verdict.NOT_MET, e.verdict());
        assertEquals(new BigDecimal("75000.00"), e.actualBase());
    }

    @Test
    void anyOtherIndicatorIsJudgedByWhatWasReportedIfAnything() {
        assertNull(CostCapRule.actualToCompare(RATE, null, EXECUTED, ON));
        assertNull(CostCapRule.actualToCompare(COST_COUNT, null, EXECUTED, ON));
        IndicatorActual assessed = IndicatorActual.assessed(IndicatorActual.Assessment.PARTIAL, ON);
        assertSame(assessed, CostCapRule.actualToCompare(RATE, assessed, EXECUTED, ON));
    }

    @Test
    void projectFactsApplyTheSameRule() {
        IndicatorActual assessed = IndicatorActual.assessed(IndicatorActual.Assessment.ACHIEVED, ON);
        ProjectFacts f = new ProjectFacts("P", 1, "A", 2021, "项目", new BigDecimal("100000.00"),
                new DisbursementPlan(2021, List.of()), List.of(CAP, RATE),
                Map.of(1, assessed, 2, assessed), EXECUTED);
        assertEquals(IndicatorActual.executedAmount(EXECUTED, ON), f.actualFor(CAP, ON));
        assertSame(assessed, f.actualFor(RATE, ON));
    }
}
