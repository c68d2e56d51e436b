package io.budgetwatch.reporting.export;

import static io.budgetwatch.reporting.export.WorkbookCells.assertWan;
import static io.budgetwatch.reporting.export.WorkbookCells.cell;
import static io.budgetwatch.reporting.export.WorkbookCells.number;
import static io.budgetwatch.reporting.export.WorkbookCells.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetwatch.events.IndicatorReportEvent;
import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.events.ProjectSnapshot.Indicator;
import io.budgetwatch.events.ProjectSnapshot.Target;
import io.budgetwatch.events.Topics;
import io.budgetwatch.reporting.LedgerPositions;
import io.budgetwatch.reporting.TestClock;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 项目支出绩效目标执行监控表 over the real broker: two projects of agency 991301 (one with three indicators
 * and payments, one with an adjusted budget) and one of agency 991302. Explanations are recorded through the API;
 * the clock is pinned ({@link TestClock}, 2021-07-15).
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitoringWorkbookTest {

    static final String AGENCY = "991301";
    static final String OTHER = "991302";
    static final String AGENCY_NAME = "戊预算单位";
    static final String MAIN = "130303219913100000001";
    static final String MAIN_NAME = "监控表测试项目";
    static final String ADJUSTED = "130303219913100000002";
    static final String OTHER_CODE = "130303219913200000001";
    static final String OTHER_NAME = "己单位保密项目";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String URL = "/api/exports/monitoring.xlsx?agency=" + AGENCY + "&year=2021&asOf=2021-06-30";

    @Inject
    ObjectMapper mapper;

    @Inject
    TestClock clock;

    @BeforeAll
    void publish() throws Exception {
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            send(kafka, snapshot(AGENCY, AGENCY_NAME, MAIN, MAIN_NAME, "100000.00", "80000.00", "20000.00",
                    indicators(), List.of()));
            send(kafka, snapshot(AGENCY, AGENCY_NAME, ADJUSTED, "调整预算项目", "4000.00", "4000.00", "0.00",
                    List.of(), List.of(new ProjectSnapshot.BudgetAdjustment(1, new BigDecimal("5000.00"),
                            new BigDecimal("4000.00"), new BigDecimal("4000.00"), new BigDecimal("0.00"), "调减",
                            LocalDate.of(2021, 4, 1), "张会计", Instant.parse("2021-04-01T00:00:00Z")))));
            send(kafka, snapshot(OTHER, "己预算单位", OTHER_CODE, OTHER_NAME, "5000.00", "5000.00", "0.00",
                    indicators(), List.of()));
            ledger(kafka, "monitoring-1", AGENCY, MAIN, "12345.67", "FISCAL", "2021-03-15");
            ledger(kafka, "monitoring-2", AGENCY, MAIN, "1000.01", "OTHER", "2021-05-20");
            // after the form's date: not in 1–6月
            ledger(kafka, "monitoring-3", AGENCY, MAIN, "500.00", "FISCAL", "2021-07-02");
            ledger(kafka, "monitoring-4", AGENCY, ADJUSTED, "3900.00", "FISCAL", "2021-02-01");
            ledger(kafka, "monitoring-5", OTHER, OTHER_CODE, "100.00", "FISCAL", "2021-02-01");
            report(kafka, "monitoring-r1", MAIN, 1, new BigDecimal("2"), "个", null);
            report(kafka, "monitoring-r2", MAIN, 2, null, null, "PARTIAL");
        }
    }

    @BeforeEach
    void awaitReadModel() {
        clock.reset();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            given().get("/api/progress?agency=" + AGENCY + "&year=2021&asOf=2021-12-31").then().statusCode(200)
                    .body("executed.total", equalTo("17745.68"));
            given().get("/api/projects/" + OTHER_CODE + "/progress?asOf=2021-12-31").then().statusCode(200)
                    .body("executed.total", equalTo("100.00"));
            given().get("/api/projects/" + MAIN + "/indicators?asOf=2021-06-30").then().statusCode(200)
                    .body("[1].actual", org.hamcrest.Matchers.notNullValue());
        });
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void summaryAndProjectSheetsCarryTheFiguresOfTheProgressApi() throws Exception {
        Response answer = given().get(URL);
        answer.then().statusCode(200).contentType(equalTo(XLSX))
                .header("Content-Disposition", containsString("filename*=UTF-8''"))
                .header("Content-Disposition", containsString(AGENCY + "_2021_2021-06-30.xlsx"));
        JsonNode api = mapper.readTree(given().get("/api/progress?agency=" + AGENCY + "&year=2021&asOf=2021-06-30")
                .then().statusCode(200).extract().asString());
        JsonNode projects = api.get("projects");
        assertEquals(2, projects.size());
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(answer.asByteArray()))) {
            assertEquals(1 + projects.size(), book.getNumberOfSheets());
            XSSFSheet summary = book.getSheet("汇总");
            assertNotNull(summary);
            assertEquals(0, book.getSheetIndex(summary));
            assertEquals(List.of("项目编码", "项目名称", "调整后预算数(万元)", "1–6月执行数(万元)", "1–6月执行率", "状态"),
                    List.of(text(summary, 0, 0), text(summary, 0, 1), text(summary, 0, 2), text(summary, 0, 3),
                            text(summary, 0, 4), text(summary, 0, 5)));
            assertEquals(projects.size(), summary.getLastRowNum(), "one row per project under the header");
            for (int i = 0; i < projects.size(); i++) {
                JsonNode p = projects.get(i);
                assertEquals(p.get("projectCode").asText(), text(summary, i + 1, 0));
                assertEquals(p.get("name").asText(), text(summary, i + 1, 1));
                assertWan(p.get("budget").get("total").asText(), summary, i + 1, 2);
                assertWan(p.get("executed").get("total").asText(), summary, i + 1, 3);
                assertEquals(0, new BigDecimal(p.get("executionRate").asText()).movePointLeft(2)
                        .compareTo(number(summary, i + 1, 4)));
                assertTrue(cell(summary, i + 1, 4).getCellStyle().getDataFormatString().contains("%"));
                assertEquals(p.get("statusText").asText(), text(summary, i + 1, 5));
                assertNotNull(book.getSheet(p.get("projectCode").asText()), "a sheet named by the code");
            }

            XSSFSheet sheet = book.getSheet(MAIN);
            assertEquals("项目支出绩效目标执行监控表", text(sheet, 0, 0));
            assertEquals("（2021年1–6月）", text(sheet, 1, 0));
            assertEquals("项目名称", text(sheet, 2, 0));
            assertEquals(MAIN_NAME, text(sheet, 2, 2));
            assertEquals("主管部门及代码", text(sheet, 3, 0));
            assertEquals(AGENCY_NAME + "（" + AGENCY + "）", text(sheet, 3, 2));
            assertEquals("实施单位", text(sheet, 3, 7));
            assertEquals(AGENCY_NAME, text(sheet, 3, 9));
            for (String region : List.of("A1:N1", "A2:N2", "A3:B3", "C3:N3", "A4:B4", "C4:G4", "H4:I4", "J4:N4",
                    "A5:B7", "H5:L5", "M5:M6", "N5:N6", "H8:L8", "F8:G9", "F10:G10")) {
                assertTrue(sheet.getMergedRegions().stream().anyMatch(r -> r.formatAsString().equals(region)),
                        region + " in " + sheet.getMergedRegions());
            }
            // funds: 万元, exactly
            assertEquals("项目资金（万元）", text(sheet, 4, 0));
            assertEquals(List.of("年初预算数", "调整后预算数", "1–6月执行数", "1–6月执行率", "全年预计执行数"),
                    List.of(text(sheet, 4, 2), text(sheet, 4, 3), text(sheet, 4, 4), text(sheet, 4, 5),
                            text(sheet, 4, 6)));
            assertEquals(List.of("偏差原因分析", "完成目标可能性", "备注"),
                    List.of(text(sheet, 4, 7), text(sheet, 4, 12), text(sheet, 4, 13)));
            assertEquals(List.of("经费保障", "制度保障", "人员保障", "硬件条件保障", "其他"),
                    List.of(text(sheet, 5, 7), text(sheet, 5, 8), text(sheet, 5, 9), text(sheet, 5, 10),
                            text(sheet, 5, 11)));
            assertWan("100000.00", sheet, 6, 2);
            assertWan("100000.00", sheet, 6, 3);
            assertWan("13345.68", sheet, 6, 4);
            assertEquals(new BigDecimal("1.334568"), number(sheet, 6, 4));
            assertEquals(0, new BigDecimal("0.1335").compareTo(number(sheet, 6, 5)));

            // indicators: the header, the latest actual as of the date
            assertEquals(List.of("一级指标", "二级指标", "三级指标", "年度指标值", "1–6月执行情况", "全年预计完成情况"),
                    List.of(text(sheet, 7, 0), text(sheet, 7, 1), text(sheet, 7, 2), text(sheet, 7, 3),
                            text(sheet, 7, 4), text(sheet, 7, 5)));
            assertEquals("采购批次", text(sheet, 9, 2));
            assertEquals("≥3个", text(sheet, 9, 3));
            assertEquals(0, new BigDecimal("2").compareTo(number(sheet, 9, 4)));
            assertTrue(cell(sheet, 9, 4).getCellStyle().getDataFormatString().contains("个"));
            assertEquals("部分达成", text(sheet, 10, 4));
            assertEquals("满意度", text(sheet, 11, 2));
            assertEquals(CellType.BLANK, cell(sheet, 11, 4).getCellType());
            assertEquals(11, sheet.getLastRowNum());

            PrintSetup print = sheet.getPrintSetup();
            assertTrue(print.getLandscape());
            assertEquals(PrintSetup.A4_PAPERSIZE, print.getPaperSize());
            CellRangeAddress repeating = sheet.getRepeatingRows();
            assertNotNull(repeating);
            assertEquals(0, repeating.getFirstRow());
            assertEquals(3, repeating.getLastRow());
            for (int column = 0; column < 14; column++) {
                assertTrue(sheet.getColumnWidth(column) >= 10 * 256, "width of column " + column);
            }

            XSSFSheet adjusted = book.getSheet(ADJUSTED);
            assertEquals(new BigDecimal("0.5"), number(adjusted, 6, 2));
            assertEquals(new BigDecimal("0.4"), number(adjusted, 6, 3));
            assertEquals(new BigDecimal("0.39"), number(adjusted, 6, 4));
            // no explanation of its funds: 全年预计执行数 empty
            assertEquals(CellType.BLANK, cell(adjusted, 6, 6).getCellType());
            assertEquals(8, adjusted.getLastRowNum(), "no indicators: the table's header only");

            String all = allText(book);
            for (String marker : List.of(OTHER_CODE, OTHER_NAME, "己预算单位")) {
                assertFalse(all.contains(marker), marker);
            }
        }
    }

    @Test
    void explanationsRecordedThroughTheApiAppearInForceAtTheDate() throws Exception {
        String planner = TestTokens.user("planner-" + AGENCY).roles("planner").agencies(AGENCY).sign();
        // the funds: an earlier one, then a later one of the same date recorded later (the one in force)
        post(planner, funds("2021-06-30", "850.50", "旧的经费原因", "CERTAIN")).then().statusCode(201);
        clock.set("2021-07-15T11:00:00+08:00");
        post(planner, funds("2021-06-30", "90000.01", "财政资金拨付滞后", "POSSIBLE")).then().statusCode(201);
        // after the form's date: not in force at 2021-06-30
        post(planner, funds("2021-07-10", "1.00", "七月的说明", "IMPOSSIBLE")).then().statusCode(201);
        Map<String, Object> indicator = new LinkedHashMap<>();
        indicator.put("explanationId", UUID.randomUUID().toString());
        indicator.put("monitoringDate", "2021-06-15");
        indicator.put("indicatorId", 1);
        indicator.put("causes", Map.of("INSTITUTIONAL", "采购制度调整", "HARDWARE", "设备未到货"));
        indicator.put("likelihood", "IMPOSSIBLE");
        indicator.put("expectedFullYear", Map.of("text", "2个", "value", "2"));
        indicator.put("correctiveMeasures", "调整采购计划");
        post(planner, indicator).then().statusCode(201);

        byte[] bytes = given().get(URL).then().statusCode(200).extract().asByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            XSSFSheet sheet = book.getSheet(MAIN);
            // funds row: 全年预计执行数 in 万元, exactly; causes, likelihood, measures
            assertEquals(new BigDecimal("9.000001"), number(sheet, 6, 6));
            assertTrue(cell(sheet, 6, 6).getCellStyle().getDataFormatString().startsWith("#,##0.00"));
            assertEquals("财政资金拨付滞后", text(sheet, 6, 7));
            assertEquals("", text(sheet, 6, 8));
            assertEquals("有可能", text(sheet, 6, 12));
            assertEquals("加快采购进度", text(sheet, 6, 13));
            // indicator 1
            assertEquals("2个", text(sheet, 9, 5));
            assertEquals("", text(sheet, 9, 7));
            assertEquals("采购制度调整", text(sheet, 9, 8));
            assertEquals("", text(sheet, 9, 9));
            assertEquals("设备未到货", text(sheet, 9, 10));
            assertEquals("", text(sheet, 9, 11));
            assertEquals("完全不可能", text(sheet, 9, 12));
            assertEquals("调整采购计划", text(sheet, 9, 13));
            // indicator 2: none
            assertEquals("", text(sheet, 10, 5));
            assertEquals("", text(sheet, 10, 12));
            String all = allText(book);
            assertFalse(all.contains("旧的经费原因") || all.contains("七月的说明"), all);
        }
        // as of July the later one is in force
        byte[] july = given().get("/api/exports/monitoring.xlsx?agency=" + AGENCY + "&year=2021&asOf=2021-07-15")
                .then().statusCode(200).extract().asByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(july))) {
            XSSFSheet sheet = book.getSheet(MAIN);
            assertEquals("（2021年1–7月）", text(sheet, 1, 0));
            assertEquals("1–7月执行数", text(sheet, 4, 4));
            assertEquals("七月的说明", text(sheet, 6, 7));
            assertEquals("完全不可能", text(sheet, 6, 12));
            assertEquals(0, new BigDecimal("0.0001").compareTo(number(sheet, 6, 6)));
            assertWan("13845.68", sheet, 6, 4);
        }
    }

    @Test
    void theWorkbookIsSentFromATempFileDeletedOnceSent() throws Exception {
        Response answer = given().get(URL);
        answer.then().statusCode(200).contentType(equalTo(XLSX))
                .header("Content-Disposition", containsString("attachment; filename="));
        byte[] body = answer.asByteArray();
        assertEquals(String.valueOf(body.length), answer.getHeader("Content-Length"), "sent as a file of known length");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(body))) {
            for (int i = 0; i < book.getNumberOfSheets(); i++) {
                List<CellRangeAddress> regions = book.getSheetAt(i).getMergedRegions();
                for (int a = 0; a < regions.size(); a++) {
                    for (int b = a + 1; b < regions.size(); b++) {
                        assertFalse(regions.get(a).intersects(regions.get(b)), regions.get(a).formatAsString()
                                + " overlaps " + regions.get(b).formatAsString() + " on " + book.getSheetName(i));
                    }
                }
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> tempFiles().isEmpty());
        // a refusal writes no file
        given().get("/api/exports/monitoring.xlsx?agency=" + AGENCY + "&asOf=2021-02-30").then().statusCode(400);
        assertEquals(List.of(), tempFiles());
    }

    private static List<Path> tempFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith(ExportService.TEMP_PREFIX)).toList();
        }
    }

    @Test
    void answersAsTheProgressTableToEachCaller() throws Exception {
        String own = TestTokens.user("auditor-" + AGENCY).roles("auditor").agencies(AGENCY).sign();
        // the agency omitted: the caller's only one
        byte[] bytes = as(own).get("/api/exports/monitoring.xlsx?year=2021&asOf=2021-06-30").then().statusCode(200)
                .contentType(equalTo(XLSX)).extract().asByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            assertNotNull(book.getSheet(MAIN));
            assertEquals(2, book.getSheet("汇总").getLastRowNum());
        }
        String answer = as(own).get("/api/exports/monitoring.xlsx?agency=" + OTHER + "&year=2021").then()
                .statusCode(403).contentType(containsString("application/problem+json"))
                .body("code", equalTo("agency-forbidden")).extract().asString();
        assertFalse(answer.contains(OTHER_CODE) || answer.contains(OTHER_NAME), answer);
        String treasury = TestTokens.user("treasury").roles("treasury").sign();
        as(treasury).get(URL).then().statusCode(403);
        given().get("/api/exports/monitoring.xlsx?year=2021").then().statusCode(400)
                .contentType(containsString("application/problem+json")).body("field", equalTo("agency"));
        given().get("/api/exports/monitoring.xlsx?agency=" + AGENCY + "&asOf=2021-02-30").then().statusCode(400)
                .contentType(containsString("application/problem+json")).body("field", equalTo("asOf"));
        // an agency without projects: the summary's header alone
        byte[] empty = given().get("/api/exports/monitoring.xlsx?agency=991399&year=2021&asOf=2021-01-31").then()
                .statusCode(200).extract().asByteArray();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(empty))) {
            assertEquals(1, book.getNumberOfSheets());
            assertEquals("1月执行数(万元)", text(book.getSheet("汇总"), 0, 3));
            assertEquals(0, book.getSheet("汇总").getLastRowNum());
        }
    }

    // ---------------------------------------------------------------- helpers

    private Response post(String token, Map<String, Object> body) throws Exception {
        return as(token).contentType("application/json").body(mapper.writeValueAsBytes(body))
                .post("/api/projects/" + MAIN + "/deviation-explanations");
    }

    private static Map<String, Object> funds(String date, String amount, String cause, String likelihood) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("explanationId", UUID.randomUUID().toString());
        body.put("monitoringDate", date);
        body.put("causes", Map.of("FUNDING", cause));
        body.put("likelihood", likelihood);
        body.put("expectedFullYear", Map.of("amount", amount));
        body.put("correctiveMeasures", "加快采购进度");
        return body;
    }

    static String allText(XSSFWorkbook book) {
        StringBuilder all = new StringBuilder();
        for (org.apache.poi.ss.usermodel.Sheet sheet : book) {
            all.append(sheet.getSheetName()).append('|');
            for (Row row : sheet) {
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
                                            String fiscal, String other, List<Indicator> indicators,
                                            List<ProjectSnapshot.BudgetAdjustment> adjustments) {
        return new ProjectSnapshot(ProjectSnapshot.SCHEMA_VERSION, code + ":v1", Instant.parse("2021-01-10T00:00:00Z"),
                code, 1, 2021, agency, agencyName, name,
                new ProjectSnapshot.Budget(new BigDecimal(total), new BigDecimal(fiscal), new BigDecimal(other)),
                "资金用途", List.of("目标"),
                List.of(new ProjectSnapshot.PlanPoint(LocalDate.of(2021, 6, 30), new BigDecimal("50.00")),
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
                AGENCY, seq, null, value, unit, assessment, LocalDate.of(2021, 6, 20), "办公室", null,
                Instant.now())));
    }
}
