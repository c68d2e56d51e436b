package io.budgetwatch.goals.support;

import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.goals.document.parse.ParsedDocument;
import io.budgetwatch.goals.document.parse.ParsedDuty;
import io.budgetwatch.goals.document.parse.ParsedIndicator;
import io.budgetwatch.goals.document.parse.ParsedProject;
import io.budgetwatch.goals.document.parse.QualityWarning;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Parse results built by hand, to test storage without depending on the parser. */
public final class TestParsedDocuments {

    private TestParsedDocuments() {
    }

    public static ParsedDocument document(String agency, int year, List<ParsedProject> projects) {
        return new ParsedDocument(agency, "测试单位" + agency, year, "元",
                List.of(new ParsedDuty(1, "1、开展测试工作", "主要职责是测试。", "职责目标是测试。", "绩效目标是测试。",
                        "绩效指标是测试次数。", "绩效标准：充分完成为优。")),
                projects,
                List.of(new QualityWarning(projects.isEmpty() ? null : projects.get(0).code(), 1, "年度服务部门数量",
                        "count-with-percent", "数量指标使用了百分比目标", "A count indicator has a percent target")));
    }

    /** A project with the seed's plan, two indicators (one ≤6万元 cost cap) and two goal lines. */
    public static ParsedProject project(int tableNo, String code, String name, String total, String fiscal,
                                        String other) {
        int year = 2000 + Integer.parseInt(code.substring(6, 8));
        return new ParsedProject(tableNo, code, name, null, null, new BigDecimal(total), new BigDecimal(fiscal),
                new BigDecimal(other), "公务用车正常运转", plan(year),
                List.of("公务用车正常运转", "公务用车正常运转"),
                List.of(new ParsedIndicator(1, "产出指标", "数量指标", "年度服务部门数量", "年度服务部门数量", "≥1个",
                                new ProjectSnapshot.Target("NUMERIC", "GE", new BigDecimal("1"), null, "个",
                                        new BigDecimal("1"), null, "个", null, "POSITIVE"), "年度工作计划"),
                        new ParsedIndicator(2, "产出指标", "成本指标", "资金成本", "资金成本", "≤6万元",
                                new ProjectSnapshot.Target("NUMERIC", "LE", new BigDecimal("6"), null, "万元",
                                        new BigDecimal("60000"), null, "元", null, "NEGATIVE"), "年度工作计划")));
    }

    public static List<ProjectSnapshot.PlanPoint> plan(int year) {
        return List.of(new ProjectSnapshot.PlanPoint(LocalDate.of(year, 3, 31), new BigDecimal("25.00")),
                new ProjectSnapshot.PlanPoint(LocalDate.of(year, 6, 30), new BigDecimal("50.00")),
                new ProjectSnapshot.PlanPoint(LocalDate.of(year, 10, 31), new BigDecimal("75.00")),
                new ProjectSnapshot.PlanPoint(LocalDate.of(year, 12, 31), new BigDecimal("100.00")));
    }

    public static ParsedProject withBudget(ParsedProject p, String total, String fiscal, String other) {
        return new ParsedProject(p.tableNo(), p.code(), p.name(), p.agencyCode(), p.agencyName(),
                new BigDecimal(total), new BigDecimal(fiscal), new BigDecimal(other), p.purpose(), p.plan(),
                p.goals(), p.indicators());
    }

    public static ParsedProject withName(ParsedProject p, String name) {
        return new ParsedProject(p.tableNo(), p.code(), name, p.agencyCode(), p.agencyName(), p.total(), p.fiscal(),
                p.other(), p.purpose(), p.plan(), p.goals(), p.indicators());
    }
}
