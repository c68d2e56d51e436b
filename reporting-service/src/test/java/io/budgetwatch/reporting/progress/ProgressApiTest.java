package io.budgetwatch.reporting.progress;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetwatch.events.ProjectTotalsEvent;
import io.budgetwatch.reporting.LedgerPositions;
import io.budgetwatch.reporting.totals.ProjectTotalsStore;
import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.events.Topics;
import io.budgetwatch.testsupport.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Progress over the real broker: snapshots and ledger entries go through Kafka into the read model,
 * and the API answers plan vs actual at any date. The clock is pinned to 2021-07-15 (test profile).
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgressApiTest {

    static final String AGENCY = "990001";
    static final String OTHER_AGENCY = "990002";
    static final String LAGGING = "130303219900000000001";
    static final String OVERSPENT = "130303219900000000002";

    @Inject
    ObjectMapper mapper;

    @Inject
    Pool pool;

    KafkaTestClient kafka;

    @BeforeAll
    void publish() throws Exception {
        kafka = KafkaTestClient.connect();
        send(snapshot(LAGGING, 1, "政府采购专项经费", "100000.00", "80000.00", "20000.00"));
        send(snapshot(OVERSPENT, 1, "车辆保险费", "4000.00", "4000.00", "0.00"));
        send(entry("progress-e-1", LAGGING, "20000.00", "FISCAL", "2021-02-10"));
        send(entry("progress-e-2", LAGGING, "10000.00", "OTHER", "2021-05-20"));
        send(entry("progress-e-3", LAGGING, "-5000.00", "FISCAL", "2021-06-01"));
        // Redelivered entry: must count once.
        send(entry("progress-e-1", LAGGING, "20000.00", "FISCAL", "2021-02-10"));
        send(entry("progress-e-4", OVERSPENT, "4500.00", "FISCAL", "2021-03-02"));
    }

    @BeforeEach
    void awaitReadModel() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/projects/" + OVERSPENT + "/progress?asOf=2021-12-31")
                        .then().statusCode(200).body("executed.total", equalTo("4500.00")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/projects/" + LAGGING + "/progress?asOf=2021-12-31")
                        .then().statusCode(200).body("executed.total", equalTo("25000.00")));
    }

    @AfterAll
    void close() {
        kafka.close();
    }

    @Test
    void atTheEndOfJuneTheProjectIsSeriouslyBehindItsPlan() {
        given().get("/api/projects/" + LAGGING + "/progress?asOf=2021-06-30").then().statusCode(200)
                .body("name", equalTo("政府采购专项经费"))
                .body("budget.total", equalTo("100000.00"))
                .body("executed.total", equalTo("25000.00"))
                .body("executed.fiscal", equalTo("15000.00"))
                .body("executed.other", equalTo("10000.00"))
                .body("executionRate", equalTo("25.00"))
                .body("plannedRate", equalTo("50.00"))
                .body("timeElapsedRate", equalTo("50.00"))
                .body("gapToPlanPoints", equalTo("-25.00"))
                .body("status", equalTo("SERIOUSLY_LAGGING"))
                .body("statusText", equalTo("严重滞后"));
    }

    @Test
    void atTheEndOfMarchTheSameProjectWasOnTrack() {
        given().header("Accept-Language", "en").get("/api/projects/" + LAGGING + "/progress?asOf=2021-03-31")
                .then().statusCode(200)
                .body("executed.total", equalTo("20000.00"))
                .body("executionRate", equalTo("20.00"))
                .body("plannedRate", equalTo("25.00"))
                .body("gapToPlanPoints", equalTo("-5.00"))
                .body("status", equalTo("ON_TRACK"))
                .body("statusText", equalTo("On track"));
    }

    @Test
    void monthlySeriesIsCumulativeAndStopsAtTheDate() {
        given().get("/api/projects/" + LAGGING + "/progress?asOf=2021-06-30").then().statusCode(200)
                .body("series.size()", equalTo(12))
                .body("series[0].actualAmount", equalTo("0.00"))
                .body("series[1].actualAmount", equalTo("20000.00"))
                .body("series[4].actualAmount", equalTo("30000.00"))
                .body("series[5].actualAmount", equalTo("25000.00"))
                .body("series[5].actualRate", equalTo("25.00"))
                .body("series[2].plannedRate", equalTo("25.00"))
                .body("series[2].plannedAmount", equalTo("25000.00"))
                .body("series[6].actualAmount", nullValue())
                .body("series[11].plannedRate", equalTo("100.00"))
                .body("plan[2].date", equalTo("2021-10-31"));
    }

    @Test
    void defaultDateComesFromTheInjectedClock() {
        // Pinned clock: 2021-07-15. 15 days after 30 Jun of 123 to 31 Oct: 50 + 25*15/123 = 53.05
        given().get("/api/projects/" + LAGGING + "/progress").then().statusCode(200)
                .body("asOf", equalTo("2021-07-15"))
                .body("plannedRate", equalTo("53.05"));
    }

    @Test
    void paymentsBeyondTheBudgetAreOverspent() {
        given().get("/api/projects/" + OVERSPENT + "/progress?asOf=2021-03-31").then().statusCode(200)
                .body("executionRate", equalTo("112.50"))
                .body("status", equalTo("OVERSPENT"));
    }

    @Test
    void agencyViewAddsUpItsProjects() {
        given().get("/api/progress?agency=" + AGENCY + "&year=2021&asOf=2021-06-30").then().statusCode(200)
                .body("projectCount", equalTo(2))
                .body("budget.total", equalTo("104000.00"))
                .body("executed.total", equalTo("29500.00"))
                // 29500 / 104000 = 28.365… -> 28.37
                .body("executionRate", equalTo("28.37"))
                .body("plannedRate", equalTo("50.00"))
                .body("statusCounts.OVERSPENT", equalTo(1))
                .body("statusCounts.SERIOUSLY_LAGGING", equalTo(1))
                .body("projects.projectCode", org.hamcrest.Matchers.contains(LAGGING, OVERSPENT));
    }

    @Test
    void agencyViewCountsWholeMonthsAndTheDaysOfTheLastOne() {
        // Before 20 May: February's 20000 and March's 4500 (whole months); nothing in May yet.
        agencyExecuted("2021-05-19", "24500.00", "24500.00", "0.00");
        // 20 May: the 10000 of that day comes from the daily totals of the month in progress.
        agencyExecuted("2021-05-20", "34500.00", "24500.00", "10000.00");
        // 31 May ends the month: all of May from the monthly totals.
        agencyExecuted("2021-05-31", "34500.00", "24500.00", "10000.00");
        // 1 June: May whole, plus the refund of 1 June.
        agencyExecuted("2021-06-01", "29500.00", "19500.00", "10000.00");
        agencyExecuted("2021-01-31", "0.00", "0.00", "0.00");
    }

    @Test
    void monthlyTotalsAreTheDailyTotalsRolledUp() {
        long differing = pool.query("""
                        SELECT count(*) FROM (
                            SELECT project_code, date_trunc('month', paid_on)::date AS month, fund_source,
                                sum(amount) AS amount, sum(entries) AS entries
                            FROM daily_execution GROUP BY 1, 2, 3) d
                        FULL JOIN monthly_execution m USING (project_code, month, fund_source)
                        WHERE d.amount IS DISTINCT FROM m.amount OR d.entries IS DISTINCT FROM m.entries""")
                .execute().await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
        assertEquals(0, differing);
        long rows = pool.query("SELECT count(*) FROM monthly_execution WHERE project_code = '" + LAGGING + "'")
                .execute().await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
        // February FISCAL, May OTHER, June FISCAL
        assertEquals(3, rows);
    }

    private void agencyExecuted(String asOf, String total, String fiscal, String other) {
        given().get("/api/progress?agency=" + AGENCY + "&year=2021&asOf=" + asOf).then().statusCode(200)
                .body("executed.total", equalTo(total))
                .body("executed.fiscal", equalTo(fiscal))
                .body("executed.other", equalTo(other));
    }

    @Test
    void aLaterSnapshotVersionReplacesTheBudgetAndAnOlderOneIsIgnored() throws Exception {
        String code = "130303219900000000003";
        // Another agency, so the agency view above stays exactly two projects.
        send(snapshot(OTHER_AGENCY, code, 2, "预算调整后的项目", "50000.00", "50000.00", "0.00"));
        send(entry(OTHER_AGENCY, "progress-e-5", code, "10000.00", "FISCAL", "2021-04-01"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/projects/" + code + "/progress?asOf=2021-06-30").then().statusCode(200)
                        .body("executionRate", equalTo("20.00")));
        send(snapshot(OTHER_AGENCY, code, 1, "旧版本", "200000.00", "200000.00", "0.00"));
        send(entry(OTHER_AGENCY, "progress-e-6", code, "1.00", "FISCAL", "2021-04-02"));
        // e-6 comes after the stale snapshot on the same partition: once it shows, v1 has been seen.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/projects/" + code + "/progress?asOf=2021-06-30").then().statusCode(200)
                        .body("executed.total", equalTo("10001.00")));
        given().get("/api/projects/" + code + "/progress?asOf=2021-06-30").then()
                .body("projectVersion", equalTo(2))
                .body("name", equalTo("预算调整后的项目"))
                .body("budget.total", equalTo("50000.00"));
    }

    @Test
    void rebuildingTheReadModelFromTheTopicsGivesTheSameNumbers() {
        String agencyBefore = given().get("/api/progress?agency=" + AGENCY + "&year=2021&asOf=2021-06-30")
                .then().statusCode(200).extract().asString();
        String projectBefore = given().get("/api/projects/" + LAGGING + "/progress?asOf=2021-09-30")
                .then().statusCode(200).extract().asString();
        given().post("/api/admin/read-model/rebuild").then().statusCode(200)
                .body("projectEvents", org.hamcrest.Matchers.greaterThanOrEqualTo(2))
                .body("ledgerEvents", org.hamcrest.Matchers.greaterThanOrEqualTo(6));
        org.junit.jupiter.api.Assertions.assertEquals(agencyBefore,
                given().get("/api/progress?agency=" + AGENCY + "&year=2021&asOf=2021-06-30").then().extract().asString());
        org.junit.jupiter.api.Assertions.assertEquals(projectBefore,
                given().get("/api/projects/" + LAGGING + "/progress?asOf=2021-09-30").then().extract().asString());
    }

    @Test
    void liveSlicesWaitWhileAnotherReplicaRebuildsTheReadModel() throws Exception {
        String code = "130303219900000000031";
        send(snapshot(OTHER_AGENCY, code, 1, "重建锁测试项目", "10000.00", "10000.00", "0.00"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/projects/" + code + "/progress?asOf=2021-12-31").then().statusCode(200));
        // another replica's rebuild: the rebuild lock held exclusively by a session of its own
        io.vertx.mutiny.sqlclient.SqlConnection otherReplica = pool.getConnection().await().atMost(Duration.ofSeconds(10));
        try {
            otherReplica.preparedQuery("SELECT pg_advisory_lock($1)")
                    .execute(io.vertx.mutiny.sqlclient.Tuple.of(ProjectTotalsStore.REBUILD_LOCK))
                    .await().atMost(Duration.ofSeconds(10));
            send(entry(OTHER_AGENCY, "rebuild-lock-1", code, "500.00", "FISCAL", "2021-03-01"));
            // the live consumer has taken the slice and waits for the lock: nothing of it is stored meanwhile
            await().atMost(Duration.ofSeconds(30)).until(() -> pool.query("SELECT count(*) FROM pg_locks "
                            + "WHERE locktype = 'advisory' AND NOT granted").execute()
                    .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0) > 0);
            given().get("/api/projects/" + code + "/progress?asOf=2021-12-31").then().statusCode(200)
                    .body("executed.total", equalTo("0.00"));
        } finally {
            otherReplica.preparedQuery("SELECT pg_advisory_unlock($1)")
                    .execute(io.vertx.mutiny.sqlclient.Tuple.of(ProjectTotalsStore.REBUILD_LOCK))
                    .await().atMost(Duration.ofSeconds(10));
            otherReplica.closeAndAwait();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/projects/" + code + "/progress?asOf=2021-12-31").then().statusCode(200)
                        .body("executed.total", equalTo("500.00")));
    }

    @Test
    void anEventIdReusedWithOtherContentIsRecordedAndNotApplied() throws Exception {
        String code = "130303219900000000004";
        send(snapshot(OTHER_AGENCY, code, 1, "冲突测试项目", "10000.00", "10000.00", "0.00"));
        send(entry(OTHER_AGENCY, "progress-c-1", code, "1000.00", "FISCAL", "2021-03-01"));
        // stored first, so the other content arrives in a later batch and meets the stored row in the database
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/projects/" + code + "/progress?asOf=2021-12-31").then().statusCode(200)
                        .body("executed.total", equalTo("1000.00")));
        ProjectTotalsEvent conflicting = entry(OTHER_AGENCY, "progress-c-1", code, "9000.00", "FISCAL", "2021-03-01");
        send(conflicting);
        send(snapshot(OTHER_AGENCY, code, 1, "同一版本不同内容", "99999.00", "99999.00", "0.00"));
        send(entry(OTHER_AGENCY, "progress-c-2", code, "1.00", "FISCAL", "2021-03-02"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/projects/" + code + "/progress?asOf=2021-12-31").then().statusCode(200)
                        .body("executed.total", equalTo("1001.00")));
        given().get("/api/projects/" + code + "/progress?asOf=2021-12-31").then()
                .body("name", equalTo("冲突测试项目")).body("budget.total", equalTo("10000.00"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            given().get("/api/event-conflicts?topic=execution.project-totals&eventId=" + conflicting.eventId()).then()
                    .statusCode(200)
                    .body("size()", equalTo(1))
                    .body("[0].incoming", containsString("9000.00"))
                    .body("[0].stored", containsString("1000.00"));
            given().get("/api/event-conflicts?topic=goals.projects&eventId=" + code + ":v1").then().statusCode(200)
                    .body("size()", equalTo(1))
                    .body("[0].incoming", containsString("同一版本不同内容"));
        });
    }

    @Test
    void anEntryArrivingBelowItsProjectsPositionIsRecordedAndNotApplied() throws Exception {
        String code = "130303219900000000005";
        send(snapshot(OTHER_AGENCY, code, 1, "顺序测试项目", "10000.00", "10000.00", "0.00"));
        ProjectTotalsEvent early = entry(OTHER_AGENCY, "progress-o-1", code, "300.00", "FISCAL", "2021-03-01");
        ProjectTotalsEvent later = entry(OTHER_AGENCY, "progress-o-2", code, "20.00", "FISCAL", "2021-03-02");
        org.junit.jupiter.api.Assertions.assertTrue(early.toSeq() < later.fromSeq());
        send(later);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/projects/" + code + "/progress?asOf=2021-12-31").then().statusCode(200)
                        .body("executed.total", equalTo("20.00")));
        send(early); // execution-service never publishes a project's entries out of order: recorded, not counted
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/event-conflicts?topic=execution.project-totals&eventId=" + early.eventId()).then()
                        .statusCode(200)
                        .body("size()", equalTo(1))
                        .body("[0].incoming", containsString("300.00"))
                        .body("[0].stored", containsString("not stored")));
        given().get("/api/projects/" + code + "/progress?asOf=2021-12-31").then()
                .body("executed.total", equalTo("20.00"));
    }

    @Test
    void aWriteOfSeveralDaysAndFundsCountsEachOnceAndItsRedeliveryIsANoOp() throws Exception {
        String code = "130303219900000000006";
        send(snapshot(OTHER_AGENCY, code, 1, "多日测试项目", "10000.00", "8000.00", "2000.00"));
        long from = LedgerPositions.of("progress-m-1");
        long to = LedgerPositions.of("progress-m-3");
        ProjectTotalsEvent write = new ProjectTotalsEvent(ProjectTotalsEvent.eventId(code, from, to), code, 2021,
                OTHER_AGENCY, from, to, 3, List.of(
                new ProjectTotalsEvent.DayAmount(LocalDate.parse("2021-03-31"), "FISCAL", new BigDecimal("1000.00"), 1),
                new ProjectTotalsEvent.DayAmount(LocalDate.parse("2021-03-31"), "OTHER", new BigDecimal("500.00"), 1),
                new ProjectTotalsEvent.DayAmount(LocalDate.parse("2021-04-01"), "FISCAL", new BigDecimal("-200.00"), 1)),
                new BigDecimal("1300.00"), new BigDecimal("800.00"), new BigDecimal("500.00"), false,
                Instant.parse("2021-07-01T00:00:00Z"));
        send(write);
        send(write); // redelivered (a relay round published again after a crash): same id, same content
        send(entry(OTHER_AGENCY, "progress-m-4", code, "1.00", "OTHER", "2021-04-02"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/projects/" + code + "/progress?asOf=2021-12-31").then().statusCode(200)
                        .body("executed.total", equalTo("1301.00"))
                        .body("executed.fiscal", equalTo("800.00"))
                        .body("executed.other", equalTo("501.00")));
        given().get("/api/projects/" + code + "/progress?asOf=2021-03-31").then().statusCode(200)
                .body("executed.total", equalTo("1500.00"));
        given().get("/api/event-conflicts?topic=execution.project-totals&eventId=" + write.eventId()).then()
                .statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void agenciesListTheUnitsAndYearsKnown() {
        given().get("/api/agencies").then().statusCode(200)
                .body("find { it.agencyCode == '990001' }.projectCount", equalTo(2))
                .body("find { it.agencyCode == '990001' }.agencyName", equalTo("测试预算单位"))
                .body("find { it.agencyCode == '990001' }.fiscalYear", equalTo(2021));
    }

    @Test
    void theDashboardIsServedAtTheRoot() {
        String html = given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(html.contains("<title>预算绩效运行监控 BudgetWatch</title>"), html);
        org.junit.jupiter.api.Assertions.assertTrue(html.contains("<script src=\"/overview.js\""), html);
        String script = given().get("/overview.js").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(script.contains("/api/overview?"), "the page reads the overview API");
    }

    @Test
    void badInputIsAProblemNotAnError() {
        given().get("/api/projects/" + LAGGING + "/progress?asOf=2021-13-01").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("code", equalTo("invalid-date")).body("field", equalTo("asOf"));
        given().get("/api/progress?agency=" + AGENCY + "&year=21").then().statusCode(400)
                .body("code", equalTo("invalid-fiscal-year")).body("field", equalTo("year"));
        given().get("/api/progress?year=2021").then().statusCode(400)
                .body("field", equalTo("agency"));
        given().get("/api/projects/NOPE/progress").then().statusCode(404)
                .body("code", equalTo("unknown-project"));
    }

    private void send(ProjectSnapshot s) throws Exception {
        kafka.send(Topics.PROJECTS, s.projectCode(), mapper.writeValueAsString(s));
    }

    private void send(ProjectTotalsEvent e) throws Exception {
        kafka.send(Topics.PROJECT_TOTALS, e.projectCode(), mapper.writeValueAsString(e));
    }

    static ProjectSnapshot snapshot(String code, int version, String name, String total, String fiscal, String other) {
        return snapshot(AGENCY, code, version, name, total, fiscal, other);
    }

    static ProjectSnapshot snapshot(String agency, String code, int version, String name, String total, String fiscal,
                                    String other) {
        List<ProjectSnapshot.PlanPoint> plan = List.of(
                new ProjectSnapshot.PlanPoint(LocalDate.of(2021, 3, 31), new BigDecimal("25.00")),
                new ProjectSnapshot.PlanPoint(LocalDate.of(2021, 6, 30), new BigDecimal("50.00")),
                new ProjectSnapshot.PlanPoint(LocalDate.of(2021, 10, 31), new BigDecimal("75.00")),
                new ProjectSnapshot.PlanPoint(LocalDate.of(2021, 12, 31), new BigDecimal("100.00")));
        return new ProjectSnapshot(ProjectSnapshot.SCHEMA_VERSION, code + ":v" + version, Instant.now(), code, version,
                2021, agency, "测试预算单位", name,
                new ProjectSnapshot.Budget(new BigDecimal(total), new BigDecimal(fiscal), new BigDecimal(other)),
                "资金用途", List.of("目标一"), plan, List.of(), List.of(), null);
    }

    /** A ledger write of one entry (signed amount: a refund is negative). */
    static ProjectTotalsEvent entry(String id, String code, String amount, String fund, String paidOn) {
        return entry(AGENCY, id, code, amount, fund, paidOn);
    }

    static ProjectTotalsEvent entry(String agency, String id, String code, String amount, String fund, String paidOn) {
        return LedgerPositions.single(id, agency, code, amount, fund, paidOn, Instant.parse("2021-07-01T00:00:00Z"));
    }
}
