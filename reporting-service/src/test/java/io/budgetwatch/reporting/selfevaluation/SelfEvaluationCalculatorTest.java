package io.budgetwatch.reporting.selfevaluation;

import io.budgetwatch.events.ProjectSnapshot.Target;
import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.reporting.evaluation.IndicatorActual;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SelfEvaluationCalculatorTest {

    static final LocalDate YEAR_END = LocalDate.of(2021, 12, 31);

    static ProjectSnapshot.Indicator indicator(int seq, String l1, String l2, String l3, String raw, Target target) {
        return new ProjectSnapshot.Indicator(seq, l1, l2, l3, l3, raw, target, "年度工作计划");
    }

    static Target ge(String value, String unit) {
        return new Target("NUMERIC", "GE", new BigDecimal(value), null, unit, new BigDecimal(value), null, unit, null, "POSITIVE");
    }

    /** The seed's first project, 车辆保险费 (budget 4000.00 元), with its six indicators. */
    static List<ProjectSnapshot.Indicator> vehicleInsurance() {
        return List.of(
                indicator(1, "产出指标", "数量指标", "年度服务部门数量", "≥1个", ge("1", "个")),
                indicator(2, "产出指标", "质量指标", "正常使用率", "≥90%", ge("90", "%")),
                indicator(3, "产出指标", "时效指标", "完工及时率", "≥90%", ge("90", "%")),
                indicator(4, "产出指标", "成本指标", "资金成本", "≤4000元",
                        new Target("NUMERIC", "LE", new BigDecimal("4000"), null, "元", new BigDecimal("4000"), null, "元",
                                null, "NEGATIVE")),
                indicator(5, "效益指标", "社会效益指标", "提供优质服务", "提供优质服务",
                        new Target("QUALITATIVE", null, null, null, null, null, null, null, null, "NEUTRAL")),
                indicator(6, "满意度指标", "服务对象满意度指标", "用户使用满意度", "≥90%", ge("90", "%")));
    }

    @Test
    void seedProjectScoredByHand() {
        // Executed 3900.00 of 4000.00 = 97.50 %           -> execution 97.50 * 10 / 100 = 9.75
        // Output 50 points / 4 indicators = 12.5 each:
        //   服务部门数量 1个 vs ≥1个: 100 %                    -> 12.50
        //   正常使用率 85 % vs ≥90 %: 85/90 = 94.44 %          -> 12.5 * 94.44 % = 11.805 -> 11.81
        //   完工及时率 95 % vs ≥90 %: 100 %                    -> 12.50
        //   资金成本 3900 元 (executed) vs ≤4000 元: 100 %     -> 12.50        output = 49.31
        // Benefit 30 points, 提供优质服务 assessed 部分达成: 70 % -> 21.00
        // Satisfaction 10 points, 满意度 80 % vs ≥90 %: 80/90 = 88.89 % -> 8.889 -> 8.89
        // Total 9.75 + 49.31 + 21.00 + 8.89 = 88.95 -> 良 (80–89)
        Map<Integer, IndicatorActual> actuals = Map.of(
                1, IndicatorActual.reported(new BigDecimal("1"), "个", YEAR_END),
                2, IndicatorActual.reported(new BigDecimal("85"), "%", YEAR_END),
                3, IndicatorActual.reported(new BigDecimal("95"), "%", YEAR_END),
                4, IndicatorActual.executedAmount(new BigDecimal("3900.00"), YEAR_END),
                5, IndicatorActual.assessed(IndicatorActual.Assessment.PARTIAL, YEAR_END),
                6, IndicatorActual.reported(new BigDecimal("80"), "%", YEAR_END));
        SelfEvaluationCalculator.Result r = SelfEvaluationCalculator.evaluate(new BigDecimal("97.50"),
                vehicleInsurance(), actuals);
        assertEquals(new BigDecimal("9.75"), r.executionScore());
        assertEquals(new BigDecimal("11.81"), r.indicators().get(1).score());
        assertEquals(new BigDecimal("49.31"), r.levels().get(0).score());
        assertEquals(new BigDecimal("21.00"), r.levels().get(1).score());
        assertEquals(new BigDecimal("8.89"), r.levels().get(2).score());
        assertEquals(new BigDecimal("88.95"), r.total());
        assertEquals("良", r.grade());
    }

    @Test
    void nothingReportedEarnsOnlyTheExecutionPoints() {
        SelfEvaluationCalculator.Result r = SelfEvaluationCalculator.evaluate(new BigDecimal("120.00"),
                vehicleInsurance(), Map.of());
        assertEquals(new BigDecimal("10"), r.executionScore()); // capped at 10
        assertEquals(0, r.total().compareTo(BigDecimal.TEN));
        assertEquals("差", r.grade());
    }

    @Test
    void aMissingLevelCannotEarnItsPointsAndSaysSo() {
        SelfEvaluationCalculator.Result r = SelfEvaluationCalculator.evaluate(new BigDecimal("100"),
                List.of(indicator(1, "产出指标", "数量指标", "培训人数", "≥3次", ge("3", "次"))),
                Map.of(1, IndicatorActual.reported(new BigDecimal("3"), "次", YEAR_END)));
        assertEquals(0, r.total().compareTo(new BigDecimal("60")));
        assertEquals("中", r.grade());
        assertEquals(2, r.notesEn().size());
    }
}
