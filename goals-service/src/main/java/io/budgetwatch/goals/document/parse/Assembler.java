package io.budgetwatch.goals.document.parse;

import io.budgetwatch.events.ProjectSnapshot.PlanPoint;
import io.budgetwatch.events.ProjectSnapshot.Target;
import io.budgetwatch.goals.document.parse.RawDocument.RawIndicator;
import io.budgetwatch.goals.document.parse.RawDocument.RawProject;
import io.budgetwatch.goals.document.parse.RawDocument.Val;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns what a reader found into a ParsedDocument: converts, validates (refusing with a location), warns. */
final class Assembler {
    static final Pattern PROJECT_CODE = Pattern.compile("^\\d{6}\\d{2}[0-9A-Za-z]{13}$");
    private static final Pattern DECIMAL = Pattern.compile("^[+-]?\\d+(?:\\.\\d+)?$");
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private Assembler() {
    }

    static ParsedDocument assemble(RawDocument raw, Integer fiscalYearHint) {
        if (fiscalYearHint != null && (fiscalYearHint < 2000 || fiscalYearHint > 2099)) {
            throw new DocumentRejectedException("bad-fiscal-year", "fiscalYear",
                    "预算年度" + fiscalYearHint + "不在2000至2099之间",
                    "fiscal year " + fiscalYearHint + " is not between 2000 and 2099");
        }
        if (raw.projects.isEmpty()) {
            throw new DocumentRejectedException("no-project-table", "项目编码",
                    "文档中没有项目", "the document holds no project");
        }
        Map<String, RawProject> byCode = new HashMap<>();
        for (RawProject p : raw.projects) {
            if (p.code == null || p.code.isBlank()) {
                throw DocumentRejectedException.at(p.code == null ? p.loc : p.code.loc(), "missing-field", "项目编码",
                        "项目编码为空", "the project code is empty");
            }
            String code = TextNorm.trim(p.code.text());
            if (!PROJECT_CODE.matcher(code).matches()) {
                throw DocumentRejectedException.at(p.code.loc(), "bad-project-code", "项目编码",
                        "项目编码“" + code + "”不是21位（6位区划码＋2位年度＋13位字母或数字），共" + code.length() + "位",
                        "project code \"" + code + "\" is not 21 characters (6-digit division + 2-digit year + 13 letters or digits); it has "
                                + code.length());
            }
            RawProject dup = byCode.putIfAbsent(code, p);
            if (dup != null) {
                throw DocumentRejectedException.at(p.code.loc(), "duplicate-project-code", "项目编码",
                        "项目编码" + code + "在表" + dup.tableNo + "中已经出现过",
                        "project code " + code + " already appears in table " + dup.tableNo);
            }
        }
        RawProject first = raw.projects.get(0);
        for (RawProject p : raw.projects) {
            if (p.agencyCode == null) {
                throw DocumentRejectedException.at(p.loc, "missing-agency", "预算单位",
                        "找不到项目所属预算单位（如“213001中共……本级”）",
                        "cannot find the budget unit (agency code and name, e.g. 213001中共…本级) of the project");
            }
            if (!p.agencyCode.equals(first.agencyCode)) {
                throw DocumentRejectedException.at(p.loc, "mixed-agencies", "预算单位",
                        "一份文档只能属于一个预算单位：表" + p.tableNo + "属于" + p.agencyCode + "，表1属于" + first.agencyCode,
                        "a document belongs to one budget unit: table " + p.tableNo + " is " + p.agencyCode
                                + ", table 1 is " + first.agencyCode);
            }
        }
        int year = fiscalYear(raw, fiscalYearHint);

        List<ParsedProject> projects = new ArrayList<>();
        for (RawProject p : raw.projects) {
            projects.add(project(p, year));
        }
        List<QualityWarning> warnings = QualityRules.check(projects, year);
        return new ParsedDocument(first.agencyCode, first.agencyName, year, TextNorm.trim(first.unit.text()),
                raw.duties, projects, warnings);
    }

    private static int fiscalYear(RawDocument raw, Integer hint) {
        if (hint != null) {
            return hint;
        }
        if (raw.titleYear != null && raw.titleYear >= 2000 && raw.titleYear <= 2099) {
            return raw.titleYear;
        }
        Set<Integer> years = new LinkedHashSet<>();
        for (RawProject p : raw.projects) {
            years.add(2000 + Integer.parseInt(TextNorm.trim(p.code.text()).substring(6, 8)));
        }
        if (years.size() == 1) {
            return years.iterator().next();
        }
        throw new DocumentRejectedException("fiscal-year-unknown", "fiscalYear",
                "无法确定预算年度：项目编码中的年度不一致（" + years + "），标题中也没有年度；请指定fiscalYear",
                "cannot tell the fiscal year: the project codes name different years (" + years
                        + ") and the title names none; pass fiscalYear");
    }

