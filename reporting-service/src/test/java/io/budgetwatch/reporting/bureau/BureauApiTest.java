package io.budgetwatch.reporting.bureau;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetwatch.reporting.overview.ViewsSeed;
import io.budgetwatch.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * GET /api/bureau over the real broker and database: three agencies of fiscal year 2020 (no other test has projects
 * of that year), one payment after the year's end, one in the middle of June. The clock is pinned to 2021-07-15.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BureauApiTest {

    static final String A1 = "990501";
    static final String A2 = "990502";
    static final String A3 = "990503";
    static final String P11 = "130303219950100000001";
    static final String P12 = "130303219950100000002";
    static final String P21 = "130303219950200000001";
    static final String P31 = "130303219950300000001";

    @Inject
    ObjectMapper mapper;

    @Inject
    Pool pool;

    @BeforeAll
    void seed() throws Exception {
        try (ViewsSeed seed = new ViewsSeed(mapper)) {
            seed.project(A1, "一号单位", P11, 2020, "一号项目", "10000.00", "10000.00", "0.00", List.of());
            seed.project(A1, "一号单位", P12, 2020, "一号滞后项目", "10000.00", "10000.00", "0.00", List.of());
            seed.project(A2, "二号单位", P21, 2020, "二号项目", "10000.00", "6000.00", "4000.00", List.of());
            seed.project(A3, "三号单位", P31, 2020, "三号项目", "1000.00", "1000.00", "0.00", List.of());
            seed.payment("bureau-1", A1, P11, 2020, "3000.00", "FISCAL", "2020-03-10");
            seed.payment("bureau-2", A1, P11, 2020, "2000.00", "FISCAL", "2020-03-20");
            seed.payment("bureau-3", A1, P11, 2020, "1000.00", "FISCAL", "2020-06-10");
            seed.payment("bureau-4", A1, P12, 2020, "1000.00", "FISCAL", "2020-06-20");
            seed.payment("bureau-5", A2, P21, 2020, "3800.00", "OTHER", "2020-04-01");
            seed.payment("bureau-6", A2, P21, 2020, "500.00", "FISCAL", "2021-01-20"); // after the year's end
            seed.payment("bureau-7", A3, P31, 2020, "1200.00", "FISCAL", "2020-05-05"); // overspent
        }
    }

    @BeforeEach
    void awaitReadModel() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            given().get("/api/progress?agency=" + A1 + "&year=2020&asOf=2020-12-31").then().statusCode(200)
                    .body("executed.total", equalTo("7000.00"));
            given().get("/api/progress?agency=" + A2 + "&year=2020&asOf=2021-12-31").then().statusCode(200)
                    .body("executed.total", equalTo("4300.00"));
            given().get("/api/alerts/" + P31 + ":OVERSPEND:v1").then().statusCode(200);
        });
    }

    private static RequestSpecification as(String user, String role, String... agencies) {
        TestTokens.Builder token = TestTokens.user(user).roles(role);
        if (agencies != null) {
            token = token.agencies(agencies);
        }
        return RestAssured.given().noFilters().header("Authorization", "Bearer " + token.sign());
    }

    private static RequestSpecification supervisorOfAll() {
        return as("supervisor-all", "supervisor", (String[]) null);
    }

    @Test
    void everyAgencyAtTheEndOfJuneMostBehindFirst() {
        JsonPath body = supervisorOfAll().get("/api/bureau?year=2020&asOf=2020-06-30").then().statusCode(200)
                .body("fiscalYear", equalTo(2020))
                .body("asOf", equalTo("2020-06-30"))
                .body("timeElapsedRate", equalTo("50.00"))
                .extract().jsonPath();
        List<String> codes = body.getList("agencies.agencyCode");
        assertEquals(List.of(A1, A2, A3), codes.stream().filter(c -> c.startsWith("9905")).toList());
        Map<String, Object> a1 = line(body, A1);
        assertEquals("一号单位", a1.get("agencyName"));
        assertEquals(2, a1.get("projectCount"));
        assertEquals("20000.00", a1.get("budget"));
        assertEquals("7000.00", a1.get("executed"));
        assertEquals("35.00", a1.get("executionRate"));
        assertEquals("50.00", a1.get("plannedRate"));
        assertEquals("50.00", a1.get("timeElapsedRate"));
        assertEquals("-15.00", a1.get("gapToTimeElapsedPoints"));
        // 60 % against 50 % planned: green; 10 %: seriously lagging, red
        assertEquals(List.of(1, 0, 1), List.of(a1.get("green"), a1.get("yellow"), a1.get("red")));
        // the agency itself, 35 % against 50 % planned, by the projects' rule: lagging (more than 10 points behind)
        assertEquals("LAGGING", a1.get("status"));
        assertEquals(0, a1.get("openAlerts"));
        Map<String, Object> a2 = line(body, A2);
        assertEquals("38.00", a2.get("executionRate"));
        assertEquals("-12.00", a2.get("gapToTimeElapsedPoints"));
        assertEquals(List.of(0, 1, 0), List.of(a2.get("green"), a2.get("yellow"), a2.get("red")));
        Map<String, Object> a3 = line(body, A3);
        assertEquals("120.00", a3.get("executionRate"));
        assertEquals("70.00", a3.get("gapToTimeElapsedPoints"));
        assertEquals(List.of(0, 0, 1), List.of(a3.get("green"), a3.get("yellow"), a3.get("red")));
        assertEquals("OVERSPENT", a3.get("status"));
        assertEquals(1, a3.get("openAlerts")); // its overspend, raised as the payment was stored
    }

    @Test
    void eachAgencyHasTheFiguresOfItsProgressAnswerAtAnyDate() {
        // month ends, the first half of a month (days added to the month before) and the second (days after the
        // date taken from the month's running total), before, in and after the year, and from today on
        for (String asOf : List.of("2019-12-31", "2020-01-31", "2020-03-15", "2020-03-16", "2020-06-15", "2020-06-19",
                "2020-06-25", "2020-06-30", "2020-12-31", "2021-01-10", "2021-01-25", "2021-02-10", "2021-07-15",
                "2021-08-01")) {
            JsonPath bureau = supervisorOfAll().get("/api/bureau?year=2020&asOf=" + asOf).then().statusCode(200)
                    .extract().jsonPath();
            for (String agency : List.of(A1, A2, A3)) {
                JsonPath progress = given().get("/api/progress?agency=" + agency + "&year=2020&asOf=" + asOf).then()
                        .statusCode(200).extract().jsonPath();
                Map<String, Object> line = line(bureau, agency);
                String at = agency + " " + asOf;
                assertEquals(progress.getInt("projectCount"), line.get("projectCount"), at);
                assertEquals(progress.getString("budget.total"), line.get("budget"), at);
                assertEquals(progress.getString("executed.total"), line.get("executed"), at);
                assertEquals(progress.getString("executionRate"), line.get("executionRate"), at);
                assertEquals(progress.getString("plannedRate"), line.get("plannedRate"), at);
                assertEquals(progress.getString("timeElapsedRate"), line.get("timeElapsedRate"), at);
                assertEquals(new BigDecimal(progress.getString("executionRate"))
                        .subtract(new BigDecimal(progress.getString("timeElapsedRate"))).toPlainString(),
                        line.get("gapToTimeElapsedPoints"), at);
                assertEquals(progress.getInt("statusCounts.ON_TRACK"), line.get("green"), at);
                assertEquals(progress.getInt("statusCounts.LAGGING"), line.get("yellow"), at);
                assertEquals(progress.getInt("statusCounts.SERIOUSLY_LAGGING")
                        + progress.getInt("statusCounts.OVERSPENT"), line.get("red"), at);
            }
        }
        // the payment of January 2021 counts after the year's end
        JsonPath after = supervisorOfAll().get("/api/bureau?year=2020&asOf=2021-02-10").then().extract().jsonPath();
        assertEquals("4300.00", line(after, A2).get("executed"));
        assertEquals("100.00", after.getString("timeElapsedRate"));
    }

    @Test
    void theRunningTotalsAreTheMonthlyTotalsAddedUp() {
        long differing = pool.query("""
                        SELECT count(*) FROM cumulative_execution c
                        WHERE c.amount <> (SELECT coalesce(sum(m.amount), 0) FROM monthly_execution m
                                           WHERE m.project_code = c.project_code AND m.month <= c.month)""")
                .execute().await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
        assertEquals(0, differing);
        long missing = pool.query("""
                        SELECT count(*) FROM monthly_execution m
                        CROSS JOIN LATERAL generate_series(m.month, make_date(m.fiscal_year, 12, 1), interval '1 month') g
                        WHERE NOT EXISTS (SELECT 1 FROM cumulative_execution c WHERE c.fiscal_year = m.fiscal_year
                                          AND c.month = g::date AND c.project_code = m.project_code)""")
                .execute().await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
        assertEquals(0, missing);
        long p11 = pool.query("SELECT count(*) FROM cumulative_execution WHERE project_code = '" + P11 + "'")
                .execute().await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
        assertEquals(10, p11); // March to December 2020
    }

    @Test
    void aManagerSeesTheirAgencyOnlyAndItsNewestYear() {
        as("manager-" + A2, "manager", A2).get("/api/bureau").then().statusCode(200)
                .body("fiscalYear", equalTo(2020))
                .body("asOf", equalTo("2020-12-31")) // a past year without a date: its year end
                .body("agencies.agencyCode", contains(A2))
                .body("agencies[0].executed", equalTo("3800.00"))
                .body("agencies[0].agencyName", equalTo("二号单位"));
        as("supervisor-" + A1 + "-" + A3, "supervisor", A1, A3).get("/api/bureau?year=2020").then().statusCode(200)
                .body("agencies.agencyCode", contains(A1, A3));
        as("auditor-" + A3, "auditor", A3).get("/api/bureau?year=2020&asOf=2020-06-30").then().statusCode(200)
                .body("agencies.agencyCode", contains(A3));
        as("supervisor-none", "supervisor").get("/api/bureau?year=2020").then().statusCode(200)
                .body("agencies.size()", equalTo(0));
        as("treasury-" + A2, "treasury", A2).get("/api/bureau").then().statusCode(403);
    }

    @Test
    void badInputIsAProblem() {
        supervisorOfAll().get("/api/bureau?year=20").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("code", equalTo("invalid-fiscal-year")).body("field", equalTo("year"));
        supervisorOfAll().get("/api/bureau?year=2020&asOf=2020-13-01").then().statusCode(400)
                .body("code", equalTo("invalid-date")).body("field", equalTo("asOf"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> line(JsonPath body, String agency) {
        Map<String, Object> line = body.getMap("agencies.find { it.agencyCode == '" + agency + "' }");
        assertNotNull(line, agency + " missing");
        return line;
    }
}
