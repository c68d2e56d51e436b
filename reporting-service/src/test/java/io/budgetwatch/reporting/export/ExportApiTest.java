package io.budgetwatch.reporting.export;

import static io.budgetwatch.reporting.export.WorkbookCells.assertWan;
import static io.budgetwatch.reporting.export.WorkbookCells.cell;
import static io.budgetwatch.reporting.export.WorkbookCells.number;
import static io.budgetwatch.reporting.export.WorkbookCells.text;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetwatch.events.IndicatorReportEvent;
import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.events.ProjectSnapshot.Indicator;
import io.budgetwatch.events.ProjectSnapshot.Target;
import io.budgetwatch.events.Topics;
import io.budgetwatch.reporting.LedgerPositions;
import io.budgetwatch.testsupport.KafkaTestClient;
import io.budgetwatch.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The downloads over the real broker: two projects of agency 991101 (one named with a comma, quotes and a line
 * break, one named like a formula and with an adjusted budget) and one of agency 991102. The CSV carries the
 * numbers of {@code GET /api/progress}, the workbook those of the self-evaluation. Clock pinned to 2021-07-15.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportApiTest {

    static final String AGENCY = "991101";
    static final String OTHER = "991102";
    static final String AWKWARD = "130303219911100000001";
    static final String AWKWARD_NAME = "采购,\"特殊\"项目\n第二行";
    static final String FORMULA = "130303219911100000002";
    static final String FORMULA_NAME = "=SUM(A1)车辆保险";
    static final String OTHER_CODE = "130303219911200000001";
    static final String OTHER_NAME = "丙单位保密项目";
    static final String OTHER_AGENCY_NAME = "丙预算单位";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Inject
    ObjectMapper mapper;

    @BeforeAll
    void publish() throws Exception {
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            send(kafka, snapshot(AGENCY, "丁预算单位", AWKWARD, AWKWARD_NAME, "100000.00", "80000.00", "20000.00",
                    List.of("完成政府采购", "节约资金"), indicators(), List.of()));
            send(kafka, snapshot(AGENCY, "丁预算单位", FORMULA, FORMULA_NAME, "4000.00", "4000.00", "0.00",
                    List.of(), List.of(), List.of(new ProjectSnapshot.BudgetAdjustment(1, new BigDecimal("5000.00"),
                            new BigDecimal("4000.00"), new BigDecimal("4000.00"), new BigDecimal("0.00"), "调减",
                            LocalDate.of(2021, 4, 1), "张会计", Instant.parse("2021-04-01T00:00:00Z")))));
            send(kafka, snapshot(OTHER, OTHER_AGENCY_NAME, OTHER_CODE, OTHER_NAME, "5000.00", "5000.00", "0.00",
                    List.of("保密目标"), indicators(), List.of()));
            ledger(kafka, "export-1", AGENCY, AWKWARD, "12345.67", "FISCAL", "2021-03-15");
            ledger(kafka, "export-2", AGENCY, AWKWARD, "1000.01", "OTHER", "2021-05-20");
            ledger(kafka, "export-3", AGENCY, FORMULA, "3900.00", "FISCAL", "2021-02-01");
            ledger(kafka, "export-4", OTHER, OTHER_CODE, "100.00", "FISCAL", "2021-02-01");
            report(kafka, "export-r1", AWKWARD, 1, new BigDecimal("3"), "个", null);
            report(kafka, "export-r2", AWKWARD, 2, null, null, "ACHIEVED");
            report(kafka, "export-r3", AWKWARD, 3, new BigDecimal("85"), "%", null);
        }
    }

    /** RestAssured knows the test port only once a test runs (not in {@code @BeforeAll}). */
    @BeforeEach
    void awaitReadModel() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            given().get("/api/progress?agency=" + AGENCY + "&year=2021&asOf=2021-12-31").then().statusCode(200)
                    .body("executed.total", equalTo("17245.68"));
            given().get("/api/projects/" + OTHER_CODE + "/progress?asOf=2021-12-31").then().statusCode(200)
                    .body("executed.total", equalTo("100.00"));
            given().get("/api/projects/" + AWKWARD + "/indicators?asOf=2021-12-31").then().statusCode(200)
                    .body("[2].actual", org.hamcrest.Matchers.notNullValue());
        });
    }

    // ---------------------------------------------------------------- CSV

    @Test
    void csvIsUtf8WithBomChineseHeadersAndTheNumbersOfTheProgressApi() throws Exception {
        Response csv = given().get("/api/exports/progress.csv?agency=" + AGENCY + "&year=2021&asOf=2021-06-30");
        csv.then().statusCode(200).contentType(containsString("text/csv"))
                .header("Content-Disposition", containsString("attachment;"))
                .header("Content-Disposition", containsString("filename*=UTF-8''"));
        assertTrue(csv.contentType().toLowerCase(java.util.Locale.ROOT).replace(" ", "").contains("charset=utf-8"),
                csv.contentType());
        String disposition = csv.header("Content-Disposition");
        assertTrue(disposition.contains("%E9%A2%84%E7%AE%97") && disposition.contains(AGENCY), disposition);
        byte[] bytes = csv.asByteArray();
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, java.util.Arrays.copyOf(bytes, 3));
        List<List<String>> rows = parse(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));
        assertEquals(List.of("项目编码", "项目名称", "预算总额(元)", "财政拨款(元)", "其他资金(元)", "已执行(元)",
                "执行率(%)", "计划进度(%)", "序时进度(%)", "差距(百分点)", "状态"), rows.get(0));

        JsonNode api = mapper.readTree(given().get("/api/progress?agency=" + AGENCY + "&year=2021&asOf=2021-06-30")
                .then().statusCode(200).extract().asString());
        JsonNode projects = api.get("projects");
        assertEquals(projects.size() + 1, rows.size());
        for (int i = 0; i < projects.size(); i++) {
            JsonNode p = projects.get(i);
            List<String> row = rows.get(i + 1);
            assertEquals(p.get("projectCode").asText(), row.get(0));
            assertEquals(p.get("budget").get("total").asText(), row.get(2));
            assertEquals(p.get("budget").get("fiscal").asText(), row.get(3));
            assertEquals(p.get("budget").get("other").asText(), row.get(4));
            assertEquals(p.get("executed").get("total").asText(), row.get(5));
            assertEquals(p.get("executionRate").asText(), row.get(6));
            assertEquals(p.get("plannedRate").asText(), row.get(7));
            assertEquals(p.get("timeElapsedRate").asText(), row.get(8));
            assertEquals(p.get("gapToPlanPoints").asText(), row.get(9));
            assertEquals(p.get("statusText").asText(), row.get(10));
        }
        // 13345.68 of 100000.00 by 30 June against a plan of 50 %: seriously behind; the other is overspent
        assertEquals(List.of(AWKWARD, AWKWARD_NAME, "100000.00", "80000.00", "20000.00", "13345.68", "13.35",
                "50.00", "50.00", "-36.65", "严重滞后"), rows.get(1));
    }

    @Test
    void namesAreQuotedPerRfc4180AndFormulasNeutralised() {
        byte[] bytes = given().get("/api/exports/progress.csv?agency=" + AGENCY + "&year=2021&asOf=2021-06-30")
                .then().statusCode(200).extract().asByteArray();
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.contains(",\"采购,\"\"特殊\"\"项目\n第二行\","), text);
        assertTrue(text.contains("," + "'=SUM(A1)车辆保险" + ","), text);
        assertTrue(text.contains(",-36.65,"), "a negative number stays a number: " + text);
        assertTrue(text.endsWith("\r\n"));
        List<List<String>> rows = parse(text.substring(1));
        assertEquals(AWKWARD_NAME, rows.get(1).get(1));
        assertEquals("'" + FORMULA_NAME, rows.get(2).get(1));
        assertFalse(text.contains(OTHER_CODE) || text.contains(OTHER_NAME));
    }

    @Test
    void csvAnswersAsTheProgressApiToEachCaller() {
        String own = TestTokens.user("manager-" + AGENCY).roles("manager").agencies(AGENCY).sign();
        // the agency omitted: the caller's only one
        byte[] bytes = as(own).get("/api/exports/progress.csv?year=2021&asOf=2021-06-30").then().statusCode(200)
                .extract().asByteArray();
        assertTrue(new String(bytes, StandardCharsets.UTF_8).contains(AWKWARD));
        String answer = as(own).get("/api/exports/progress.csv?agency=" + OTHER + "&year=2021").then()
                .statusCode(403).contentType(containsString("application/problem+json"))
                .body("code", equalTo("agency-forbidden")).extract().asString();
        assertFalse(answer.contains(OTHER_CODE) || answer.contains(OTHER_NAME), answer);
        String treasury = TestTokens.user("treasury").roles("treasury").sign();
        as(treasury).get("/api/exports/progress.csv?agency=" + AGENCY + "&year=2021").then().statusCode(403);
        // the superuser sees every agency: it must name one
        given().get("/api/exports/progress.csv?year=2021").then().statusCode(400)
                .contentType(containsString("application/problem+json")).body("field", equalTo("agency"));
        given().get("/api/exports/progress.csv?agency=" + AGENCY + "&asOf=2021-02-30").then().statusCode(400)
                .body("field", equalTo("asOf"));
    }

    // ---------------------------------------------------------------- XLSX

    @Test
    void workbookIsTheSelfEvaluationForm() throws Exception {
        Response answer = given().get("/api/exports/self-evaluation.xlsx?project=" + AWKWARD + "&year=2021");
        answer.then().statusCode(200).contentType(equalTo(XLSX))
                .header("Content-Disposition", containsString("filename*=UTF-8''"))
                .header("Content-Disposition", containsString(AWKWARD + "_2021.xlsx"));
        JsonNode evaluation = mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(
                given().get("/api/projects/" + AWKWARD + "/self-evaluation?year=2021").then().statusCode(200)
                        .extract().asString());
        JsonNode progress = mapper.readTree(given().get("/api/projects/" + AWKWARD + "/progress?asOf=2021-12-31")
                .then().statusCode(200).extract().asString());
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(answer.asByteArray()))) {
            XSSFSheet sheet = book.getSheetAt(0);
            assertEquals("项目支出绩效自评表", text(sheet, 0, 0));
            assertEquals("（2021年度）", text(sheet, 1, 0));
            assertEquals("项目名称", text(sheet, 2, 0));
            assertEquals(AWKWARD_NAME, text(sheet, 2, 2));
            assertEquals("主管部门", text(sheet, 3, 0));
            assertEquals("丁预算单位", text(sheet, 3, 2));
            assertEquals("实施单位", text(sheet, 3, 5));
            for (String region : List.of("A1:I1", "A2:I2", "A3:B3", "C3:I3", "A4:B4", "C4:E4", "F4:G4", "H4:I4",
                    "A5:B9", "A10:A11")) {
                assertTrue(sheet.getMergedRegions().stream().anyMatch(r -> r.formatAsString().equals(region)),
                        region + " in " + sheet.getMergedRegions());
            }

            // 项目资金（万元）: the yuan amounts moved four places, exactly, in numeric cells
            assertEquals("项目资金（万元）", text(sheet, 4, 0));
            assertEquals(List.of("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
                    List.of(text(sheet, 4, 3), text(sheet, 4, 4), text(sheet, 4, 5), text(sheet, 4, 6),
                            text(sheet, 4, 7), text(sheet, 4, 8)));
            assertEquals("年度资金总额", text(sheet, 5, 2));
            assertEquals("其中：当年财政拨款", text(sheet, 6, 2));
            assertEquals("上年结转资金", text(sheet, 7, 2));
            assertEquals("其他资金", text(sheet, 8, 2));
            JsonNode budget = progress.get("budget");
            JsonNode executed = progress.get("executed");
            assertWan(budget.get("total").asText(), sheet, 5, 3);
            assertWan(budget.get("total").asText(), sheet, 5, 4);
            assertWan(executed.get("total").asText(), sheet, 5, 5);
            assertWan(budget.get("fiscal").asText(), sheet, 6, 4);
            assertWan(executed.get("fiscal").asText(), sheet, 6, 5);
            assertWan(budget.get("other").asText(), sheet, 8, 4);
            assertWan(executed.get("other").asText(), sheet, 8, 5);
            assertEquals(new BigDecimal("1.234567"), number(sheet, 6, 5));
            assertEquals(new BigDecimal("0.100001"), number(sheet, 8, 5));
            assertEquals(0, new BigDecimal("10").compareTo(number(sheet, 5, 6)));
            assertEquals(0, evaluation.at("/score/executionRate").decimalValue().movePointLeft(2)
                    .compareTo(number(sheet, 5, 7)));
            assertTrue(cell(sheet, 5, 7).getCellStyle().getDataFormatString().contains("%"));
            assertEquals(0, evaluation.at("/score/executionScore").decimalValue().compareTo(number(sheet, 5, 8)));
            assertEquals(0, new BigDecimal("1.334568").compareTo(evaluation.at("/executedAtYearEnd").decimalValue()
                    .movePointLeft(4)));

            assertEquals("年度总体目标", text(sheet, 9, 0));
            assertEquals("预期目标", text(sheet, 9, 1));
            assertEquals("实际完成情况", text(sheet, 9, 5));
            assertEquals("完成政府采购\n节约资金", text(sheet, 10, 1));

            assertEquals(List.of("绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                    "偏差原因分析及改进措施"), header(sheet, 11));
            JsonNode indicators = evaluation.at("/score/indicators");
            assertEquals(3, indicators.size());
            for (int i = 0; i < indicators.size(); i++) {
                JsonNode indicator = indicators.get(i);
                int row = 12 + i;
                assertEquals(indicator.get("level1").asText(), text(sheet, row, 1));
                assertEquals(indicator.get("level2").asText(), text(sheet, row, 2));
                assertEquals(indicator.get("level3").asText(), text(sheet, row, 3));
                assertEquals(indicator.get("targetRaw").asText(), text(sheet, row, 4));
                assertEquals(0, indicator.get("points").decimalValue().compareTo(number(sheet, row, 6)));
                assertEquals(0, indicator.get("score").decimalValue().compareTo(number(sheet, row, 7)));
            }
            assertEquals(0, new BigDecimal("3").compareTo(number(sheet, 12, 5)));
            assertTrue(cell(sheet, 12, 5).getCellStyle().getDataFormatString().contains("个"));
            assertEquals("达成", text(sheet, 13, 5));
            assertEquals(0, new BigDecimal("85").compareTo(number(sheet, 14, 5)));
            assertEquals("总分", text(sheet, 15, 0));
            assertEquals(0, new BigDecimal("100").compareTo(number(sheet, 15, 6)));
            assertEquals(0, evaluation.at("/score/total").decimalValue().compareTo(number(sheet, 15, 7)));
            assertEquals("自评等级：" + evaluation.at("/score/grade").asText(), text(sheet, 15, 8));

            PrintSetup print = sheet.getPrintSetup();
            assertTrue(print.getLandscape());
            assertEquals(PrintSetup.A4_PAPERSIZE, print.getPaperSize());
            CellRangeAddress repeating = sheet.getRepeatingRows();
            assertNotNull(repeating);
            assertEquals(0, repeating.getFirstRow());
            assertEquals(3, repeating.getLastRow());
            for (int column = 0; column < 9; column++) {
                assertTrue(sheet.getColumnWidth(column) >= 10 * 256, "width of column " + column);
            }
        }
    }

    @Test
    void anAdjustedBudgetShowsItsStartAndNoGoalsLeaveTheCellEmpty() throws Exception {
        byte[] bytes = given().get("/api/exports/self-evaluation.xlsx?project=" + FORMULA).then().statusCode(200)
                .extract().asByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            XSSFSheet sheet = book.getSheetAt(0);
            assertEquals(FORMULA_NAME, text(sheet, 2, 2));
            assertEquals(CellType.STRING, cell(sheet, 2, 2).getCellType(), "a name is text, never a formula");
            assertEquals(new BigDecimal("0.5"), number(sheet, 5, 3));
            assertEquals(new BigDecimal("0.4"), number(sheet, 5, 4));
            assertEquals(new BigDecimal("0.39"), number(sheet, 5, 5));
            assertEquals(CellType.BLANK, cell(sheet, 6, 3).getCellType());
            assertEquals("", text(sheet, 10, 1));
            // no indicators: the 总分 row follows the header
            assertEquals("总分", text(sheet, 12, 0));
        }
    }

    @Test
    void anotherAgencysOrAnUnknownProjectIsNotFound() throws Exception {
        String own = TestTokens.user("supervisor-" + AGENCY).roles("supervisor").agencies(AGENCY).sign();
        String refusal = as(own).get("/api/exports/self-evaluation.xlsx?project=" + OTHER_CODE + "&year=2021").then()
                .statusCode(404).contentType(containsString("application/problem+json"))
                .body("code", equalTo("unknown-project")).extract().asString();
        assertFalse(refusal.contains(OTHER_NAME) || refusal.contains(OTHER_AGENCY_NAME) || refusal.contains(OTHER),
                refusal);
        String unknown = as(own).get("/api/exports/self-evaluation.xlsx?project=130303219911100000099").then()
                .statusCode(404).body("code", equalTo("unknown-project")).extract().asString();
        assertTrue(unknown.contains("130303219911100000099"), unknown);
        as(own).get("/api/exports/self-evaluation.xlsx?year=2021").then().statusCode(400)
                .body("field", equalTo("project"));
        as(own).get("/api/exports/self-evaluation.xlsx?project=" + AWKWARD + "&year=2022").then().statusCode(400)
                .body("code", equalTo("year-mismatch"));
        String treasury = TestTokens.user("treasury").roles("treasury").sign();
        as(treasury).get("/api/exports/self-evaluation.xlsx?project=" + AWKWARD).then().statusCode(403);
        // the own workbook, opened: nothing of the other agency in any cell
        byte[] bytes = as(own).get("/api/exports/self-evaluation.xlsx?project=" + AWKWARD + "&year=2021").then()
                .statusCode(200).extract().asByteArray();
        String cells = allText(bytes);
        assertTrue(cells.contains(AWKWARD_NAME), cells);
        for (String marker : List.of(OTHER, OTHER_CODE, OTHER_NAME, OTHER_AGENCY_NAME, "保密目标")) {
            assertFalse(cells.contains(marker), marker + " in " + cells);
        }
    }

    // ---------------------------------------------------------------- 偏差原因分析及改进措施

    @Test
    void theDeviationColumnHoldsTheLatestExplanationOfEachIndicator() throws Exception {
        String planner = TestTokens.user("planner-" + AGENCY).roles("planner").agencies(AGENCY).sign();
        // of indicator 1 an earlier monitoring date, then a later one (the one shown); of indicator 3 one
        explain(planner, AWKWARD, "export-dev-1a", 1, "2021-03-31", Map.of("FUNDING", "一季度资金未到位"), "等待拨款");
        explain(planner, AWKWARD, "export-dev-1b", 1, "2021-06-30",
                Map.of("STAFFING", "采购专员离职", "OTHER", "供应商报价\"偏高\""), "增派人员，重新询价");
        explain(planner, AWKWARD, "export-dev-3", 3, "2021-06-30", Map.of("HARDWARE", "评价系统故障"), "修复系统后补测");
        byte[] bytes = given().get("/api/exports/self-evaluation.xlsx?project=" + AWKWARD + "&year=2021").then()
                .statusCode(200).extract().asByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            XSSFSheet sheet = book.getSheetAt(0);
            assertEquals("偏差原因分析及改进措施", text(sheet, 11, 8));
            assertEquals("偏差原因：人员保障：采购专员离职；其他：供应商报价\"偏高\"\n改进措施：增派人员，重新询价",
                    text(sheet, 12, 8));
            assertEquals(CellType.STRING, cell(sheet, 12, 8).getCellType());
            assertTrue(cell(sheet, 12, 8).getCellStyle().getWrapText());
            assertEquals("", text(sheet, 13, 8), "no explanation of indicator 2");
            assertEquals("偏差原因：硬件条件保障：评价系统故障\n改进措施：修复系统后补测", text(sheet, 14, 8));
        }
    }

    // ---------------------------------------------------------------- the agency's workbook

    @Test
    void theAgencyWorkbookHasTheSheetOfEachProjectAsItsOwnWorkbook() throws Exception {
        String own = TestTokens.user("auditor-" + AGENCY).roles("auditor").agencies(AGENCY).sign();
        Response answer = as(own).get("/api/exports/self-evaluation.xlsx?agency=" + AGENCY + "&year=2021");
        answer.then().statusCode(200).contentType(equalTo(XLSX))
                .header("Content-Disposition", containsString(AGENCY + "_2021.xlsx"))
                .header("Content-Disposition", containsString("filename*=UTF-8''"));
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(answer.asByteArray()))) {
            // one sheet per project of the agency and year, named by its code, in code order
            assertEquals(2, book.getNumberOfSheets());
            assertEquals(List.of(AWKWARD, FORMULA), List.of(book.getSheetName(0), book.getSheetName(1)));
            for (String code : List.of(AWKWARD, FORMULA)) {
                XSSFSheet sheet = book.getSheet(code);
                byte[] single = as(own).get("/api/exports/self-evaluation.xlsx?project=" + code + "&year=2021").then()
                        .statusCode(200).extract().asByteArray();
                try (XSSFWorkbook alone = new XSSFWorkbook(new ByteArrayInputStream(single))) {
                    XSSFSheet expected = alone.getSheetAt(0);
                    assertEquals(cells(expected), cells(sheet), code);
                    assertEquals(regions(expected), regions(sheet), code);
                    assertEquals(3, sheet.getRepeatingRows().getLastRow());
                    assertTrue(sheet.getPrintSetup().getLandscape());
                }
                // the scores are those of GET /api/projects/{code}/self-evaluation, in numeric cells
                JsonNode evaluation = mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(
                        as(own).get("/api/projects/" + code + "/self-evaluation?year=2021").then().statusCode(200)
                                .extract().asString());
                JsonNode indicators = evaluation.at("/score/indicators");
                int total = 12 + indicators.size();
                assertEquals("总分", text(sheet, total, 0));
                assertEquals(0, evaluation.at("/score/total").decimalValue().compareTo(number(sheet, total, 7)));
                assertEquals(0, evaluation.at("/score/executionScore").decimalValue().compareTo(number(sheet, 5, 8)));
                for (int i = 0; i < indicators.size(); i++) {
                    assertEquals(0, indicators.get(i).get("score").decimalValue().compareTo(number(sheet, 12 + i, 7)));
                    assertEquals(0, indicators.get(i).get("points").decimalValue().compareTo(number(sheet, 12 + i, 6)));
                }
                assertEquals(evaluation.at("/name").asText(), text(sheet, 2, 2));
            }
            for (int i = 0; i < book.getNumberOfSheets(); i++) {
                for (Row row : book.getSheetAt(i)) {
                    for (Cell cell : row) {
                        String value = cell.toString();
                        for (String marker : List.of(OTHER_CODE, OTHER_NAME, OTHER_AGENCY_NAME, "保密目标")) {
                            assertFalse(value.contains(marker), marker + " in " + book.getSheetName(i));
                        }
                    }
                }
            }
        }
    }

    @Test
    void theAgencyWorkbookKeepsToTheCallersAgenciesAndItsParameters() throws Exception {
        String own = TestTokens.user("manager-" + AGENCY).roles("manager").agencies(AGENCY).sign();
        String refusal = as(own).get("/api/exports/self-evaluation.xlsx?agency=" + OTHER + "&year=2021").then()
                .statusCode(403).contentType(containsString("application/problem+json"))
                .body("code", equalTo("agency-forbidden")).extract().asString();
        assertFalse(refusal.contains(OTHER_CODE) || refusal.contains(OTHER_NAME), refusal);
        as(own).get("/api/exports/self-evaluation.xlsx?agency=" + AGENCY + "&project=" + AWKWARD).then()
                .statusCode(400).body("field", equalTo("agency"));
        as(own).get("/api/exports/self-evaluation.xlsx?agency=99-11&year=2021").then().statusCode(400)
                .body("field", equalTo("agency"));
        as(own).get("/api/exports/self-evaluation.xlsx?agency=" + AGENCY + "&year=21").then().statusCode(400)
                .body("field", equalTo("year"));
        // a year without projects: one sheet saying so (a workbook cannot be without sheets)
        byte[] bytes = as(own).get("/api/exports/self-evaluation.xlsx?agency=" + AGENCY + "&year=2020").then()
                .statusCode(200).extract().asByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            assertEquals(1, book.getNumberOfSheets());
            assertEquals("绩效自评表", book.getSheetName(0));
            assertEquals("（2020年度）", text(book.getSheetAt(0), 1, 0));
            assertTrue(text(book.getSheetAt(0), 2, 0).contains("无项目"));
        }
    }

    private static List<String> cells(XSSFSheet sheet) {
        List<String> all = new ArrayList<>();
        for (Row row : sheet) {
            for (Cell cell : row) {
                all.add(cell.getAddress() + "=" + cell.getCellType() + ":" + cell + "@"
                        + cell.getCellStyle().getDataFormatString());
            }
        }
        return all;
    }

    private static List<String> regions(XSSFSheet sheet) {
        return sheet.getMergedRegions().stream().map(CellRangeAddress::formatAsString).sorted().toList();
    }

    private void explain(String planner, String code, String id, int indicator, String date,
                         Map<String, String> causes, String measures) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("explanationId", id);
        body.put("monitoringDate", date);
        body.put("indicatorId", indicator);
        body.put("causes", new TreeMap<>(causes));
        body.put("likelihood", "POSSIBLE");
        body.put("expectedFullYear", Map.of("text", "2个"));
        body.put("correctiveMeasures", measures);
        int status = as(planner).contentType("application/json").body(mapper.writeValueAsBytes(body))
                .post("/api/projects/" + code + "/deviation-explanations").statusCode();
        assertTrue(status == 201 || status == 200, id + ": " + status);
    }

    // ---------------------------------------------------------------- helpers

    static String allText(byte[] xlsx) throws Exception {
        StringBuilder all = new StringBuilder();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Row row : book.getSheetAt(0)) {
                for (Cell cell : row) {
                    all.append(cell.toString()).append('|');
                }
            }
        }
        return all.toString();
    }

    private static RequestSpecification as(String token) {
        return RestAssured.given().noFilters().header("Authorization", "Bearer " + token);
    }

    private static List<String> header(XSSFSheet sheet, int row) {
        List<String> list = new ArrayList<>();
        for (int column = 0; column < 9; column++) {
            list.add(text(sheet, row, column));
        }
        return list;
    }

    /** RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks; records end in CRLF. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        assertTrue(row.isEmpty() && field.isEmpty(), "the last record ends in CRLF");
        return rows;
    }

    private static List<Indicator> indicators() {
        return List.of(
                new Indicator(1, "产出指标", "数量指标", "采购批次", null, "≥3个",
                        new Target("NUMERIC", "GE", new BigDecimal("3"), null, "个", new BigDecimal("3"), null, "个",
                                null, "POSITIVE"), null),
                new Indicator(2, "效益指标", "社会效益指标", "服务质量提升", null, "提升",
                        new Target("QUALITATIVE", null, null, null, null, null, null, null, null, "NEUTRAL"), null),
                new Indicator(3, "满意度指标", "服务对象满意度指标", "满意度", null, "≥90%",
                        new Target("NUMERIC", "GE", new BigDecimal("90"), null, "%", new BigDecimal("90"), null, "%",
                                null, "POSITIVE"), null));
    }

    private static ProjectSnapshot snapshot(String agency, String agencyName, String code, String name, String total,
                                            String fiscal, String other, List<String> goals,
                                            List<Indicator> indicators,
                                            List<ProjectSnapshot.BudgetAdjustment> adjustments) {
        return new ProjectSnapshot(ProjectSnapshot.SCHEMA_VERSION, code + ":v1", Instant.parse("2021-01-10T00:00:00Z"),
                code, 1, 2021, agency, agencyName, name,
                new ProjectSnapshot.Budget(new BigDecimal(total), new BigDecimal(fiscal), new BigDecimal(other)),
                "资金用途", goals,
                List.of(new ProjectSnapshot.PlanPoint(LocalDate.of(2021, 3, 31), new BigDecimal("25.00")),
                        new ProjectSnapshot.PlanPoint(LocalDate.of(2021, 6, 30), new BigDecimal("50.00")),
                        new ProjectSnapshot.PlanPoint(LocalDate.of(2021, 10, 31), new BigDecimal("75.00")),
                        new ProjectSnapshot.PlanPoint(LocalDate.of(2021, 12, 31), new BigDecimal("100.00"))),
                indicators, adjustments, null);
    }

    private void send(KafkaTestClient kafka, ProjectSnapshot s) throws Exception {
        kafka.send(Topics.PROJECTS, s.projectCode(), mapper.writeValueAsString(s));
    }

    private void ledger(KafkaTestClient kafka, String id, String agency, String code, String amount, String fund,
                        String paidOn) throws Exception {
        kafka.send(Topics.PROJECT_TOTALS, code, mapper.writeValueAsString(LedgerPositions.single(id, agency, code,
                amount, fund, paidOn, Instant.parse("2021-07-01T00:00:00Z"))));
    }

    private void report(KafkaTestClient kafka, String id, String code, int seq, BigDecimal value, String unit,
                        String assessment) throws Exception {
        kafka.send(Topics.INDICATOR_REPORTS, code, mapper.writeValueAsString(new IndicatorReportEvent(id, code, 2021,
                AGENCY, seq, null, value, unit, assessment, LocalDate.of(2021, 12, 28), "办公室", null,
                Instant.now())));
    }
}
