package io.budgetwatch.goals.document.parse;

import io.budgetwatch.events.ProjectSnapshot.PlanPoint;
import io.budgetwatch.events.ProjectSnapshot.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plain unit test (no Quarkus): the seed document and the facts issue 3 requires of it. */
class SeedDocumentTest {
    private static final GoalDocumentParser PARSER = new GoalDocumentParser();

    static final List<PlanPoint> SEED_PLAN = List.of(
            new PlanPoint(LocalDate.of(2021, 3, 31), new BigDecimal("25.00")),
            new PlanPoint(LocalDate.of(2021, 6, 30), new BigDecimal("50.00")),
            new PlanPoint(LocalDate.of(2021, 10, 31), new BigDecimal("75.00")),
            new PlanPoint(LocalDate.of(2021, 12, 31), new BigDecimal("100.00")));

    static ParsedDocument seed() {
        return PARSER.parse(TestDocuments.seedText(), "text/plain; charset=utf-8", null);
    }

    static ParsedDocument parse(String format) {
        return switch (format) {
            case "text" -> seed();
            case "text-model" -> PARSER.parse(TestDocuments.seedTextFromModel(), GoalDocumentParser.TEXT, null);
            case "docx" -> PARSER.parse(TestDocuments.seedDocx(), GoalDocumentParser.DOCX, null);
            case "xlsx-template" -> PARSER.parse(TestDocuments.seedXlsx(), GoalDocumentParser.XLSX, null);
            case "xlsx-word-layout" -> PARSER.parse(TestDocuments.seedXlsxWordLayout(), GoalDocumentParser.XLSX, null);
            default -> throw new IllegalArgumentException(format);
        };
    }

    static ParsedProject project(ParsedDocument d, String code) {
        return d.projects().stream().filter(p -> p.code().equals(code)).findFirst().orElseThrow();
    }

    static ParsedIndicator indicator(ParsedProject p, String level3) {
        return p.indicators().stream().filter(i -> i.level3().equals(level3)).findFirst().orElseThrow();
    }

    static List<QualityWarning> warnings(ParsedDocument d, String rule) {
        return d.warnings().stream().filter(w -> w.rule().equals(rule)).toList();
    }

