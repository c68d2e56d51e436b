package io.budgetwatch.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.budgetwatch.events.Topics;
import io.budgetwatch.testsupport.KafkaTestClient;
import io.budgetwatch.testsupport.ServiceProcess;
import io.budgetwatch.testsupport.TestTokens;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole suite over the real broker, with the seed and the local stack's demo data: goals-service
 * imports the seed goal document, execution-service takes the 2021 treasury payments (one over Kafka,
 * the rest over HTTP) and indicator actuals, and reporting-service shows progress, raises the alerts a
 * manager should see at 1 July 2021, and scores 车辆保险费 at year end. Each call carries the token of the
 * role that makes it in a finance office (the planner imports and reports, the treasury pays, the admin
 * re-evaluates, the manager reads), signed with the test key the services trust ({@link TestTokens}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIT {

    static final String AGENCY = "213001";
    static final String VEHICLE_INSURANCE = "130303210B2L85R7NSB45"; // 车辆保险费, 4000.00
    static final String OPERATING = "13030321A4GNQBCU9KKF1";         // 综合业务经费, 50000.00
    static final String RELIGION = "13030321DPERPAZTW8YXH";          // 宗教治理经费, 60000.00
    static final ObjectMapper JSON = new ObjectMapper();

    static final String PLANNER = TestTokens.user("planner-213001").roles("planner").agencies(AGENCY).expiresIn(1800).sign();
    static final String MANAGER = TestTokens.user("manager-213001").roles("manager").agencies(AGENCY).expiresIn(1800).sign();
    static final String TREASURY = TestTokens.user("service-account-treasury").roles("treasury").expiresIn(1800).sign();
    static final String ADMIN = TestTokens.user("admin").roles("admin").expiresIn(1800).sign();

    static Path demo;
    static ServiceProcess goals;
    static ServiceProcess execution;
    static ServiceProcess reporting;

    @BeforeAll
    static void startSuite() {
        Path root = Path.of(System.getProperty("budgetwatch.repo.root", ".."));
        demo = root.resolve("deploy/local/demo");
        goals = ServiceProcess.of(root, "goals-service", "goals", Map.of()).start();
        execution = ServiceProcess.of(root, "execution-service", "execution", Map.of()).start();
        // Alerts are evaluated on request in this test, for a date it chooses.
        // the project page's ledger is read from this execution-service, with the caller's own token
        reporting = ServiceProcess.of(root, "reporting-service", "reporting",
                Map.of("budgetwatch.alerts.scheduler-enabled", "false",
                        "budgetwatch.execution.url", "http://localhost:" + execution.port())).start();
        goals.awaitReady(Duration.ofSeconds(120));
        execution.awaitReady(Duration.ofSeconds(120));
        reporting.awaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stopSuite() {
        for (ServiceProcess service : new ServiceProcess[] {reporting, execution, goals}) {
            if (service != null) {
                service.close();
            }
        }
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    @Test
    @Order(1)
    void theSeedImportedByGoalsServiceReachesReportingFromTheTopicAlone() throws Exception {
        byte[] seed = Files.readAllBytes(demo.resolve("goal-document-2021.txt"));
        as(PLANNER).contentType("text/plain; charset=utf-8").body(seed).post(goals.url("/api/goal-documents"))
                .then().statusCode(201)
                .body("agencyCode", equalTo(AGENCY))
                .body("fiscalYear", equalTo(2021))
                .body("projectCodes.size()", equalTo(7))
                .body("indicatorCount", equalTo(58))
                .body("totalBudget", equalTo("894000.00"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                as(MANAGER).get(reporting.url("/api/progress?agency=" + AGENCY + "&year=2021&asOf=2021-06-30"))
                        .then().statusCode(200)
                        .body("projectCount", equalTo(7))
                        .body("budget.total", equalTo("894000.00"))
                        .body("projects.name", hasItem("车辆保险费")));
        // execution-service knows the projects from the same topic before any payment comes.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                as(MANAGER).get(execution.url("/api/projects/" + VEHICLE_INSURANCE + "/ledger")).then().statusCode(200));
    }

    @Test
    @Order(2)
    void paymentsOverKafkaAndHttpShowAgainstTheirProjects() throws Exception {
        ArrayNode payments = (ArrayNode) JSON.readTree(demo.resolve("payments-2021.json").toFile());
        JsonNode overKafka = payments.remove(payments.size() - 1); // DEMO-2021-0019, 民主党派活动经费 12 000.00
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(Topics.TREASURY_PAYMENTS, overKafka.get("projectCode").asText(),
                    JSON.writeValueAsString(overKafka).getBytes(StandardCharsets.UTF_8));
        }
        as(TREASURY).contentType("application/json; charset=utf-8").body(JSON.writeValueAsString(payments))
                .post(execution.url("/api/payments")).then().statusCode(202);
        for (JsonNode report : JSON.readTree(demo.resolve("indicator-reports-2021.json").toFile())) {
            int status = as(PLANNER).contentType("application/json; charset=utf-8").body(JSON.writeValueAsString(report))
                    .post(execution.url("/api/indicator-reports")).then().extract().statusCode();
            org.junit.jupiter.api.Assertions.assertTrue(status / 100 == 2, "indicator report answered " + status);
        }

        // By 30 June: 4000 + 110 000 + 10 000 (11 000 less a 1 000 refund) + 150 000 + 10 000 + 100 000 + 27 000.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                as(MANAGER).get(reporting.url("/api/progress?agency=" + AGENCY + "&year=2021&asOf=2021-06-30"))
                        .then().statusCode(200)
                        .body("executed.total", equalTo("411000.00"))
                        .body("executionRate", equalTo("45.97")));
        // The whole year: 631 300.00 of 894 000.00.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                as(MANAGER).get(reporting.url("/api/progress?agency=" + AGENCY + "&year=2021&asOf=2021-12-31"))
                        .then().statusCode(200)
                        .body("executed.total", equalTo("631300.00"))
                        .body("executionRate", equalTo("70.62")));
        as(MANAGER).get(reporting.url("/api/projects/" + OPERATING + "/progress?asOf=2021-06-30")).then()
                .body("executed.total", equalTo("10000.00"))
                .body("status", equalTo("SERIOUSLY_LAGGING"));
        as(MANAGER).get(execution.url("/api/payments/DEMO-2021-0019")).then().statusCode(200)
                .body("projectCode", equalTo("13030321VD9G2KEVUL475"));
        // the treasury posts payments and reads nothing; a manager posts no payment
        as(TREASURY).get(execution.url("/api/payments/DEMO-2021-0019")).then().statusCode(403);
        as(MANAGER).contentType("application/json; charset=utf-8").body("[]")
                .post(execution.url("/api/payments")).then().statusCode(403);
    }

    @Test
    @Order(3)
    void theAlertsOfFirstJulyAreExactlyTheOnesTheDataCallsFor() {
        as(ADMIN).post(reporting.url("/api/alerts/evaluate?asOf=2021-07-01")).then().statusCode(200);
        // 车辆保险费 paid 4 300.00 against 4 000.00 (overspent, and over its ≤4000元 cost cap) when the money arrived;
        // 综合业务经费 and 宗教治理经费 lag the plan at both checkpoints, with year-end forecasts far below 70 %.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                as(MANAGER).get(reporting.url("/api/alerts?agency=" + AGENCY + "&year=2021")).then().statusCode(200)
                        .body("id", containsInAnyOrder(
                                VEHICLE_INSURANCE + ":OVERSPEND:v1",
                                VEHICLE_INSURANCE + ":COST_CAP_EXCEEDED:i4",
                                OPERATING + ":EXECUTION_LAG:2021-03-31",
                                OPERATING + ":YEAR_END_FORECAST:2021-03-31",
                                OPERATING + ":EXECUTION_LAG:2021-06-30",
                                OPERATING + ":YEAR_END_FORECAST:2021-06-30",
                                RELIGION + ":EXECUTION_LAG:2021-03-31",
                                RELIGION + ":YEAR_END_FORECAST:2021-03-31",
                                RELIGION + ":EXECUTION_LAG:2021-06-30",
                                RELIGION + ":YEAR_END_FORECAST:2021-06-30")));
        // 综合业务经费 at 31 March: 5 000 of 50 000 = 10 % against 25 %: 15 points, a warning.
        as(MANAGER).get(reporting.url("/api/alerts/" + OPERATING + ":EXECUTION_LAG:2021-03-31")).then()
                .body("severity", equalTo("WARNING")).body("figures.shortfallPoints", equalTo("15.00"));
        // 宗教治理经费 at 30 June: 10 000 of 60 000 = 16.67 % against 50 %: 33.33 points, critical;
        // pace 10 000 * 365 / 181 = 20 165.75 -> 33.61 % by year end.
        as(MANAGER).get(reporting.url("/api/alerts/" + RELIGION + ":EXECUTION_LAG:2021-06-30")).then()
                .body("severity", equalTo("CRITICAL")).body("figures.shortfallPoints", equalTo("33.33"));
        as(MANAGER).get(reporting.url("/api/alerts/" + RELIGION + ":YEAR_END_FORECAST:2021-06-30")).then()
                .body("figures.forecastRate", equalTo("33.61"));
        // Evaluating the same date again raises nothing new.
        as(ADMIN).post(reporting.url("/api/alerts/evaluate?asOf=2021-07-01")).then().statusCode(200)
                .body("alertsRaised", equalTo(0));
    }

    @Test
    @Order(4)
    void vehicleInsuranceIsScoredAtYearEndAsComputedByHand() {
        // Execution 4 300 / 4 000 = 107.5 % -> 10 points (capped).
        // Output 50 / 4 = 12.5 each: 年度服务部门数量 not reported 0; 正常使用率 95 % ≥ 90 % 12.50;
        //   完工及时率 not reported 0; 资金成本 4 300 元 vs ≤4000元: 4000/4300 = 93.02 % -> 11.63. Output 24.13.
        // Benefit 30: 提供优质服务 assessed 达成 -> 30.00. Satisfaction 10: 92 % ≥ 90 % -> 10.00.
        // Total 10 + 24.13 + 30 + 10 = 74.13 -> 中.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                as(MANAGER).get(reporting.url("/api/projects/" + VEHICLE_INSURANCE + "/self-evaluation?year=2021"))
                        .then().statusCode(200)
                        .body("score.executionScore", equalTo(10))
                        .body("score.levels.score", equalTo(List.of(24.13f, 30.00f, 10.00f)))
                        .body("score.total", equalTo(74.13f))
                        .body("score.grade", equalTo("中")));
    }

    @Test
    @Order(5)
    void theProjectPageReadsExecutionServicesLedgerThroughReportingWithTheManagersToken() throws Exception {
        // 综合业务经费 holds a refund (DEMO-2021-0008), 宗教治理经费 a correction (DEMO-2021-0023)
        for (String project : List.of(OPERATING, RELIGION, VEHICLE_INSURANCE)) {
            for (String query : List.of("?limit=1000", "", "?afterSeq=0&limit=1")) {
                String own = as(MANAGER).get(execution.url("/api/projects/" + project + "/ledger" + query)).then()
                        .statusCode(200).extract().asString();
                String relayed = as(MANAGER).get(reporting.url("/api/projects/" + project + "/ledger" + query))
                        .then().statusCode(200).contentType(containsString("application/json")).extract().asString();
                assertEquals(own, relayed, project + query);
            }
        }
        JsonNode operating = JSON.readTree(as(MANAGER).get(reporting.url("/api/projects/" + OPERATING + "/ledger"))
                .then().statusCode(200).extract().asString());
        // the whole year: 5 000 + 6 000 - 1 000 + 3 000
        assertEquals("13000.00", operating.get("executed").get("total").asText(), operating.toString());
        JsonNode refund = null;
        for (JsonNode entry : operating.get("entries")) {
            if ("DEMO-2021-0008".equals(entry.get("paymentId").asText())) {
                refund = entry;
            }
        }
        assertTrue(refund != null, operating.toString());
        assertEquals("REFUND", refund.get("kind").asText());
        assertEquals("-1000.00", refund.get("amount").asText());
        assertEquals("山海关区会议中心", refund.get("payee").asText());
        JsonNode religion = JSON.readTree(as(MANAGER).get(reporting.url("/api/projects/" + RELIGION + "/ledger"))
                .then().statusCode(200).extract().asString());
        assertTrue(religion.get("entries").findValuesAsText("kind").contains("CORRECTION"), religion.toString());

        // a manager of 213002: execution-service's 404, relayed; reporting-service refuses bad paging itself
        String otherManager = TestTokens.user("manager-213002").roles("manager").agencies("213002").expiresIn(1800).sign();
        as(otherManager).get(reporting.url("/api/projects/" + OPERATING + "/ledger")).then().statusCode(404)
                .contentType(containsString("application/problem+json"))
                .body(not(containsString("综合业务经费"))).body(not(containsString("山海关区会议中心")));
        as(MANAGER).get(reporting.url("/api/projects/" + OPERATING + "/ledger?limit=1001")).then().statusCode(400)
                .body("field", equalTo("limit"));
        // the treasury's machine token reads no ledger; without a token: 401
        as(TREASURY).get(reporting.url("/api/projects/" + OPERATING + "/ledger")).then().statusCode(403);
        given().get(reporting.url("/api/projects/" + OPERATING + "/ledger")).then().statusCode(401);
    }
}
