package io.budgetwatch.goals.document.parse;

import io.budgetwatch.events.ProjectSnapshot.PlanPoint;
import io.budgetwatch.goals.document.parse.TestDocuments.GoalDoc;
import io.budgetwatch.goals.document.parse.TestDocuments.Project;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static io.budgetwatch.goals.document.parse.TestDocuments.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Plain unit test (no Quarkus): documents that differ from the seed the way other departments'
 * documents do, in every format the variation can be written in.
 */
class DocumentVariationsTest {
    private static final GoalDocumentParser PARSER = new GoalDocumentParser();

    static ParsedDocument parse(GoalDoc d, String format) {
        return parse(d, format, null);
    }

    static ParsedDocument parse(GoalDoc d, String format, Integer hint) {
        return switch (format) {
            case "text" -> PARSER.parse(d.toText(), GoalDocumentParser.TEXT, hint);
            case "docx" -> PARSER.parse(d.toDocx(), GoalDocumentParser.DOCX, hint);
            case "xlsx-template" -> PARSER.parse(d.toXlsxTemplate(), GoalDocumentParser.XLSX, hint);
            case "xlsx-word-layout" -> PARSER.parse(d.toXlsxWordLayout(), GoalDocumentParser.XLSX, hint);
            default -> throw new IllegalArgumentException(format);
        };
    }

    private static List<ParsedProject> seedProjects() {
        return SeedDocumentTest.seed().projects();
    }