    private static ParsedProject project(RawProject p, int year) {
        if (p.unit == null) {
            throw DocumentRejectedException.at(p.total.loc(), "missing-money-unit", "单位",
                    "找不到金额单位（如“单位：元”或“单位：万元”）",
                    "no money unit line (单位：元 or 单位：万元) before the amounts");
        }
        String unit = TextNorm.squeeze(TextNorm.halfWidth(p.unit.text()));
        if (!unit.equals("元") && !unit.equals("万元")) {
            throw DocumentRejectedException.at(p.unit.loc(), "unknown-money-unit", "单位",
                    "金额单位“" + p.unit.text() + "”无法识别，只接受“元”或“万元”",
                    "unknown money unit \"" + p.unit.text() + "\"; only 元 and 万元 are accepted");
        }
        boolean wan = unit.equals("万元");
        BigDecimal total = amount(p.total, wan, "预算数", true);
        BigDecimal fiscal = amount(p.fiscal, wan, "财政资金", false);
        BigDecimal other = p.other == null ? BigDecimal.ZERO.setScale(2) : amount(p.other, wan, "其他资金", false);
        if (total.compareTo(fiscal.add(other)) != 0) {
            throw DocumentRejectedException.at(p.total.loc(), "budget-sum-mismatch", "预算数",
                    "预算数" + total.toPlainString() + "元不等于财政资金" + fiscal.toPlainString() + "元与其他资金"
                            + other.toPlainString() + "元之和",
                    "budget " + total.toPlainString() + " yuan is not fiscal funds " + fiscal.toPlainString()
                            + " + other funds " + other.toPlainString() + " yuan");
        }
        List<PlanPoint> plan = plan(p, year);
        List<ParsedIndicator> indicators = indicators(p, year);
        return new ParsedProject(p.tableNo, TextNorm.trim(p.code.text()), TextNorm.trim(p.name.text()),
                p.agencyCode, p.agencyName, total, fiscal, other, p.purpose == null ? "" : p.purpose, plan,
                p.goals, indicators);
    }

    /** An amount in yuan, scale 2; 万元 multiplied by 10000 exactly; refuses anything not exact. */
    static BigDecimal amount(Val v, boolean wan, String label, boolean required) {
        String s = TextNorm.squeeze(TextNorm.halfWidth(v.text())).replace(",", "");
        if (s.isEmpty() || s.equals("-") || s.equals("—") || s.equals("--") || s.equals("——")) {
            if (!required) {
                return BigDecimal.ZERO.setScale(2);
            }
            throw DocumentRejectedException.at(v.loc(), "bad-amount", label,
                    label + "为空", label + " is empty");
        }
        if (!DECIMAL.matcher(s).matches()) {
            throw DocumentRejectedException.at(v.loc(), "bad-amount", label,
                    label + "“" + v.text() + "”不是数字", label + " \"" + v.text() + "\" is not a number");
        }
        BigDecimal n = new BigDecimal(s);
        if (n.signum() < 0) {
            throw DocumentRejectedException.at(v.loc(), "bad-amount", label,
                    label + "“" + v.text() + "”为负数", label + " \"" + v.text() + "\" is negative");
        }
        if (wan) {
            n = n.movePointRight(4);
        }
        BigDecimal stripped = n.stripTrailingZeros();
        if (stripped.scale() > 2) {
            throw DocumentRejectedException.at(v.loc(), "bad-amount", label,
                    label + "“" + v.text() + "”" + (wan ? "万元" : "元") + "换算成元后超过两位小数（分）",
                    label + " \"" + v.text() + "\" " + (wan ? "万元" : "元") + " has more than 2 decimals in yuan (below a fen)");
        }
        return n.setScale(2);
    }

