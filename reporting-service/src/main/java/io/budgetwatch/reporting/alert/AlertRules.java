package io.budgetwatch.reporting.alert;

import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.events.Units;
import io.budgetwatch.reporting.evaluation.CostCapRule;
import io.budgetwatch.reporting.evaluation.IndicatorActual;
import io.budgetwatch.reporting.evaluation.ProjectFacts;
import io.budgetwatch.reporting.evaluation.TargetEvaluator;
import io.budgetwatch.reporting.progress.ProgressCalculator;
import io.budgetwatch.reporting.progress.ProgressSettings;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The deviation rules: pure functions from a project's facts at a date to the alerts they raise. */
public final class AlertRules {

    private final ProgressSettings progress;
    private final AlertSettings settings;

    public AlertRules(ProgressSettings progress, AlertSettings settings) {
        this.progress = progress;
        this.settings = settings;
    }

    /** Violations that count the moment they happen: overspend and money cost caps. */
    public List<Alert> immediate(ProjectFacts f, LocalDate asOf) {
        List<Alert> alerts = new ArrayList<>();
        if (f.executed().compareTo(f.budget()) > 0) {
            BigDecimal rate = ProgressCalculator.rate(f.executed(), f.budget());
            alerts.add(alert(f, Alert.Rule.OVERSPEND, "v" + f.version(), Alert.Severity.CRITICAL, null, asOf,
                    figures("budget", f.budget(), "executed", f.executed(), "executionRate", rate,
                            "excess", f.executed().subtract(f.budget())),
                    "项目“%s”已超预算：支出 %s 元，预算 %s 元（执行率 %s%%）".formatted(f.name(), plain(f.executed()),
                            plain(f.budget()), plain(rate)),
                    "Project '%s' is over budget: %s yuan paid against a budget of %s yuan (%s%%)".formatted(
                            f.name(), plain(f.executed()), plain(f.budget()), plain(rate))));
        }
        for (ProjectSnapshot.Indicator indicator : f.indicators()) {
            if (!CostCapRule.isMoneyCap(indicator)) {
                continue;
            }
            IndicatorActual actual = f.actualFor(indicator, asOf);
            TargetEvaluator.Evaluation e = TargetEvaluator.evaluate(indicator.target(), actual);
            if (e.verdict() == TargetEvaluator.Verdict.NOT_MET) {
                alerts.add(alert(f, Alert.Rule.COST_CAP_EXCEEDED, "i" + indicator.seq(), Alert.Severity.CRITICAL, null,
                        asOf, figures("indicatorSeq", BigDecimal.valueOf(indicator.seq()), "cap",
                                indicator.target().baseValue(), "actual", e.actualBase()),
                        "项目“%s”成本指标“%s”（%s）已超出：实际 %s 元".formatted(f.name(), indicator.level3(),
                                indicator.targetRaw(), plain(e.actualBase())),
                        "Project '%s': cost indicator '%s' (%s) exceeded, actual %s yuan".formatted(f.name(),
                                indicator.level3(), indicator.targetRaw(), plain(e.actualBase()))));
            }
        }
        return alerts;
    }