    /** Every amount of the seed rewritten in 万元 (4000.00 元 = 0.4 万元). */
    private static GoalDoc inWan() {
        GoalDoc d = TestDocuments.seed();
        for (Project p : d.projects) {
            p.unitLine = "单位：万元";
            p.total = new BigDecimal(p.total).movePointLeft(4).stripTrailingZeros().toPlainString();
            p.fiscal = new BigDecimal(p.fiscal).movePointLeft(4).stripTrailingZeros().toPlainString();
            p.other = new BigDecimal(p.other).movePointLeft(4).stripTrailingZeros().toPlainString();
        }
        return d;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "docx", "xlsx-template", "xlsx-word-layout"})
    void amountsInWanAreConvertedExactly(String format) {
        GoalDoc d = inWan();
        assertEquals("0.4", d.projects.get(0).total);
        ParsedDocument doc = parse(d, format);
        assertEquals("万元", doc.moneyUnit());
        assertEquals(new BigDecimal("894000.00"), doc.totalBudget());
        assertEquals(new BigDecimal("4000.00"), doc.projects().get(0).total());
        assertEquals(new BigDecimal("220000.00"), doc.projects().get(1).fiscal());
        assertEquals(seedProjects(), doc.projects());
    }

    @Test
    void wanWithFourDecimalsIsExactToTheYuan() {
        GoalDoc d = TestDocuments.seed().only("130303210B2L85R7NSB45");
        Project p = d.projects.get(0);
        p.unitLine = "单位：万元";
        p.total = "12.3457";
        p.fiscal = "12.3456";
        p.other = "0.0001";
        ParsedProject parsed = parse(d, "text").projects().get(0);
        assertEquals(new BigDecimal("123457.00"), parsed.total());
        assertEquals(new BigDecimal("123456.00"), parsed.fiscal());
        assertEquals(new BigDecimal("1.00"), parsed.other());
        p.total = "12.345601";
        p.fiscal = "12.3456";
        p.other = "0.000001";
        parsed = parse(d, "text").projects().get(0);
        assertEquals(new BigDecimal("123456.01"), parsed.total());
        assertEquals(new BigDecimal("0.01"), parsed.other());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "docx", "xlsx-template", "xlsx-word-layout"})
    void checkpointsAreData(String format) {
        GoalDoc d = TestDocuments.seed();
        for (Project p : d.projects) {
            p.checkpoints = list("3月底", "6月30日", "9月底", "12月31日");
        }
        ParsedDocument doc = parse(d, format);
        List<PlanPoint> expected = List.of(
                new PlanPoint(LocalDate.of(2021, 3, 31), new BigDecimal("25.00")),
                new PlanPoint(LocalDate.of(2021, 6, 30), new BigDecimal("50.00")),
                new PlanPoint(LocalDate.of(2021, 9, 30), new BigDecimal("75.00")),
                new PlanPoint(LocalDate.of(2021, 12, 31), new BigDecimal("100.00")));
        doc.projects().forEach(p -> assertEquals(expected, p.plan(), p.code()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "docx", "xlsx-template", "xlsx-word-layout"})
    void otherCheckpointSpellingsAndCounts(String format) {
        GoalDoc d = TestDocuments.seed().only("130303210B2L85R7NSB45", "13030321A4GNQBCU9KKF1");
        for (Project p : d.projects) {
            p.checkpoints = list("第一季度", "上半年", "2021年11月15日", "年底");
            p.percents = list("10", "40.5", "80.25", "100");
        }
        ParsedProject p = parse(d, format).projects().get(1);
        assertEquals(List.of(
                new PlanPoint(LocalDate.of(2021, 3, 31), new BigDecimal("10.00")),
                new PlanPoint(LocalDate.of(2021, 6, 30), new BigDecimal("40.50")),
                new PlanPoint(LocalDate.of(2021, 11, 15), new BigDecimal("80.25")),
                new PlanPoint(LocalDate.of(2021, 12, 31), new BigDecimal("100.00"))), p.plan());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "docx", "xlsx-template", "xlsx-word-layout"})
    void plansWithoutPercentSign(String format) {
        GoalDoc d = TestDocuments.seed();
        for (Project p : d.projects) {
            p.percents = list("25", "50", "75", "100");
        }
        ParsedDocument doc = parse(d, format);
        doc.projects().forEach(p -> assertEquals(SeedDocumentTest.SEED_PLAN, p.plan(), p.code()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "docx", "xlsx-template", "xlsx-word-layout"})
    void blankLevelCellsContinueTheRowAbove(String format) {
        GoalDoc d = TestDocuments.seed().only("13030321A4GNQBCU9KKF1");
        Project p = d.projects.get(0);
        p.indicators.clear();
        p.indicator("产出指标|数量指标|活动开展次数|年度内开展活动次数|≥3次|年度工作计划");
        p.indicator("||培训人次|年度培训人次|280人次|年度工作计划");
        p.indicator("||调研报告|年度调研报告|≥2篇|年度工作计划");
        p.indicator("|时效指标|完成时间|任务完成时间|2021年12月31日前|年度工作计划");
        p.indicator("效益指标|社会效益指标|统战氛围|统战氛围|持续改善|年度工作计划");
        p.indicator("||社会认可|社会认可度|90%-100%|年度工作计划");
        p.indicator("满意度指标|服务对象满意度指标|满意度|服务对象满意度|≥95%|年度工作计划");
        ParsedProject parsed = parse(d, format).projects().get(0);
        assertEquals(List.of("产出指标", "产出指标", "产出指标", "产出指标", "效益指标", "效益指标", "满意度指标"),
                parsed.indicators().stream().map(ParsedIndicator::level1).toList());
        assertEquals(List.of("数量指标", "数量指标", "数量指标", "时效指标", "社会效益指标", "社会效益指标", "服务对象满意度指标"),
                parsed.indicators().stream().map(ParsedIndicator::level2).toList());
        assertEquals("NUMERIC", parsed.indicators().get(1).target().kind());
        assertEquals(null, parsed.indicators().get(1).target().operator());
        assertEquals("DATE", parsed.indicators().get(3).target().kind());
        assertEquals(LocalDate.of(2021, 12, 31), parsed.indicators().get(3).target().deadline());
        assertEquals("INTERVAL", parsed.indicators().get(5).target().kind());
        assertEquals("QUALITATIVE", parsed.indicators().get(4).target().kind());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "docx", "xlsx-template", "xlsx-word-layout"})
    void documentWithoutPart1(String format) {
        GoalDoc d = TestDocuments.seed().withoutPart1();
        ParsedDocument doc = parse(d, format);
        assertTrue(doc.duties().isEmpty());
        assertEquals(seedProjects(), doc.projects());
        assertEquals(SeedDocumentTest.seed().warnings(), doc.warnings());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "docx", "xlsx-template", "xlsx-word-layout"})
    void oneProjectAndProjectsInAnotherOrder(String format) {
        ParsedDocument one = parse(TestDocuments.seed().only("13030321VD9G2KEVUL475"), format);
        assertEquals(1, one.projects().size());
        assertEquals(9, one.indicatorCount());
        assertEquals(new BigDecimal("60000.00"), one.totalBudget());
        assertEquals(2021, one.fiscalYear());

        ParsedDocument two = parse(TestDocuments.seed().only("13030321RSYRAZQQZL6SL", "130303210B2L85R7NSB45"), format);
        assertEquals(List.of("13030321RSYRAZQQZL6SL", "130303210B2L85R7NSB45"),
                two.projects().stream().map(ParsedProject::code).toList());
        assertEquals(List.of(1, 2), two.projects().stream().map(ParsedProject::tableNo).toList());
        assertEquals(new BigDecimal("204000.00"), two.totalBudget());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "docx", "xlsx-word-layout"})
    void indicatorsInTheSameTableAsTheProject(String format) {
        GoalDoc d = TestDocuments.seed();
        d.separateIndicatorTable = false;
        assertEquals(seedProjects(), parse(d, format).projects());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "docx", "xlsx-template", "xlsx-word-layout"})
    void indicatorColumnsFoundByHeaderNotPosition(String format) {
        GoalDoc d = TestDocuments.seed();
        for (Project p : d.projects) {
            // move 指标值 to the front and 三级指标 to the end
            for (List<String> row : p.indicators) {
                row.add(0, row.remove(4));
                row.add(row.remove(3));
            }
            p.indicatorHeader = list("指标值", "一级指标", "二级指标", "绩效指标描述", "指标值确定依据", "三级指标");
        }
        assertEquals(seedProjects(), parse(d, format).projects());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "docx", "xlsx-word-layout"})
    void agencyAndUnitAsParagraphsAboveTheTable(String format) {
        GoalDoc d = TestDocuments.seed();
        d.projects.forEach(p -> p.preambleAsParagraphs = true);
        ParsedDocument doc = parse(d, format);
        assertEquals("213001", doc.agencyCode());
        assertEquals(seedProjects(), doc.projects());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "docx", "xlsx-word-layout"})
    void oneUnitLineForTheWholeDocument(String format) {
        GoalDoc d = inWan();
        d.projects.forEach(p -> p.unitLine = null);
        d.part2Lead = list(" 第二部分", "预算项目绩效目标", "单位：万元", "");
        ParsedDocument doc = parse(d, format);
        assertEquals("万元", doc.moneyUnit());
        assertEquals(seedProjects(), doc.projects());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "docx", "xlsx-template", "xlsx-word-layout"})
    void fiscalYearHintWinsAndCodeYearMismatchIsWarned(String format) {
        ParsedDocument doc = parse(TestDocuments.seed(), format, 2022);
        assertEquals(2022, doc.fiscalYear());
        doc.projects().forEach(p -> assertEquals(LocalDate.of(2022, 12, 31), p.plan().get(3).checkpoint()));
        List<QualityWarning> mismatch = doc.warnings().stream()
                .filter(w -> w.rule().equals("project-code-year-mismatch")).toList();
        assertEquals(TestDocuments.SEED_PROJECT_CODES, mismatch.stream().map(QualityWarning::projectCode).toList());
        assertTrue(mismatch.get(0).messageZh().contains("2022"), mismatch.get(0).messageZh());
        assertTrue(mismatch.get(0).messageEn().contains("2022"), mismatch.get(0).messageEn());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "docx", "xlsx-word-layout"})
    void titleYearWinsOverCodes(String format) {
        GoalDoc d = TestDocuments.seed();
        d.lead = list("中共秦皇岛市山海关区委统战部2022年度预算绩效目标", " 第一部分", "部门整体绩效目标");
        ParsedDocument doc = parse(d, format);
        assertEquals(2022, doc.fiscalYear());
        assertEquals(7, doc.warnings().stream().filter(w -> w.rule().equals("project-code-year-mismatch")).count());
    }

    @Test
    void templateYearColumnAndBlankCodeContinuation() throws Exception {
        byte[] xlsx = TestDocuments.seed().toXlsxTemplate();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet projects = wb.getSheet("项目");
            projects.getRow(0).createCell(12).setCellValue("年度");
            for (int r = 1; r <= 7; r++) {
                projects.getRow(r).createCell(12).setCellValue(2021);
            }
            Sheet ind = wb.getSheet("指标");
            String previous = null;
            for (int r = 1; r <= ind.getLastRowNum(); r++) {
                Row row = ind.getRow(r);
                String code = row.getCell(0).getStringCellValue();
                if (code.equals(previous)) {
                    row.getCell(0).setBlank();
                }
                previous = code;
            }
            wb.write(out);
            ParsedDocument doc = PARSER.parse(out.toByteArray(), GoalDocumentParser.XLSX, null);
            assertEquals(SeedDocumentTest.seed(), doc);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "docx", "xlsx-template", "xlsx-word-layout"})
    void operatorAndUnitInTheirOwnColumns(String format) {
        GoalDoc d = TestDocuments.seed().only("130303210B2L85R7NSB45");
        Project p = d.projects.get(0);
        p.indicatorHeader = list("一级指标", "二级指标", "三级指标", "指标性质", "指标值", "计量单位", "指标值确定依据");
        p.indicators.clear();
        p.indicator("产出指标|数量指标|年度服务部门数量|≥|1|个|年度工作计划");
        p.indicator("|成本指标|资金成本|≤|0.4|万元|年度工作计划");
        p.indicator("满意度指标|服务对象满意度指标|用户使用满意度|≥|90|%|年度工作计划");
        p.indicator("效益指标|社会效益指标|提供优质服务||提供优质服务||年度工作计划");
        ParsedProject parsed = parse(d, format).projects().get(0);
        ParsedIndicator cost = parsed.indicators().get(1);
        assertEquals("0.4", cost.targetRaw());
        assertEquals("LE", cost.target().operator());
        assertEquals(new BigDecimal("4000"), cost.target().baseValue());
        assertEquals("元", cost.target().baseUnit());
        assertEquals("", cost.description());
        ParsedIndicator sat = parsed.indicators().get(2);
        assertEquals("GE", sat.target().operator());
        assertEquals("%", sat.target().unit());
        assertEquals("QUALITATIVE", parsed.indicators().get(3).target().kind());
    }

    @Test
    void notesRowAfterTheIndicatorsIsNotAnIndicator() {
        GoalDoc d = TestDocuments.seed().only("130303210B2L85R7NSB45");
        d.projects.get(0).indicator("备注|指标值依据年度工作计划设定||||");
        ParsedProject p = parse(d, "text").projects().get(0);
        assertEquals(6, p.indicators().size());
    }

    @Test
    void handWrittenTextWithOtherLabelsAndLayout() {
        // labels in another order, the budget as a header row with values below, 6月30日/9月30日 checkpoints,
        // a money unit in the label, no part 1, a title with a year, one indicator table in the same table
        String doc = String.join("\n",
                "XX县教育局2022年项目支出绩效目标表",
                "",
                "\t预算单位：301005 XX县教育局本级",
                "",
                "\t项目名称",
                "\t校舍维修",
                "\t项目编码",
                "\t130303220000000000001",
                "",
                "\t年度资金总额（万元）",
                "\t其中：财政拨款（万元）",
                "\t其他资金（万元）",
                "",
                "\t12.5",
                "\t10",
                "\t2.5",
                "",
                "\t资金用途",
                "\t维修教学楼屋面",
                "",
                "\t资金支出计划",
                "\t6月30日",
                "\t9月30日",
                "\t12月31日",
                "",
                "\t",
                "\t30%",
                "\t60%",
                "\t100%",
                "",
                "\t年度绩效目标",
                "\t（1）完成屋面维修2000平方米",
                "（2）消除安全隐患",
                "",
                "\t一级指标",
                "\t二级指标",
                "\t三级指标",
                "\t指标值",
                "",
                "\t产出指标",
                "\t数量指标",
                "\t维修面积",
                "\t≥2000平方米",
                "",
                "\t",
                "\t时效指标",
                "\t完工时间",
                "\t2022年10月31日前",
                "",
                "\t",
                "\t成本指标",
                "\t维修成本",
                "\t≤12.5万元",
                "",
                "");
        ParsedDocument d = PARSER.parse(doc.getBytes(StandardCharsets.UTF_8), GoalDocumentParser.TEXT, null);
        assertEquals("301005", d.agencyCode());
        assertEquals("XX县教育局本级", d.agencyName());
        assertEquals(2022, d.fiscalYear());
        assertEquals("万元", d.moneyUnit());
        ParsedProject p = d.projects().get(0);
        assertEquals("校舍维修", p.name());
        assertEquals(new BigDecimal("125000.00"), p.total());
        assertEquals(new BigDecimal("100000.00"), p.fiscal());
        assertEquals(new BigDecimal("25000.00"), p.other());
        assertEquals("维修教学楼屋面", p.purpose());
        assertEquals(List.of("完成屋面维修2000平方米", "消除安全隐患"), p.goals());
        assertEquals(List.of(
                new PlanPoint(LocalDate.of(2022, 6, 30), new BigDecimal("30.00")),
                new PlanPoint(LocalDate.of(2022, 9, 30), new BigDecimal("60.00")),
                new PlanPoint(LocalDate.of(2022, 12, 31), new BigDecimal("100.00"))), p.plan());
        assertEquals(3, p.indicators().size());
        assertEquals("产出指标", p.indicators().get(2).level1());
        assertEquals("", p.indicators().get(0).description());
        assertEquals(new BigDecimal("125000"), p.indicators().get(2).target().baseValue());
        assertEquals(LocalDate.of(2022, 10, 31), p.indicators().get(1).target().deadline());
        assertTrue(d.warnings().isEmpty(), d.warnings().toString());
        assertTrue(d.duties().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text", "docx", "xlsx-word-layout"})
    void agencyParagraphsInADocumentWithoutHeadings(String format) {
        GoalDoc d = TestDocuments.seed().withoutPart1();
        d.projects.forEach(p -> p.preambleAsParagraphs = true);
        d.projects.forEach(p -> p.unitLine = "单位：元、%");
        ParsedDocument doc = parse(d, format);
        assertEquals("213001", doc.agencyCode());
        assertEquals("元", doc.moneyUnit());
        assertEquals(seedProjects(), doc.projects());
    }

    @Test
    void aSummaryListOfProjectsBeforeTheTablesIsNotAProject() {
        String seed = new String(TestDocuments.seedText(), StandardCharsets.UTF_8);
        String summary = String.join("\n", "项目汇总表", "\t序号", "\t项目编码", "\t项目名称", "\t预算数", "",
                "\t1", "\t130303210B2L85R7NSB45", "\t车辆保险费", "\t4000.00", "", "");
        int at = seed.indexOf(" 第二部分");
        String doc = seed.substring(0, at) + summary + "\n" + seed.substring(at);
        ParsedDocument parsed = PARSER.parse(doc.getBytes(StandardCharsets.UTF_8), GoalDocumentParser.TEXT, null);
        assertEquals(SeedDocumentTest.seed(), parsed);
    }

    @Test
    void part1MayHoldATable() {
        String seed = new String(TestDocuments.seedText(), StandardCharsets.UTF_8);
        String table = String.join("\n", "\t部门职能", "\t统一战线工作", "", "", "");
        int at = seed.indexOf("2、党外干部队伍建设");
        String doc = seed.substring(0, at) + table + "\n" + seed.substring(at);
        ParsedDocument parsed = PARSER.parse(doc.getBytes(StandardCharsets.UTF_8), GoalDocumentParser.TEXT, null);
        assertEquals(SeedDocumentTest.seed(), parsed);
    }

    @Test
    void wordLineBreaksInsideACell() {
        String seed = new String(TestDocuments.seedText(), StandardCharsets.UTF_8);
        String doc = seed.replace("\t1.公务用车正常运转\n2.公务用车正常运转\n", "\t1.公务用车正常运转\u000B2.公务用车正常运转\n");
        assertNotEquals(seed, doc);
        assertEquals(SeedDocumentTest.seed(), PARSER.parse(doc.getBytes(StandardCharsets.UTF_8), GoalDocumentParser.TEXT, null));
    }

    @Test
    @org.junit.jupiter.api.Timeout(20)
    void excelRegionsOverWholeRowsAndColumnsCostNothing() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(TestDocuments.seedXlsxWordLayout()));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet s = wb.getSheetAt(0);
            int last = s.getLastRowNum();
            // the title row merged over every column, and an empty block merged over the rest of the sheet
            s.addMergedRegion(new org.apache.poi.ss.util.CellRangeAddress(0, 0, 0, 16_383));
            s.addMergedRegion(new org.apache.poi.ss.util.CellRangeAddress(last + 5, 1_048_575, 0, 1));
            wb.write(out);
            assertEquals(SeedDocumentTest.seed(), PARSER.parse(out.toByteArray(), GoalDocumentParser.XLSX, null));
        }
    }

    @Test
    void goalNumberingIsNotPartOfTheGoal() {
        assertEquals("公务用车正常运转", Goals.strip("1.公务用车正常运转"));
        assertEquals("公务用车正常运转", Goals.strip("2、公务用车正常运转"));
        assertEquals("公务用车正常运转", Goals.strip("（3）公务用车正常运转"));
        assertEquals("1.5万元用于培训", Goals.strip("1.5万元用于培训"));
        assertEquals("2021年完成", Goals.strip("2021年完成"));
        assertNotEquals("", Goals.strip("一是加强管理"));
    }
}
