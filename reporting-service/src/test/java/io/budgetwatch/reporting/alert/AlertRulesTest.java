package io.budgetwatch.reporting.alert;

import io.budgetwatch.events.ProjectSnapshot.Target;
import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.reporting.evaluation.DisbursementPlan;
import io.budgetwatch.reporting.evaluation.IndicatorActual;
import io.budgetwatch.reporting.evaluation.ProjectFacts;
import io.budgetwatch.reporting.progress.ProgressSettings;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertRulesTest {

    static final LocalDate MARCH = LocalDate.of(2021, 3, 31);
    static final LocalDate JUNE = LocalDate.of(2021, 6, 30);

    static final ProgressSettings PROGRESS = new ProgressSettings() {
        public BigDecimal lagWarningPoints() { return BigDecimal.TEN; }
        public BigDecimal lagCriticalPoints() { return BigDecimal.valueOf(20); }
    };

    static final AlertSettings SETTINGS = new AlertSettings() {
        public BigDecimal achievementGapPoints() { return BigDecimal.TEN; }
        public BigDecimal forecastWarningPercent() { return BigDecimal.valueOf(90); }
        public BigDecimal forecastCriticalPercent() { return BigDecimal.valueOf(70); }
        public Duration evaluationInterval() { return Duration.ofMinutes(1); }
        public Duration initialDelay() { return Duration.ofMinutes(1); }
        public boolean schedulerEnabled() { return true; }
        public Map<String, Webhook> webhooks() { return Map.of(); }
        public Delivery delivery() { return null; }
    };

    final AlertRules rules = new AlertRules(PROGRESS, SETTINGS);

    static DisbursementPlan plan() {
        return new DisbursementPlan(2021, List.of(new DisbursementPlan.Checkpoint(MARCH, new BigDecimal("25")),
                new DisbursementPlan.Checkpoint(JUNE, new BigDecimal("50")),
                new DisbursementPlan.Checkpoint(LocalDate.of(2021, 12, 31), new BigDecimal("100"))));
    }

    static ProjectFacts facts(String executed, List<ProjectSnapshot.Indicator> indicators,
                                         Map<Integer, IndicatorActual> actuals) {
        return new ProjectFacts("P", 1, "A", 2021, "项目", new BigDecimal("100000.00"), plan(), indicators,
                actuals, new BigDecimal(executed));
    }

    static ProjectSnapshot.Indicator indicator(int seq, String level2, String raw, Target target) {
        return new ProjectSnapshot.Indicator(seq, "产出指标", level2, "指标" + seq, "指标" + seq, raw, target, "");
    }

    static Target target(String op, String value, String unit) {
        return new Target("NUMERIC", op, new BigDecimal(value), null, unit, new BigDecimal(value), null, unit, null, "POSITIVE");
    }

    private static List<String> ids(List<Alert> alerts) {
        return alerts.stream().map(Alert::id).toList();
    }

    @Test
    void lagIsMeasuredAgainstThePlanWithWarningAndCriticalBands() {
        // 15 000 of 100 000 at 31 March: 15 % vs 25 %, 10 points short: not more than 10, so no alert.
        assertTrue(ids(rules.atCheckpoint(facts("15000.00", List.of(), Map.of()), MARCH)).stream()
                .noneMatch(id -> id.contains("EXECUTION_LAG")));
        // 14 990: 14.99 %, 10.01 points short: warning.
        Alert warning = rules.atCheckpoint(facts("14990.00", List.of(), Map.of()), MARCH).stream()
                .filter(a -> a.rule() == Alert.Rule.EXECUTION_LAG).findFirst().orElseThrow();
        assertEquals(Alert.Severity.WARNING, warning.severity());
        assertEquals("P:EXECUTION_LAG:2021-03-31", warning.id());
        Alert critical = rules.atCheckpoint(facts("4000.00", List.of(), Map.of()), MARCH).stream()
                .filter(a -> a.rule() == Alert.Rule.EXECUTION_LAG).findFirst().orElseThrow();
        assertEquals(Alert.Severity.CRITICAL, critical.severity());
        assertEquals("21.00", critical.figures().get("shortfallPoints"));
    }

    @Test
    void achievementGapCountsReportedResultsOnlyNotAnUntouchedCostCap() {
        ProjectSnapshot.Indicator cap = indicator(1, "成本指标", "≤6万元", new Target("NUMERIC", "LE", new BigDecimal("6"),
                null, "万元", new BigDecimal("60000"), null, "元", null, "NEGATIVE"));
        ProjectSnapshot.Indicator rate = indicator(2, "质量指标", "≥90%", target("GE", "90", "%"));
        // 50 % executed on plan at 30 June; the cap is not reached but that is no "achievement".
        assertTrue(ids(rules.atCheckpoint(facts("50000.00", List.of(cap, rate), Map.of()), JUNE)).stream()
                .noneMatch(id -> id.contains("GAP")));
        // A reported 90 % quality rate (100 % achieved) against 50 % executed: 50 points apart.
        Alert gap = rules.atCheckpoint(facts("50000.00", List.of(cap, rate),
                        Map.of(2, IndicatorActual.reported(new BigDecimal("90"), "%", JUNE))), JUNE).stream()
                .filter(a -> a.rule() == Alert.Rule.EXECUTION_ACHIEVEMENT_GAP).findFirst().orElseThrow();
        assertEquals("50.00", gap.figures().get("gapPoints"));
        assertEquals("100.00", gap.figures().get("indicatorAchievement"));
    }

    @Test
    void aCountTargetBehindThePlanIsOffTrack() {
        ProjectSnapshot.Indicator trainings = indicator(1, "数量指标", "≥12次", target("GE", "12", "次"));
        // By 30 June the plan is at 50 %: 6 of 12 expected, 4 done.
        Alert offTrack = rules.atCheckpoint(facts("50000.00", List.of(trainings),
                        Map.of(1, IndicatorActual.reported(new BigDecimal("4"), "次", JUNE))), JUNE).stream()
                .filter(a -> a.rule() == Alert.Rule.INDICATOR_OFF_TRACK).findFirst().orElseThrow();
        assertEquals("P:INDICATOR_OFF_TRACK:i1:2021-06-30", offTrack.id());
        assertEquals("6.00", offTrack.figures().get("expectedByPlan"));
        assertTrue(rules.atCheckpoint(facts("50000.00", List.of(trainings),
                        Map.of(1, IndicatorActual.reported(new BigDecimal("6"), "次", JUNE))), JUNE).stream()
                .noneMatch(a -> a.rule() == Alert.Rule.INDICATOR_OFF_TRACK));
    }

    @Test
    void forecastExtrapolatesThePaceToTheYearEnd() {
        // 40 000 by 30 June (day 181): 40 000 * 365 / 181 = 80 662.98 -> 80.66 %: warning (below 90, not below 70).
        Alert forecast = rules.atCheckpoint(facts("40000.00", List.of(), Map.of()), JUNE).stream()
                .filter(a -> a.rule() == Alert.Rule.YEAR_END_FORECAST).findFirst().orElseThrow();
        assertEquals("80.66", forecast.figures().get("forecastRate"));
        assertEquals(Alert.Severity.WARNING, forecast.severity());
        assertEquals(Optional.empty(), rules.atCheckpoint(facts("50000.00", List.of(), Map.of()), JUNE).stream()
                .filter(a -> a.rule() == Alert.Rule.YEAR_END_FORECAST).findFirst());
    }
}