    /** The rules evaluated once a checkpoint of the plan has passed, with facts as of that checkpoint. */
    public List<Alert> atCheckpoint(ProjectFacts f, LocalDate checkpoint) {
        List<Alert> alerts = new ArrayList<>(immediate(f, checkpoint));
        boolean yearEnd = !checkpoint.isBefore(LocalDate.of(f.fiscalYear(), 12, 31));
        BigDecimal rate = ProgressCalculator.rate(f.executed(), f.budget());
        BigDecimal planned = f.plan().plannedPercentAt(checkpoint);
        BigDecimal shortfall = planned.subtract(rate);
        String key = checkpoint.toString();
        if (shortfall.compareTo(progress.lagWarningPoints()) > 0) {
            Alert.Severity severity = shortfall.compareTo(progress.lagCriticalPoints()) > 0
                    ? Alert.Severity.CRITICAL : Alert.Severity.WARNING;
            alerts.add(alert(f, Alert.Rule.EXECUTION_LAG, key, severity, checkpoint, checkpoint,
                    figures("budget", f.budget(), "executed", f.executed(), "executionRate", rate,
                            "plannedRate", planned, "shortfallPoints", shortfall),
                    "项目“%s”截至 %s 执行率 %s%%，低于计划 %s%% 达 %s 个百分点".formatted(f.name(), checkpoint,
                            plain(rate), plain(planned), plain(shortfall)),
                    "Project '%s' at %s: execution %s%% is %s points below the planned %s%%".formatted(f.name(),
                            checkpoint, plain(rate), plain(shortfall), plain(planned))));
        }
        List<BigDecimal> achievements = new ArrayList<>();
        for (ProjectSnapshot.Indicator indicator : f.indicators()) {
            IndicatorActual actual = f.actualFor(indicator, checkpoint);
            TargetEvaluator.Evaluation e = TargetEvaluator.evaluate(indicator.target(), actual);
            // Achievement means reported results; a cost cap not yet reached says nothing about progress.
            if (e.achievementPercent() != null && actual.source() == IndicatorActual.Source.REPORTED) {
                achievements.add(e.achievementPercent());
            }
            if (yearEnd && e.verdict() == TargetEvaluator.Verdict.NOT_MET && !CostCapRule.isMoneyCap(indicator)) {
                alerts.add(alert(f, Alert.Rule.INDICATOR_NOT_MET, "i" + indicator.seq() + ":" + key,
                        Alert.Severity.WARNING, checkpoint, checkpoint,
                        figures("indicatorSeq", BigDecimal.valueOf(indicator.seq()), "achievementPercent",
                                e.achievementPercent()),
                        "项目“%s”指标“%s”年末未达成目标 %s：%s".formatted(f.name(), indicator.level3(),
                                indicator.targetRaw(), e.reasonZh()),
                        "Project '%s': indicator '%s' missed its target %s at year end: %s".formatted(f.name(),
                                indicator.level3(), indicator.targetRaw(), e.reasonEn())));
            } else if (!yearEnd && actual != null && isCumulativeCount(indicator)) {
                // A count target (e.g. ≥12次) should be reached in step with the plan.
                BigDecimal expected = indicator.target().baseValue().multiply(planned)
                        .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
                BigDecimal value = Units.normalize(actual.value(), actual.unit()).value();
                if (value != null && value.compareTo(expected) < 0) {
                    alerts.add(alert(f, Alert.Rule.INDICATOR_OFF_TRACK, "i" + indicator.seq() + ":" + key,
                            Alert.Severity.WARNING, checkpoint, checkpoint,
                            figures("indicatorSeq", BigDecimal.valueOf(indicator.seq()), "actual", value,
                                    "expectedByPlan", expected, "target", indicator.target().baseValue()),
                            "项目“%s”指标“%s”截至 %s 完成 %s，按计划应达 %s（目标 %s）".formatted(f.name(),
                                    indicator.level3(), checkpoint, plain(value), plain(expected), indicator.targetRaw()),
                            "Project '%s': indicator '%s' at %s is %s, %s expected by the plan (target %s)".formatted(
                                    f.name(), indicator.level3(), checkpoint, plain(value), plain(expected),
                                    indicator.targetRaw())));
                }
            }
        }
        if (!achievements.isEmpty()) {
            BigDecimal achievement = achievements.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                    .divide(BigDecimal.valueOf(achievements.size()), 2, RoundingMode.HALF_UP);
            BigDecimal gap = rate.subtract(achievement).abs();
            if (gap.compareTo(settings.achievementGapPoints()) > 0) {
                alerts.add(alert(f, Alert.Rule.EXECUTION_ACHIEVEMENT_GAP, key, Alert.Severity.WARNING, checkpoint,
                        checkpoint, figures("executionRate", rate, "indicatorAchievement", achievement, "gapPoints", gap),
                        "项目“%s”截至 %s 执行率 %s%% 与指标完成度 %s%% 相差 %s 个百分点".formatted(f.name(), checkpoint,
                                plain(rate), plain(achievement), plain(gap)),
                        "Project '%s' at %s: execution %s%% and indicator achievement %s%% differ by %s points"
                                .formatted(f.name(), checkpoint, plain(rate), plain(achievement), plain(gap))));
            }
        }
        if (!yearEnd) {
            BigDecimal forecast = forecastRate(f.executed(), f.budget(), f.fiscalYear(), checkpoint);
            if (forecast.compareTo(settings.forecastWarningPercent()) < 0) {
                Alert.Severity severity = forecast.compareTo(settings.forecastCriticalPercent()) < 0
                        ? Alert.Severity.CRITICAL : Alert.Severity.WARNING;
                alerts.add(alert(f, Alert.Rule.YEAR_END_FORECAST, key, severity, checkpoint, checkpoint,
                        figures("executed", f.executed(), "budget", f.budget(), "forecastRate", forecast),
                        "项目“%s”按截至 %s 的支出趋势，年末执行率预计仅 %s%%".formatted(f.name(), checkpoint, plain(forecast)),
                        "Project '%s': at the pace up to %s, the year-end execution rate would be %s%%".formatted(
                                f.name(), checkpoint, plain(forecast))));
            }
        }
        return alerts;
    }

    /** Year-end execution rate if spending continues at the average daily pace so far. */
    static BigDecimal forecastRate(BigDecimal executed, BigDecimal budget, int fiscalYear, LocalDate asOf) {
        LocalDate origin = LocalDate.of(fiscalYear, 1, 1).minusDays(1);
        long elapsed = ChronoUnit.DAYS.between(origin, asOf);
        long year = ChronoUnit.DAYS.between(origin, LocalDate.of(fiscalYear, 12, 31));
        if (elapsed <= 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        BigDecimal projected = executed.multiply(BigDecimal.valueOf(year))
                .divide(BigDecimal.valueOf(Math.min(elapsed, year)), 2, RoundingMode.HALF_UP);
        return ProgressCalculator.rate(projected, budget);
    }

    /** A forward count target (数量, not a percent or money) that accumulates over the year. */
    static boolean isCumulativeCount(ProjectSnapshot.Indicator indicator) {
        ProjectSnapshot.Target t = indicator.target();
        return t != null && t.baseValue() != null && "NUMERIC".equals(t.kind())
                && ("GE".equals(t.operator()) || "GT".equals(t.operator()))
                && !Units.PERCENT.equals(t.baseUnit()) && !Units.YUAN.equals(t.baseUnit())
                && indicator.level2() != null && indicator.level2().contains("数量");
    }

    private static Alert alert(ProjectFacts f, Alert.Rule rule, String key, Alert.Severity severity,
                               LocalDate checkpoint, LocalDate asOf, Map<String, String> figures, String zh, String en) {
        return new Alert(f.code() + ":" + rule + ":" + key, f.code(), f.agencyCode(), f.fiscalYear(), f.name(), rule,
                severity, checkpoint, asOf, figures, zh, en);
    }

    private static Map<String, String> figures(Object... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            map.put((String) pairs[i], value == null ? null : plain((BigDecimal) value));
        }
        return map;
    }

    private static String plain(BigDecimal value) {
        return value == null ? "-" : value.toPlainString();
    }
}
