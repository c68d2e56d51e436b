package io.budgetwatch.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetwatch.testsupport.KeycloakServer;
import io.budgetwatch.testsupport.ServiceProcess;
import io.restassured.specification.RequestSpecification;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The managers' workspace in a real browser (headless Chromium), signed in through the local stack's Keycloak:
 * the overview's figures are GET /api/overview's, the language and the 元/万元 switch are remembered, a supervisor
 * drills down bureau → agency → project, a manager acknowledges alerts (one on the project page, several in the
 * alerts centre), a planner records a deviation explanation that the monitoring form then carries, a payment
 * posted while the overview is open shows within 2 s without a reload (GET /api/live), and a project named as
 * markup shows as text everywhere. Screenshots of every page go to target/screenshots. Runs in a JVM of its own
 * (failsafe execution {@code dashboard}): its own broker and database, so no other suite sees its events.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {

    static final String AGENCY = "213001";
    static final String YEAR = "2021";
    static final String AS_OF = "2021-06-30";
    static final String VEHICLE_INSURANCE = "130303210B2L85R7NSB45"; // 车辆保险费, renamed below
    static final String TRAINING = "13030321A4GNQBCU9KKF1"; // its DEMO-2021-0008 is a refund
    static final String HOSTILE_NAME = "<img src=x onerror=alert(1)>";
    static final String PERIOD = "agency=" + AGENCY + "&year=" + YEAR + "&asOf=" + AS_OF;
    static final ObjectMapper JSON = new ObjectMapper();

    static SignedInStack stack;
    static KeycloakServer keycloak;
    static ServiceProcess goals;
    static ServiceProcess execution;
    static ServiceProcess reporting;
    static Path root;
    static WebDriver browser;
    static WebDriverWait wait;
    static String signedIn;

    @BeforeAll
    static void startSuite() {
        root = Path.of(System.getProperty("budgetwatch.repo.root", ".."));
        stack = SignedInStack.start(root);
        keycloak = stack.keycloak;
        goals = stack.goals;
        execution = stack.execution;
        reporting = stack.reporting;
        browser = SignedInStack.browser(1366, 768); // a laptop's screen
        // live refreshes re-render parts of the page at any moment: a found element may go stale, so look again
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterAll
    static void stopSuite() {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.close();
        }
    }

    static RequestSpecification as(String user) {
        return given().header("Authorization", "Bearer " + keycloak.userAccessToken(user));
    }

    @Test
    @Order(1)
    void theDocumentWithAMarkupNamedProjectAndTheYearsPaymentsAreIn() throws Exception {
        String seed = Files.readString(root.resolve("deploy/local/demo/goal-document-2021.txt"), StandardCharsets.UTF_8)
                .replace("\t车辆保险费\n", "\t" + HOSTILE_NAME + "\n");
        assertTrue(seed.contains(HOSTILE_NAME), "the seed's project name cell was found");
        as("planner-213001").contentType("text/plain; charset=utf-8").body(seed.getBytes(StandardCharsets.UTF_8))
                .post(goals.url("/api/goal-documents")).then().statusCode(201);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                as("manager-213001").get(execution.url("/api/projects/" + VEHICLE_INSURANCE + "/ledger")).then().statusCode(200));
        byte[] payments = Files.readAllBytes(root.resolve("deploy/local/demo/payments-2021.json"));
        given().header("Authorization", "Bearer " + keycloak.treasuryAccessToken())
                .contentType("application/json; charset=utf-8").body(payments)
                .post(execution.url("/api/payments")).then().statusCode(202);
        for (JsonNode report : JSON.readTree(root.resolve("deploy/local/demo/indicator-reports-2021.json").toFile())) {
            int status = as("planner-213001").contentType("application/json; charset=utf-8")
                    .body(JSON.writeValueAsString(report)).post(execution.url("/api/indicator-reports")).then()
                    .extract().statusCode();
            assertEquals(2, status / 100, "indicator report answered " + status);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                as("manager-213001").get(reporting.url("/api/progress?" + PERIOD)).then().statusCode(200)
                        .body("executed.total", equalTo("411000.00"))
                        .body("projects.name", hasItem(HOSTILE_NAME)));
        as("admin").post(reporting.url("/api/alerts/evaluate?asOf=2021-07-01")).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                as("manager-213001").get(reporting.url("/api/alerts?agency=" + AGENCY + "&year=" + YEAR + "&acknowledged=false"))
                        .then().statusCode(200).extract().jsonPath().getList("id").size() >= 3);
    }

    @Test
    @Order(2)
    void theOverviewShowsTheFiguresOfTheOverviewApiAndTheMarkupNameAsText() throws Exception {
        signIn("manager-213001", "/index.html?" + PERIOD);
        // the markup name is text: shown as written, no element made of it, no script run
        assertTrue(text("projects").contains(HOSTILE_NAME));
        assertEquals(0L, js("return document.querySelectorAll('img').length"));
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
        // the exports of the period
        assertTrue(attribute("selfEvaluation", "href")
                .endsWith("/api/exports/self-evaluation.xlsx?agency=" + AGENCY + "&year=" + YEAR));
        assertTrue(attribute("monitoring", "href").endsWith("/api/exports/monitoring.xlsx?" + PERIOD));
        // every chart drawn (scrolled into view: they are created lazily), nothing refused by the policy
        for (String chart : List.of("curveChart", "rankChart", "statusChart", "indicatorChart")) {
            js("document.getElementById(arguments[0]).scrollIntoView()", chart);
            wait.until(d -> "true".equals(d.findElement(By.id(chart)).getAttribute("data-drawn")));
        }
        js("window.scrollTo(0, 0)");
        assertNoPolicyViolation();
        screenshot("overview-manager.png");
        JsonNode ov = json(as("manager-213001").get(reporting.url("/api/overview?" + PERIOD)).then().statusCode(200)
                .extract().asString());
        assertEquals(yuan(ov.path("budget").path("total").asText()) + " 元", text("cardBudget"));
        assertEquals(yuan(ov.path("executed").path("total").asText()) + " 元", text("cardExecuted"));
        assertEquals(ov.path("executionRate").asText() + "%", text("cardRate"));
        assertEquals(ov.path("plannedRate").asText() + "%", text("cardPlanned"));
        assertEquals(ov.path("timeElapsedRate").asText() + "%", text("cardTimeElapsed"));
        assertEquals("严重 " + ov.path("openAlerts").path("CRITICAL").asInt(), text("cardCritical"));
        assertEquals("预警 " + ov.path("openAlerts").path("WARNING").asInt(), text("cardWarning"));
        for (String status : List.of("ON_TRACK", "LAGGING", "SERIOUSLY_LAGGING", "OVERSPENT")) {
            assertEquals(ov.path("statusCounts").path(status).asText(), text("status-" + status), status);
        }
        for (String verdict : List.of("MET", "NOT_MET", "NO_ACTUAL")) {
            assertEquals(ov.path("indicators").path(verdict).asText(), text("indicator-" + verdict), verdict);
        }
        List<String> ranked = new ArrayList<>();
        ov.path("projects").forEach(p -> ranked.add(p.path("projectCode").asText()));
        List<String> rows = wait.until(d -> d.findElements(By.cssSelector("#projects tr")).stream()
                .map(r -> r.getAttribute("data-code")).toList());
        assertEquals(ranked, rows, "the table in the overview's order (most behind plan first)");
        // first render: from the navigation's start to the figures drawn (the page records it), signed in already
        browser.navigate().refresh();
        awaitReady();
        long renderedMs = Long.parseLong((String) js("return document.body.dataset.renderedMs"));
        System.out.println("DashboardIT: overview rendered " + renderedMs + " ms after the navigation started");
        assertTrue(renderedMs < 1000, "first render of the overview under 1 s: " + renderedMs + " ms");
    }

    @Test
    @Order(3)
    void theLanguageAndTheUnitSwitchAreRemembered() throws Exception {
        String budget = attribute("cardBudget", "data-value");
        String firstProjectBudget = wait.until(d -> d.findElement(By.cssSelector("#projects tr td.num")).getText())
                .replace(",", "");
        browser.findElement(By.id("lang")).click();
        wait.until(d -> "en".equals(js("return document.documentElement.lang")));
        assertTrue(browser.findElement(By.id("nav")).getText().contains("Agency overview"));
        browser.navigate().refresh();
        awaitReady();
        assertEquals("en", js("return document.documentElement.lang"), "the language is remembered");
        assertTrue(text("cardCritical").startsWith("Critical "), text("cardCritical"));
        screenshot("overview-english.png");
        browser.findElement(By.id("lang")).click();
        wait.until(d -> "zh-CN".equals(js("return document.documentElement.lang")));

        browser.findElement(By.id("unitWan")).click();
        assertEquals(wan(budget) + " 万元", text("cardBudget"));
        browser.navigate().refresh();
        awaitReady();
        assertEquals(wan(budget) + " 万元", text("cardBudget"), "the unit is remembered");
        String firstRowBudget = wait.until(d -> d.findElement(By.cssSelector("#projects tr td.num")).getText());
        assertEquals(wan(firstProjectBudget), firstRowBudget);
        screenshot("overview-wan.png");
        browser.findElement(By.id("unitYuan")).click();
        assertEquals(yuan(budget) + " 元", text("cardBudget"));
    }

    @Test
    @Order(4)
    void aPaymentPostedWhileTheOverviewIsOpenShowsWithinTwoSecondsWithoutReload() {
        wait.until(d -> "open".equals(d.findElement(By.id("live")).getAttribute("data-state")));
        String before = attribute("cardExecuted", "data-value");
        String expected = new BigDecimal(before).add(new BigDecimal("1234.56")).toPlainString();
        js("window.bwMarker = 'not reloaded'");
        String payment = "{\"paymentId\":\"DASH-2021-LIVE\",\"kind\":\"PAYMENT\",\"fiscalYear\":2021,\"agencyCode\":\""
                + AGENCY + "\",\"projectCode\":\"" + VEHICLE_INSURANCE + "\",\"amount\":\"1234.56\","
                + "\"fundSource\":\"FISCAL\",\"paidOn\":\"2021-05-10\",\"payee\":\"中国人民财产保险股份有限公司秦皇岛分公司\","
                + "\"purpose\":\"公务用车保险\"}";
        String treasury = keycloak.treasuryAccessToken();
        long posted = System.nanoTime();
        given().header("Authorization", "Bearer " + treasury).contentType("application/json; charset=utf-8")
                .body(payment.getBytes(StandardCharsets.UTF_8)).post(execution.url("/api/payments")).then().statusCode(202);
        new WebDriverWait(browser, Duration.ofSeconds(2), Duration.ofMillis(50))
                .ignoring(StaleElementReferenceException.class).until(d ->
                expected.equals(d.findElement(By.id("cardExecuted")).getAttribute("data-value")));
        long millis = (System.nanoTime() - posted) / 1_000_000;
        System.out.println("DashboardIT: payment on the open overview after " + millis + " ms");
        assertEquals("not reloaded", js("return window.bwMarker"), "the page was not reloaded");
        assertTrue(((Number) js("return window.bwLiveRefreshes || 0")).intValue() >= 1, "fetched again on a live change");
        assertEquals(yuan(expected) + " 元", text("cardExecuted"));
    }

    @Test
    @Order(5)
    void aManagerAcknowledgesOneAlertOnTheProjectPageAndSeveralInTheAlertsCentre() throws Exception {
        JsonNode open = json(as("manager-213001").get(reporting.url("/api/alerts?agency=" + AGENCY + "&year=" + YEAR
                + "&acknowledged=false")).then().statusCode(200).extract().asString());
        String first = open.get(0).path("id").asText();
        String project = open.get(0).path("projectCode").asText();
        browser.get(reporting.url("/project.html?code=" + project + "&asOf=" + AS_OF));
        awaitReady();
        WebElement form = browser.findElement(By.cssSelector("#alerts form[data-id='" + first + "']"));
        form.findElement(By.name("comment")).sendKeys("已督促经办科室加快支付");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                as("manager-213001").get(reporting.url("/api/alerts/" + first)).then().statusCode(200)
                        .body("acknowledgement.by", equalTo("manager-213001"))
                        .body("acknowledgement.comment", equalTo("已督促经办科室加快支付")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("alerts"), "已督促经办科室加快支付"));
        js("document.getElementById('monthlyChart').scrollIntoView()");
        wait.until(d -> "true".equals(d.findElement(By.id("monthlyChart")).getAttribute("data-drawn")));
        js("window.scrollTo(0, 0)");
        assertNoPolicyViolation();
        screenshot("project-manager.png");

        // the ledger, a refund marked as one
        browser.get(reporting.url("/project.html?code=" + TRAINING + "&asOf=" + AS_OF));
        awaitReady();
        WebElement refund = browser.findElement(By.cssSelector("#ledger tr.refund[data-payment='DEMO-2021-0008']"));
        assertTrue(refund.getText().contains("退款"), refund.getText());

        browser.get(reporting.url("/alerts.html?agency=" + AGENCY + "&year=" + YEAR + "&acknowledged=false"));
        awaitReady();
        List<WebElement> picks = browser.findElements(By.cssSelector("#alertRows input.pick"));
        assertTrue(picks.size() >= 2, "open alerts to pick: " + picks.size());
        List<String> ids = List.of(picks.get(0).getAttribute("value"), picks.get(1).getAttribute("value"));
        picks.get(0).click();
        picks.get(1).click();
        browser.findElement(By.id("bulkComment")).sendKeys("季度末集中确认");
        screenshot("alerts-manager.png");
        browser.findElement(By.id("bulkSubmit")).click();
        wait.until(d -> d.findElements(By.cssSelector("#results li[data-outcome='ACKNOWLEDGED']")).size() == 2);
        for (String id : ids) {
            as("manager-213001").get(reporting.url("/api/alerts/" + id)).then().statusCode(200)
                    .body("acknowledgement.comment", equalTo("季度末集中确认"));
        }
        // the rule filter of the centre
        browser.get(reporting.url("/alerts.html?agency=" + AGENCY + "&year=" + YEAR + "&rule=EXECUTION_LAG"));
        awaitReady();
        assertTrue(browser.findElements(By.cssSelector("#alertRows tr")).size() > 0);
        assertTrue(browser.findElement(By.id("alertRows")).getText().lines().noneMatch(l -> l.contains("超预算")));
        assertNoPolicyViolation();
    }

    @Test
    @Order(6)
    void aPlannerRecordsAnExplanationThatTheMonitoringFormCarries() throws Exception {
        signIn("planner-213001", "/project.html?code=" + VEHICLE_INSURANCE + "&asOf=" + AS_OF);
        assertEquals(HOSTILE_NAME, text("projectName"), "the markup name as text");
        assertEquals(0L, js("return document.querySelectorAll('img').length"));
        WebElement form = browser.findElement(By.id("explanationForm"));
        assertTrue(form.isDisplayed(), "planners record explanations");
        String cause = "车辆保险续保时间推迟至下半年 " + UUID.randomUUID().toString().substring(0, 8);
        browser.findElement(By.id("cause-FUNDING")).sendKeys(cause);
        browser.findElement(By.id("exAmount")).sendKeys("5200.00");
        browser.findElement(By.id("exMeasures")).sendKeys("九月前完成续保并支付");
        browser.findElement(By.id("exSubmit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("explanations"), cause));
        assertTrue(browser.findElement(By.id("exResult")).getText().startsWith("已记录"), text("exResult"));
        screenshot("project-planner.png");

        byte[] xlsx = as("planner-213001").get(reporting.url("/api/exports/monitoring.xlsx?" + PERIOD)).then()
                .statusCode(200).extract().asByteArray();
        assertTrue(cells(xlsx).stream().anyMatch(c -> c.contains(cause)), "the monitoring form carries the cause");
    }

    @Test
    @Order(7)
    void aSupervisorDrillsDownFromTheBureauToAnAgencyAndAProject() throws Exception {
        signIn("supervisor", "/bureau.html?year=" + YEAR + "&asOf=" + AS_OF);
        JsonNode bureau = json(as("supervisor").get(reporting.url("/api/bureau?year=" + YEAR + "&asOf=" + AS_OF))
                .then().statusCode(200).extract().asString());
        assertEquals(String.valueOf(bureau.path("agencies").size()), text("agencyCount"));
        js("document.getElementById('bureauChart').scrollIntoView()");
        wait.until(d -> "true".equals(d.findElement(By.id("bureauChart")).getAttribute("data-drawn")));
        js("window.scrollTo(0, 0)");
        screenshot("bureau-supervisor.png");
        browser.findElement(By.cssSelector("#agencies tr[data-agency='" + AGENCY + "'] a")).click();
        wait.until(ExpectedConditions.urlContains("agency=" + AGENCY));
        awaitReady();
        assertTrue(browser.getCurrentUrl().contains("asOf=" + AS_OF), browser.getCurrentUrl());
        browser.findElement(By.cssSelector("#projects a[href*='code=" + VEHICLE_INSURANCE + "']")).click();
        wait.until(ExpectedConditions.urlContains("/project.html"));
        awaitReady();
        assertEquals(HOSTILE_NAME, text("projectName"));
        assertFalse(browser.findElement(By.id("explanationForm")).isDisplayed(), "a supervisor records no explanation");
        assertThrows(NoAlertPresentException.class, () -> browser.switchTo().alert());
        assertNoPolicyViolation();
        // the tablet width: one column, nothing wider than the window
        browser.manage().window().setSize(new Dimension(800, 1100));
        browser.get(reporting.url("/index.html?" + PERIOD));
        awaitReady();
        assertTrue(((Number) js("return document.documentElement.scrollWidth")).intValue() <= 800,
                "no horizontal scrolling of the page at 800 px");
        screenshot("overview-tablet.png");
        browser.manage().window().setSize(new Dimension(1366, 768));
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    /** Opens the page, signing in at the provider as the user (after signing the previous user out). */
    static void signIn(String user, String page) {
        if (signedIn != null && !signedIn.equals(user)) {
            browser.get(reporting.url("/index.html"));
            wait.until(d -> {
                d.findElement(By.id("logout")).click();
                return true;
            });
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        }
        browser.get(reporting.url(page));
        if (!user.equals(signedIn)) {
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
            browser.findElement(By.id("username")).sendKeys(user);
            browser.findElement(By.id("password")).sendKeys(keycloak.demoPassword());
            browser.findElement(By.id("kc-login")).click();
            signedIn = user;
        }
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), user));
        awaitReady();
    }

    static void awaitReady() {
        wait.until(d -> "true".equals(((JavascriptExecutor) d).executeScript("return document.body.dataset.ready")));
    }

    static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    static String text(String id) {
        return wait.until(d -> d.findElement(By.id(id)).getText().strip());
    }

    static String attribute(String id, String name) {
        return wait.until(d -> String.valueOf(d.findElement(By.id(id)).getAttribute(name)));
    }

    static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }

    static void assertNoPolicyViolation() {
        assertEquals(List.of(), js("return window.bwCsp || []"), "Content-Security-Policy violations");
    }

    /** Yuan as the page shows them: grouped, two decimals. */
    static String yuan(String amount) {
        return new DecimalFormat("#,##0.00").format(new BigDecimal(amount));
    }

    /** 万元: the exact quotient (yuan / 10 000), grouped, 2 to 6 decimals. */
    static String wan(String amount) {
        BigDecimal wan = new BigDecimal(amount).movePointLeft(4).stripTrailingZeros();
        if (wan.scale() < 2) {
            wan = wan.setScale(2);
        }
        DecimalFormat format = new DecimalFormat("#,##0.00");
        format.setMaximumFractionDigits(6);
        return format.format(wan);
    }

    static List<String> cells(byte[] xlsx) throws IOException {
        List<String> texts = new ArrayList<>();
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Sheet sheet : workbook) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        if (cell.getCellType() == CellType.STRING) {
                            texts.add(cell.getStringCellValue());
                        }
                    }
                }
            }
        }
        return texts;
    }

    /** Kept in target/screenshots (the README shows the demo stack's, docs/screenshots/). */
    static void screenshot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(dir.resolve(name), png);
    }
}