    /** The facts of issue 3, asserted on every format the seed is built in. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "text-model", "docx", "xlsx-template", "xlsx-word-layout"})
    void seedFacts(String format) {
        ParsedDocument d = parse(format);
        assertEquals("213001", d.agencyCode());
        assertEquals("中共秦皇岛市山海关区委统战部本级", d.agencyName());
        assertEquals(2021, d.fiscalYear());
        assertEquals("元", d.moneyUnit());
        assertEquals(7, d.projects().size());
        assertEquals(TestDocuments.SEED_PROJECT_CODES, d.projects().stream().map(ParsedProject::code).toList());
        assertEquals(58, d.indicatorCount());
        assertEquals(List.of(6, 9, 7, 9, 9, 9, 9), d.projects().stream().map(p -> p.indicators().size()).toList());
        assertEquals(new BigDecimal("894000.00"), d.totalBudget());
        assertEquals(3, d.duties().size());
        for (ParsedProject p : d.projects()) {
            assertEquals(SEED_PLAN, p.plan(), p.code());
            assertEquals("213001", p.agencyCode());
            assertEquals(p.total(), p.fiscal().add(p.other()));
            assertEquals(2, p.total().scale());
        }
        // the plan written without % (table 6, 民贸民品贴息)
        assertEquals(SEED_PLAN, project(d, "13030321RSYRAZQQZL6SL").plan());

        ParsedProject car = project(d, "130303210B2L85R7NSB45");
        assertEquals("车辆保险费", car.name());
        assertEquals(new BigDecimal("4000.00"), car.total());
        assertEquals(new BigDecimal("4000.00"), car.fiscal());
        assertEquals(new BigDecimal("0.00"), car.other());
        assertEquals("公务用车正常运转", car.purpose());
        assertEquals(List.of("公务用车正常运转", "公务用车正常运转", "公务用车正常运转"), car.goals());
        ParsedIndicator cost = indicator(car, "资金成本");
        assertEquals("≤4000元", cost.targetRaw());
        assertEquals("产出指标", cost.level1()); // written blank in the table: continues the row above
        assertEquals("成本指标", cost.level2());
        Target t = cost.target();
        assertEquals("NUMERIC", t.kind());
        assertEquals("LE", t.operator());
        assertEquals(0, new BigDecimal("4000").compareTo(t.baseValue()));
        assertEquals("元", t.baseUnit());
        assertEquals("NEGATIVE", t.direction());

        ParsedIndicator sixWan = indicator(project(d, "13030321VD9G2KEVUL475"), "工作开展所需的成本情况");
        assertEquals("≤6万元", sixWan.targetRaw());
        assertEquals(new BigDecimal("6"), sixWan.target().value());
        assertEquals("万元", sixWan.target().unit());
        assertEquals(new BigDecimal("60000"), sixWan.target().baseValue());
        assertEquals("元", sixWan.target().baseUnit());
        assertEquals("NEGATIVE", sixWan.target().direction());

        ParsedProject minority = project(d, "130303210UNGGXM50XP9G");
        assertEquals("提前下达2021年省级少数民族发展资金", minority.name());
        assertEquals(new BigDecimal("220000.00"), minority.total());
        assertEquals("用于少数民族特色村寨建设", minority.purpose());
        assertEquals("冀财规【2020】26号", minority.indicators().get(0).basis());
        assertEquals(List.of("产出指标", "产出指标", "产出指标", "产出指标", "效益指标", "效益指标", "效益指标", "效益指标", "满意度指标"),
                minority.indicators().stream().map(ParsedIndicator::level1).toList());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), minority.indicators().stream().map(ParsedIndicator::seq).toList());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text-model", "docx", "xlsx-template", "xlsx-word-layout"})
    void everyFormatGivesExactlyWhatTheTextExportGives(String format) {
        assertEquals(seed(), parse(format));
    }

    @Test
    void departmentGoalsAreTheThreeDutiesNotSix() {
        List<ParsedDuty> duties = seed().duties();
        assertEquals(List.of(1, 2, 3), duties.stream().map(ParsedDuty::seq).toList());
        assertEquals(List.of("开展统战工作专项业务", "党外干部队伍建设", "统战事务管理工作"),
                duties.stream().map(ParsedDuty::title).toList());
        ParsedDuty second = duties.get(1);
        assertTrue(second.mainDuty().startsWith("负责党外人士的政治安排"), second.mainDuty());
        assertTrue(second.dutyGoal().startsWith("做好党外人士的政治安排"), second.dutyGoal());
        assertTrue(second.performanceGoal().startsWith("提升党外干部队伍整体素质"), second.performanceGoal());
        assertEquals("党外干部培养人数。", second.indicatorText());
        assertEquals("反映党外干部遴选培养情况。", second.standard());
        // "绩效指标课题完成率…" is written without 是
        assertEquals("课题完成率和基层统战工作人员培训比例。", duties.get(2).indicatorText());
        assertTrue(duties.get(0).standard().startsWith("充分保障完成各项工作的为优"));
        // section 三、工作保障措施 is not a duty and does not leak into one
        duties.forEach(d -> assertTrue(!d.standard().contains("保障措施") && !d.standard().contains("一是"), d.standard()));
    }

    @Test
    void qualityWarningsFoundInTheSeed() {
        ParsedDocument d = seed();
        Map<String, Long> byRule = d.warnings().stream()
                .collect(Collectors.groupingBy(QualityWarning::rule, TreeMap::new, Collectors.counting()));
        assertEquals(new TreeMap<>(Map.of(
                "count-with-percent", 4L,
                "cost-not-money-cap", 5L,
                "timeliness-without-time", 1L,
                "qualitative-repeats-name", 1L,
                "description-repeats-name", 50L,
                "same-target-everywhere", 4L,
                "duplicate-goal-lines", 1L)), byRule);

        // 评估报告数量 ≥90% (a count with a percent target)
        QualityWarning count = warnings(d, "count-with-percent").get(0);
        assertEquals("130303210UNGGXM50XP9G", count.projectCode());
        assertEquals(1, count.indicatorSeq());
        assertEquals("评估报告数量", count.indicatorName());
        assertTrue(count.messageZh().contains("≥90%") && count.messageZh().contains("数量"), count.messageZh());
        assertTrue(count.messageEn().contains("percent"), count.messageEn());
        assertEquals(List.of("130303210UNGGXM50XP9G", "13030321BDKAOQ9USZVXT", "13030321DPERPAZTW8YXH", "13030321RSYRAZQQZL6SL"),
                warnings(d, "count-with-percent").stream().map(QualityWarning::projectCode).toList());

        // cost ≥90% (four projects) and ≤3次 (not money); ≤4000元 and ≤6万元 are fine
        List<QualityWarning> cost = warnings(d, "cost-not-money-cap");
        assertEquals(List.of("资金成本", "会议培训标准", "资金成本", "项目成本", "资金成本"),
                cost.stream().map(QualityWarning::indicatorName).toList());
        QualityWarning meeting = cost.get(1);
        assertEquals("13030321A4GNQBCU9KKF1", meeting.projectCode());
        assertEquals(4, meeting.indicatorSeq());
        assertTrue(meeting.messageZh().contains("≤3次"));

        // 助力经济社会发展 ≥3篇 under 时效
        QualityWarning timely = warnings(d, "timeliness-without-time").get(0);
        assertEquals("13030321A4GNQBCU9KKF1", timely.projectCode());
        assertEquals(3, timely.indicatorSeq());
        assertEquals("助力经济社会发展", timely.indicatorName());
        assertTrue(timely.messageZh().contains("≥3篇"));

        // 提供优质服务 / 提供优质服务
        QualityWarning repeats = warnings(d, "qualitative-repeats-name").get(0);
        assertEquals("130303210B2L85R7NSB45", repeats.projectCode());
        assertEquals(5, repeats.indicatorSeq());
        assertEquals("提供优质服务", repeats.indicatorName());

        // descriptions that only repeat the name: 6 of 6 in table 1, only 服务对象满意度 in table 3
        assertEquals(6, warnings(d, "description-repeats-name").stream()
                .filter(w -> w.projectCode().equals("130303210B2L85R7NSB45")).count());
        assertEquals(List.of(7), warnings(d, "description-repeats-name").stream()
                .filter(w -> w.projectCode().equals("13030321A4GNQBCU9KKF1")).map(QualityWarning::indicatorSeq).toList());

        // every target ≥90% in tables 2, 4, 5, 6
        assertEquals(List.of("130303210UNGGXM50XP9G", "13030321BDKAOQ9USZVXT", "13030321DPERPAZTW8YXH", "13030321RSYRAZQQZL6SL"),
                warnings(d, "same-target-everywhere").stream().map(QualityWarning::projectCode).toList());
        assertTrue(warnings(d, "same-target-everywhere").stream().allMatch(w -> w.indicatorSeq() == null));

        QualityWarning goals = warnings(d, "duplicate-goal-lines").get(0);
        assertEquals("130303210B2L85R7NSB45", goals.projectCode());
        assertTrue(goals.messageZh().contains("公务用车正常运转") && goals.messageZh().contains("3"), goals.messageZh());

        // every warning has both languages
        d.warnings().forEach(w -> assertTrue(!w.messageZh().isBlank() && !w.messageEn().isBlank(), w.toString()));
        assertTrue(warnings(d, "project-code-year-mismatch").isEmpty());
    }

    @Test
    void dataIsKeptAsWrittenDespiteWarnings() {
        ParsedDocument d = seed();
        ParsedProject p = project(d, "130303210UNGGXM50XP9G");
        ParsedIndicator reports = p.indicators().get(0);
        assertEquals("≥90%", reports.targetRaw());
        assertEquals("%", reports.target().unit());
        assertEquals(new BigDecimal("90"), reports.target().value());
        ParsedIndicator service = indicator(project(d, "130303210B2L85R7NSB45"), "提供优质服务");
        assertEquals("提供优质服务", service.targetRaw());
        assertEquals("QUALITATIVE", service.target().kind());
    }

    @Test
    void bomAndCrlfAreAccepted() {
        byte[] seed = TestDocuments.seedText();
        String crlf = new String(seed, java.nio.charset.StandardCharsets.UTF_8).replace("\n", "\r\n");
        byte[] body = new byte[3 + crlf.getBytes(java.nio.charset.StandardCharsets.UTF_8).length];
        body[0] = (byte) 0xEF;
        body[1] = (byte) 0xBB;
        body[2] = (byte) 0xBF;
        System.arraycopy(crlf.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, body, 3, body.length - 3);
        assertEquals(seed(), PARSER.parse(body, "TEXT/PLAIN;charset=UTF-8", null));
    }
}