    private static List<PlanPoint> plan(RawProject p, int year) {
        List<PlanPoint> plan = new ArrayList<>();
        LocalDate previousDate = null;
        BigDecimal previous = null;
        for (int i = 0; i < p.checkpoints.size(); i++) {
            Val label = p.checkpoints.get(i);
            Val value = p.percents.get(i);
            Checkpoints.Point cp = Checkpoints.parse(label.text());
            if (cp == null) {
                throw DocumentRejectedException.at(label.loc(), "bad-checkpoint", "资金支出计划",
                        "无法识别资金支出计划的时间节点“" + label.text() + "”（应如“3月底”“6月30日”）",
                        "cannot read the disbursement-plan checkpoint \"" + label.text() + "\" (expected e.g. 3月底, 6月30日)");
            }
            if (cp.year() != null && cp.year() != year) {
                throw DocumentRejectedException.at(label.loc(), "checkpoint-outside-year", "资金支出计划",
                        "时间节点“" + label.text() + "”不在预算年度" + year + "年内",
                        "checkpoint \"" + label.text() + "\" is not in fiscal year " + year);
            }
            LocalDate date;
            try {
                date = cp.in(year);
            } catch (DateTimeException e) {
                throw DocumentRejectedException.at(label.loc(), "bad-checkpoint", "资金支出计划",
                        "时间节点“" + label.text() + "”在" + year + "年不存在",
                        "checkpoint \"" + label.text() + "\" does not exist in " + year);
            }
            if (previousDate != null && !date.isAfter(previousDate)) {
                throw DocumentRejectedException.at(label.loc(), "bad-checkpoint-order", "资金支出计划",
                        "时间节点“" + label.text() + "”不晚于前一个节点" + previousDate,
                        "checkpoint \"" + label.text() + "\" is not after the previous one (" + previousDate + ")");
            }
            BigDecimal pct = percent(value);
            if (pct.signum() < 0 || pct.compareTo(HUNDRED) > 0) {
                throw DocumentRejectedException.at(value.loc(), "plan-out-of-range", "资金支出计划",
                        "资金支出计划“" + value.text() + "”不在0%至100%之间",
                        "disbursement plan value \"" + value.text() + "\" is not between 0% and 100%");
            }
            if (previous != null && pct.compareTo(previous) < 0) {
                throw DocumentRejectedException.at(value.loc(), "plan-decreasing", "资金支出计划",
                        "累计支出计划从" + previous.toPlainString() + "%降到" + pct.toPlainString() + "%（" + label.text()
                                + "），累计进度不能减少",
                        "the cumulative plan decreases from " + previous.toPlainString() + "% to " + pct.toPlainString()
                                + "% at " + label.text());
            }
            plan.add(new PlanPoint(date, pct));
            previous = pct;
            previousDate = date;
        }
        if (previous == null || previous.compareTo(HUNDRED) != 0) {
            Val last = p.percents.isEmpty() ? p.planLabel : p.percents.get(p.percents.size() - 1);
            throw DocumentRejectedException.at(last.loc(), "plan-incomplete", "资金支出计划",
                    "资金支出计划到最后一个节点（不晚于12月31日）应累计达到100%，实为" + (previous == null ? "空" : previous.toPlainString() + "%"),
                    "the cumulative plan must reach 100% at its last checkpoint (by 31 December); it ends at "
                            + (previous == null ? "nothing" : previous.toPlainString() + "%"));
        }
        return plan;
    }

    private static BigDecimal percent(Val v) {
        String s = TextNorm.squeeze(TextNorm.halfWidth(v.text()));
        if (s.endsWith("%")) {
            s = s.substring(0, s.length() - 1);
        }
        if (!DECIMAL.matcher(s).matches()) {
            throw DocumentRejectedException.at(v.loc(), "bad-plan-percent", "资金支出计划",
                    "资金支出计划“" + v.text() + "”不是百分比", "disbursement plan value \"" + v.text() + "\" is not a percent");
        }
        BigDecimal n = new BigDecimal(s);
        if (n.stripTrailingZeros().scale() > 2) {
            throw DocumentRejectedException.at(v.loc(), "bad-plan-percent", "资金支出计划",
                    "资金支出计划“" + v.text() + "”超过两位小数", "disbursement plan value \"" + v.text() + "\" has more than 2 decimals");
        }
        return n.setScale(2, java.math.RoundingMode.UNNECESSARY);
    }

    private static List<ParsedIndicator> indicators(RawProject p, int year) {
        List<ParsedIndicator> out = new ArrayList<>();
        String l1 = null;
        String l2 = null;
        for (RawIndicator r : p.indicators) {
            boolean newL1 = !r.level1().isBlank();
            if (newL1) {
                l1 = TextNorm.trim(r.level1().text());
            } else if (l1 == null) {
                throw DocumentRejectedException.at(r.level1().loc(), "missing-level1", "一级指标",
                        "第一个指标的一级指标为空", "the first indicator has no 一级指标");
            }
            if (!r.level2().isBlank()) {
                l2 = TextNorm.trim(r.level2().text());
            } else if (newL1 || l2 == null) {
                throw DocumentRejectedException.at(r.level2().loc(), "missing-level2", "二级指标",
                        "一级指标“" + l1 + "”下的二级指标为空", "no 二级指标 under 一级指标 " + l1);
            }
            if (r.level3().isBlank()) {
                throw DocumentRejectedException.at(r.level3().loc(), "missing-indicator-name", "三级指标",
                        "三级指标（指标名称）为空", "the 三级指标 (indicator name) is empty");
            }
            if (r.target().isBlank()) {
                throw DocumentRejectedException.at(r.target().loc(), "missing-target", "指标值",
                        "指标“" + TextNorm.trim(r.level3().text()) + "”的指标值为空",
                        "indicator " + TextNorm.trim(r.level3().text()) + " has no target value");
            }
            String raw = TextNorm.trim(r.target().text());
            Target t = TargetParser.parse(raw, year);
            if ((t.kind().equals(TargetParser.NUMERIC) || t.kind().equals(TargetParser.INTERVAL))
                    && (!r.operator().isBlank() || !r.unit().isBlank())) {
                String composed = (t.operator() == null ? TextNorm.trim(r.operator()) : "") + raw
                        + (t.unit() == null ? TextNorm.trim(r.unit()) : "");
                Target c = TargetParser.parse(composed, year);
                if (!c.kind().equals(TargetParser.QUALITATIVE)) {
                    t = c;
                }
            }
            out.add(new ParsedIndicator(out.size() + 1, l1, l2, TextNorm.trim(r.level3().text()),
                    TextNorm.trim(r.description().text()), raw, t, TextNorm.trim(r.basis().text())));
        }
        return out;
    }
}
