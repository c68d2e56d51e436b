package io.budgetwatch.reporting.project;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.events.ProjectSnapshot.BudgetAdjustment;
import io.budgetwatch.events.Topics;
import io.budgetwatch.testsupport.KafkaTestClient;
import io.budgetwatch.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The project page's facts over the real broker: a project of agency 991301 whose budget was adjusted twice
 * (published out of order), one never adjusted, and one of agency 991302. Clock pinned to 2021-07-15.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectApiTest {

    static final String AGENCY = "991301";
    static final String OTHER = "991302";
    static final String ADJUSTED = "130303219913000000001";
    static final String PLAIN = "130303219913000000002";
    static final String OTHER_CODE = "130303219913020000001";
    static final String OTHER_NAME = "戊单位保密项目";
    static final String PURPOSE = "用于“智慧校园”建设（一期），含设备采购及运维；\uD842\uDFB7字测试";

    @Inject
    ObjectMapper mapper;

    @BeforeAll
    void publish() throws Exception {
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            // the second adjustment listed first: the page orders them by seq, 年初预算数 is before seq 1
            send(kafka, snapshot(AGENCY, ADJUSTED, "智慧校园建设", 3, "120000.00", "100000.00", "20000.00", List.of(
                    new BudgetAdjustment(2, new BigDecimal("150000.00"), new BigDecimal("120000.00"),
                            new BigDecimal("100000.00"), new BigDecimal("20000.00"), "年中调减", LocalDate.of(2021, 7, 1),
                            "李处长", Instant.parse("2021-06-28T02:00:00Z"), "manual", null),
                    new BudgetAdjustment(1, new BigDecimal("200000.00"), new BigDecimal("150000.00"),
                            new BigDecimal("130000.00"), new BigDecimal("20000.00"), "预算批复调整",
                            LocalDate.of(2021, 3, 1), "张会计", Instant.parse("2021-02-27T02:00:00Z"), "document", 2))));
            send(kafka, snapshot(AGENCY, PLAIN, "办公设备购置", 1, "5000.00", "4000.00", "1000.00", List.of()));
            send(kafka, snapshot(OTHER, OTHER_CODE, OTHER_NAME, 1, "9000.00", "9000.00", "0.00", List.of()));
        }
    }

    @BeforeEach
    void awaitReadModel() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            given().get("/api/projects/" + ADJUSTED).then().statusCode(200).body("version", equalTo(3));
            given().get("/api/projects/" + PLAIN).then().statusCode(200);
            given().get("/api/projects/" + OTHER_CODE).then().statusCode(200);
        });
    }

    @Test
    void aProjectShowsItsSnapshotWithTheBudgetBeforeItsAdjustments() {
        String planner = TestTokens.user("planner-" + AGENCY).roles("planner").agencies(AGENCY).sign();
        as(planner).get("/api/projects/" + ADJUSTED + "?asOf=2021-06-30").then().statusCode(200)
                .contentType(containsString("application/json"))
                .body("projectCode", equalTo(ADJUSTED))
                .body("name", equalTo("智慧校园建设"))
                .body("agencyCode", equalTo(AGENCY))
                .body("agencyName", equalTo("己预算单位"))
                .body("fiscalYear", equalTo(2021))
                .body("version", equalTo(3))
                .body("asOf", equalTo("2021-06-30"))
                .body("purpose", equalTo(PURPOSE))
                .body("goals", equalTo(List.of("建成统一身份认证", "覆盖全部教学楼")))
                .body("budget.total", equalTo("120000.00"))
                .body("budget.fiscal", equalTo("100000.00"))
                .body("budget.other", equalTo("20000.00"))
                // 年初预算数: the total before the first adjustment; its split by fund is not recorded
                .body("initialBudget.total", equalTo("200000.00"))
                .body("initialBudget", hasKey("fiscal"))
                .body("initialBudget.fiscal", nullValue())
                .body("initialBudget.other", nullValue())
                .body("adjustments.seq", equalTo(List.of(1, 2)))
                .body("adjustments[0].previousTotal", equalTo("200000.00"))
                .body("adjustments[0].total", equalTo("150000.00"))
                .body("adjustments[0].fiscal", equalTo("130000.00"))
                .body("adjustments[0].other", equalTo("20000.00"))
                .body("adjustments[0].reason", equalTo("预算批复调整"))
                .body("adjustments[0].effectiveOn", equalTo("2021-03-01"))
                .body("adjustments[0].adjustedBy", equalTo("张会计"))
                .body("adjustments[0].recordedAt", equalTo("2021-02-27T02:00:00Z"))
                .body("adjustments[0].source", equalTo("document"))
                .body("adjustments[1].previousTotal", equalTo("150000.00"))
                .body("adjustments[1].source", equalTo("manual"))
                .body("plan.checkpoint", equalTo(List.of("2021-06-30", "2021-12-31")))
                .body("plan.cumulativePercent", equalTo(List.of("40.00", "100.00")));
        // the other endpoints under /api/projects/{code}/ still answer (the class paths do not shadow them)
        as(planner).get("/api/projects/" + ADJUSTED + "/progress?asOf=2021-06-30").then().statusCode(200)
                .body("budget.total", equalTo("120000.00"));
        // Chinese text (a character outside the BMP too) comes back byte for byte
        assertArrayEquals(PURPOSE.getBytes(StandardCharsets.UTF_8), as(planner).get("/api/projects/" + ADJUSTED)
                .then().extract().jsonPath().getString("purpose").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void withoutAdjustmentsTheInitialBudgetIsTheBudgetAndAsOfDefaultsToToday() {
        given().get("/api/projects/" + PLAIN).then().statusCode(200)
                .body("asOf", equalTo("2021-07-15"))
                .body("initialBudget.total", equalTo("5000.00"))
                .body("initialBudget.fiscal", equalTo("4000.00"))
                .body("initialBudget.other", equalTo("1000.00"))
                .body("adjustments.size()", equalTo(0));
    }

    @Test
    void anotherAgencysOrAnUnknownProjectIsNotFoundAndBadInputIsRefused() {
        String manager = TestTokens.user("manager-" + AGENCY).roles("manager").agencies(AGENCY).sign();
        String refusal = as(manager).get("/api/projects/" + OTHER_CODE).then().statusCode(404)
                .contentType(containsString("application/problem+json"))
                .body("code", equalTo("unknown-project")).extract().asString();
        // the code asked about is echoed; nothing else of the other agency
        assertFalse(refusal.contains(OTHER_NAME) || refusal.contains("庚预算单位"), refusal);
        as(manager).get("/api/projects/130303219913000000099").then().statusCode(404)
                .body("code", equalTo("unknown-project"));
        as(manager).get("/api/projects/" + ADJUSTED + "?asOf=2021-02-30").then().statusCode(400)
                .contentType(containsString("application/problem+json")).body("field", equalTo("asOf"));
        as(manager).get("/api/projects/bad-code!").then().statusCode(400).body("code", equalTo("invalid-project-code"));
        String treasury = TestTokens.user("treasury").roles("treasury").sign();
        as(treasury).get("/api/projects/" + ADJUSTED).then().statusCode(403);
    }

    private static RequestSpecification as(String token) {
        return RestAssured.given().noFilters().header("Authorization", "Bearer " + token);
    }

    private static ProjectSnapshot snapshot(String agency, String code, String name, int version, String total,
                                            String fiscal, String other, List<BudgetAdjustment> adjustments) {
        return new ProjectSnapshot(ProjectSnapshot.SCHEMA_VERSION, code + ":v" + version,
                Instant.parse("2021-01-10T00:00:00Z"), code, version, 2021, agency,
                agency.equals(AGENCY) ? "己预算单位" : "庚预算单位", name,
                new ProjectSnapshot.Budget(new BigDecimal(total), new BigDecimal(fiscal), new BigDecimal(other)),
                PURPOSE, List.of("建成统一身份认证", "覆盖全部教学楼"),
                List.of(new ProjectSnapshot.PlanPoint(LocalDate.of(2021, 12, 31), new BigDecimal("100.00")),
                        new ProjectSnapshot.PlanPoint(LocalDate.of(2021, 6, 30), new BigDecimal("40.00"))),
                List.of(), adjustments, null);
    }

    private void send(KafkaTestClient kafka, ProjectSnapshot s) throws Exception {
        kafka.send(Topics.PROJECTS, s.projectCode(), mapper.writeValueAsString(s));
    }
}
