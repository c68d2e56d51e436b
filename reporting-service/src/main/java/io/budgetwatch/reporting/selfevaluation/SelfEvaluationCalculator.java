package io.budgetwatch.reporting.selfevaluation;

import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.reporting.evaluation.IndicatorActual;
import io.budgetwatch.reporting.evaluation.TargetEvaluator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Year-end self-evaluation (绩效自评) on 100 points, per 财预〔2020〕10号 practice: execution rate 10,
 * output (产出) 50, benefit (效益) 30, satisfaction (满意度) 10. Indicators of a level share its points
 * equally. Forward: actual ÷ target × points; reverse: target ÷ actual × points; both capped.
 * Qualitative: the assessment's band (达成 100 %, 部分达成 70 %, 未达成 30 % of the points).
 * A level without indicators cannot earn its points; the reasons say so.
 */
public final class SelfEvaluationCalculator {

    public enum Level {
        OUTPUT("产出指标", "Output", new BigDecimal("50")),
        BENEFIT("效益指标", "Benefit", new BigDecimal("30")),
        SATISFACTION("满意度指标", "Satisfaction", new BigDecimal("10"));

        final String zh;
        final String en;
        final BigDecimal points;

        Level(String zh, String en, BigDecimal points) {
            this.zh = zh;
            this.en = en;
            this.points = points;
        }

        public BigDecimal points() {
            return points;
        }

        /** Level of an indicator from its 一级指标 text; null when it is none of the three. */
        public static Level of(String level1) {
            if (level1 == null) {
                return null;
            }
            if (level1.contains("产出")) {
                return OUTPUT;
            }
            if (level1.contains("效益")) {
                return BENEFIT;
            }
            if (level1.contains("满意")) {
                return SATISFACTION;
            }
            return null;
        }
    }

    public static final BigDecimal EXECUTION_POINTS = BigDecimal.TEN;

    /** {@code actual}: what the indicator was judged by (null when nothing was reported). */
    public record IndicatorScore(int seq, String level1, String level2, String level3, String targetRaw,
                                 BigDecimal points, BigDecimal achievementPercent, BigDecimal score,
                                 TargetEvaluator.Verdict verdict, String reasonZh, String reasonEn,
                                 IndicatorActual actual) {
    }

    public record LevelScore(Level level, String name, BigDecimal points, int indicatorCount, BigDecimal score) {
    }

    public record Result(BigDecimal executionRate, BigDecimal executionScore, List<LevelScore> levels,
                         List<IndicatorScore> indicators, BigDecimal total, String grade, String gradeEn,
                         List<String> notesZh, List<String> notesEn) {
    }

    private SelfEvaluationCalculator() {
    }

    /**
     * @param executionRate year-end execution rate in percent (e.g. 95.50)
     * @param actuals       latest actual per indicator seq (missing = nothing reported)
     */
    public static Result evaluate(BigDecimal executionRate, List<ProjectSnapshot.Indicator> indicators,
                                  Map<Integer, IndicatorActual> actuals) {
        BigDecimal executionScore = executionRate.multiply(EXECUTION_POINTS)
                .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP).min(EXECUTION_POINTS).max(BigDecimal.ZERO);
        Map<Level, List<ProjectSnapshot.Indicator>> byLevel = new EnumMap<>(Level.class);
        List<String> notesZh = new ArrayList<>();
        List<String> notesEn = new ArrayList<>();
        for (ProjectSnapshot.Indicator indicator : indicators) {
            Level level = Level.of(indicator.level1());
            if (level == null) {
                notesZh.add("指标“" + indicator.level3() + "”的一级指标“" + indicator.level1() + "”不计分");
                notesEn.add("Indicator '" + indicator.level3() + "' has level 1 '" + indicator.level1() + "', not scored");
                continue;
            }
            byLevel.computeIfAbsent(level, k -> new ArrayList<>()).add(indicator);
        }
        List<IndicatorScore> scores = new ArrayList<>();
        List<LevelScore> levels = new ArrayList<>();
        BigDecimal total = executionScore;
        for (Level level : Level.values()) {
            List<ProjectSnapshot.Indicator> members = byLevel.getOrDefault(level, List.of());
            if (members.isEmpty()) {
                notesZh.add(level.zh + "没有指标，" + level.points.toPlainString() + " 分无法得分");
                notesEn.add(level.en + " has no indicators; its " + level.points.toPlainString() + " points cannot be earned");
                levels.add(new LevelScore(level, level.zh, level.points, 0, BigDecimal.ZERO.setScale(2)));
                continue;
            }
            BigDecimal each = level.points.divide(BigDecimal.valueOf(members.size()), 6, RoundingMode.HALF_UP);
            BigDecimal levelScore = BigDecimal.ZERO;
            for (ProjectSnapshot.Indicator indicator : members) {
                TargetEvaluator.Evaluation evaluation = TargetEvaluator.evaluate(indicator.target(),
                        actuals.get(indicator.seq()));
                BigDecimal percent = evaluation.achievementPercent() == null ? BigDecimal.ZERO
                        : evaluation.achievementPercent();
                BigDecimal score = each.multiply(percent).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
                levelScore = levelScore.add(score);
                scores.add(new IndicatorScore(indicator.seq(), indicator.level1(), indicator.level2(),
                        indicator.level3(), indicator.targetRaw(), each.setScale(2, RoundingMode.HALF_UP),
                        evaluation.achievementPercent(), score, evaluation.verdict(), evaluation.reasonZh(),
                        evaluation.reasonEn(), actuals.get(indicator.seq())));
            }
            levels.add(new LevelScore(level, level.zh, level.points, members.size(), levelScore));
            total = total.add(levelScore);
        }
        String[] grade = grade(total);
        return new Result(executionRate, executionScore, levels, scores, total, grade[0], grade[1], notesZh, notesEn);
    }

    /** 优 ≥ 90, 良 80–89.99, 中 60–79.99, 差 < 60. */
    static String[] grade(BigDecimal total) {
        if (total.compareTo(BigDecimal.valueOf(90)) >= 0) {
            return new String[] {"优", "Excellent"};
        }
        if (total.compareTo(BigDecimal.valueOf(80)) >= 0) {
            return new String[] {"良", "Good"};
        }
        if (total.compareTo(BigDecimal.valueOf(60)) >= 0) {
            return new String[] {"中", "Fair"};
        }
        return new String[] {"差", "Poor"};
    }
}
