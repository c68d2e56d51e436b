package io.budgetwatch.goals.document.parse;

import io.budgetwatch.events.ProjectSnapshot.Target;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Indicator-quality findings. They never change the data: they only report it. */
final class QualityRules {
    private static final Set<String> MONEY = Set.of("元");
    private static final String TIME_UNIT_CHARS = "天日月年时分秒周季";
    private static final String TIME_TEXT_CHARS = "时日月年天周季期前底";

    private QualityRules() {
    }

    static List<QualityWarning> check(List<ParsedProject> projects, int fiscalYear) {
        List<QualityWarning> out = new ArrayList<>();
        for (ParsedProject p : projects) {
            int codeYear = p.codeYear();
            if (codeYear != fiscalYear) {
                out.add(new QualityWarning(p.code(), null, null, QualityWarning.PROJECT_CODE_YEAR_MISMATCH,
                        "项目编码" + p.code() + "中的年度（" + p.code().substring(6, 8) + "）与预算年度" + fiscalYear + "不一致",
                        "project code " + p.code() + " names year " + p.code().substring(6, 8)
                                + ", not the fiscal year " + fiscalYear));
            }
            for (ParsedIndicator i : p.indicators()) {
                indicator(p, i, out);
            }
            sameTarget(p, out);
            duplicateGoals(p, out);
        }
        return out;
    }

    private static void indicator(ParsedProject p, ParsedIndicator i, List<QualityWarning> out) {
        Target t = i.target();
        String name = i.level3();
        String raw = i.targetRaw();
        boolean numeric = t.kind().equals(TargetParser.NUMERIC) || t.kind().equals(TargetParser.INTERVAL);
        boolean percent = numeric && ("%".equals(t.unit()) || "‰".equals(t.unit()));
        String level2 = i.level2() == null ? "" : i.level2();
        if (level2.contains("数量") && percent) {
            out.add(w(p, i, QualityWarning.COUNT_WITH_PERCENT,
                    "数量指标“" + name + "”的指标值“" + raw + "”是百分比，数量指标应填写绝对数（如个、次、篇）",
                    "quantity indicator \"" + name + "\" has a percent target \"" + raw
                            + "\"; a quantity should be a count (个, 次, 篇 …)"));
        }
        if (level2.contains("成本")) {
            boolean up = "GE".equals(t.operator()) || "GT".equals(t.operator());
            boolean money = numeric && t.baseUnit() != null && MONEY.contains(t.baseUnit());
            if (up || !money) {
                String whyZh = up && !money ? "用了“≥/＞”且不是金额" : up ? "用了“≥/＞”" : "不是以元或万元计的金额";
                String whyEn = up && !money ? "uses ≥/> and is not an amount of money" : up ? "uses ≥/>"
                        : "is not an amount in 元 or 万元";
                out.add(w(p, i, QualityWarning.COST_NOT_MONEY_CAP,
                        "成本指标“" + name + "”的指标值“" + raw + "”" + whyZh + "，成本指标应为“≤金额”的上限",
                        "cost indicator \"" + name + "\" target \"" + raw + "\" " + whyEn
                                + "; a cost indicator should be a cap (≤ an amount in 元/万元)"));
            }
        }
        if (level2.contains("时效") && !hasTime(t, raw)) {
            out.add(w(p, i, QualityWarning.TIMELINESS_WITHOUT_TIME,
                    "时效指标“" + name + "”的指标值“" + raw + "”不含时间、日期或比率",
                    "timeliness indicator \"" + name + "\" target \"" + raw + "\" has no time, date or rate"));
        }
        if (t.kind().equals(TargetParser.QUALITATIVE) && TextNorm.comparable(raw).equals(TextNorm.comparable(name))) {
            out.add(w(p, i, QualityWarning.QUALITATIVE_REPEATS_NAME,
                    "指标“" + name + "”的定性指标值只是重复了指标名称",
                    "the qualitative target of indicator \"" + name + "\" only repeats its name"));
        }
        if (!i.description().isBlank() && TextNorm.comparable(i.description()).equals(TextNorm.comparable(name))) {
            out.add(w(p, i, QualityWarning.DESCRIPTION_REPEATS_NAME,
                    "指标“" + name + "”的绩效指标描述只是重复了指标名称",
                    "the description of indicator \"" + name + "\" only repeats its name"));
        }
        if (t.kind().equals(TargetParser.QUALITATIVE) && TextNorm.hasDigit(raw)) {
            out.add(w(p, i, QualityWarning.TARGET_NOT_UNDERSTOOD,
                    "指标“" + name + "”的指标值“" + raw + "”含有数字，但不是可识别的“符号＋数值＋单位”、区间或日期，按定性指标处理",
                    "indicator \"" + name + "\" target \"" + raw
                            + "\" has digits but is not a recognised operator+number+unit, interval or date; kept as qualitative"));
        }
    }

    private static boolean hasTime(Target t, String raw) {
        if (t.kind().equals(TargetParser.DATE)) {
            return true;
        }
        if (t.kind().equals(TargetParser.QUALITATIVE)) {
            return raw.chars().anyMatch(c -> TIME_TEXT_CHARS.indexOf(c) >= 0);
        }
        String unit = t.unit();
        if (unit == null) {
            return false;
        }
        return unit.equals("%") || unit.equals("‰") || unit.chars().anyMatch(c -> TIME_UNIT_CHARS.indexOf(c) >= 0);
    }

    private static void sameTarget(ParsedProject p, List<QualityWarning> out) {
        List<ParsedIndicator> ind = p.indicators();
        if (ind.size() < 3) {
            return;
        }
        String first = TextNorm.comparable(ind.get(0).targetRaw());
        if (ind.stream().allMatch(i -> TextNorm.comparable(i.targetRaw()).equals(first))) {
            String raw = ind.get(0).targetRaw();
            out.add(new QualityWarning(p.code(), null, null, QualityWarning.SAME_TARGET_EVERYWHERE,
                    "项目全部" + ind.size() + "个指标的指标值都是“" + raw + "”，指标值未按指标分别设定",
                    "all " + ind.size() + " indicators of the project have the same target \"" + raw
                            + "\"; targets were not set per indicator"));
        }
    }

    private static void duplicateGoals(ParsedProject p, List<QualityWarning> out) {
        Map<String, Integer> count = new LinkedHashMap<>();
        Map<String, String> firstText = new LinkedHashMap<>();
        for (String g : p.goals()) {
            String k = TextNorm.comparable(g);
            count.merge(k, 1, Integer::sum);
            firstText.putIfAbsent(k, g);
        }
        count.forEach((k, n) -> {
            if (n > 1) {
                String g = firstText.get(k);
                out.add(new QualityWarning(p.code(), null, null, QualityWarning.DUPLICATE_GOAL_LINES,
                        "绩效目标“" + g + "”重复出现" + n + "次", "goal line \"" + g + "\" appears " + n + " times"));
            }
        });
    }

    private static QualityWarning w(ParsedProject p, ParsedIndicator i, String rule, String zh, String en) {
        return new QualityWarning(p.code(), i.seq(), i.level3(), rule, zh, en);
    }
}
