package io.budgetwatch.reporting.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetwatch.events.IndicatorReportEvent;
import io.budgetwatch.events.ProjectTotalsEvent;
import io.budgetwatch.reporting.LedgerPositions;
import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.events.ProjectSnapshot.Target;
import io.budgetwatch.events.Topics;
import io.budgetwatch.reporting.TestClock;
import io.budgetwatch.reporting.WebhookReceiver;
import io.budgetwatch.testsupport.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deviation alerts over the real broker and database, with a clock the test moves: alerts appear at
 * the right dates with the right numbers, once and only once, are published and delivered to a signed
 * webhook with retries, and can be acknowledged.
 */
@QuarkusTest
class AlertFlowTest {

    static final String AGENCY = "990100";
    static final String LAGGING = "130303219910000000001";   // 100000.00, 10000.00 paid 10 Mar
    static final String ON_PLAN = "130303219910000000002";   // 40000.00, 10000 by 20 Mar, 20000 by 15 Jun
    static final String OVERSPENT = "130303219910000000003"; // 4000.00, 4500.00 paid 1 May
    static final String COST_CAP = "130303219910000000004";  // 成本 ≤6万元, 70000.00 paid 1 Apr
    static final String INDICATORS = "130303219910000000005"; // interval 90%-100% and a qualitative target

    @Inject
    ObjectMapper mapper;

    @Inject
    TestClock clock;

    @Inject
    CheckpointScheduler scheduler;

    @Inject
    WebhookDispatcher webhooks;

    @Inject
    Pool pool;

    KafkaTestClient kafka;

    @BeforeEach
    void connect() {
        kafka = KafkaTestClient.connect();
    }

    @AfterEach
    void restore() {
        clock.reset();
        kafka.close();
    }

    @Test
    void alertsAppearOnceAtTheRightDatesWithTheirNumbers() throws Exception {
        clock.set("2021-03-15T09:00:00+08:00");
        publish(snapshot(LAGGING, "100000.00", List.of()));
        publish(snapshot(ON_PLAN, "40000.00", List.of()));
        publish(snapshot(OVERSPENT, "4000.00", List.of()));
        publish(snapshot(COST_CAP, "100000.00", List.of(new ProjectSnapshot.Indicator(1, "产出指标", "成本指标",
                "资金成本", "资金成本", "≤6万元", new Target("NUMERIC", "LE", new BigDecimal("6"), null, "万元",
                new BigDecimal("60000"), null, "元", null, "NEGATIVE"), "预算"))));
        publish(snapshot(INDICATORS, "50000.00", List.of(
                new ProjectSnapshot.Indicator(1, "满意度指标", "服务对象满意度指标", "群众满意度", "群众满意度",
                        "90%-100%", new Target("INTERVAL", null, new BigDecimal("90"), new BigDecimal("100"), "%",
                        new BigDecimal("90"), new BigDecimal("100"), "%", null, "NEUTRAL"), "往年水平"),
                new ProjectSnapshot.Indicator(2, "效益指标", "社会效益指标", "提供优质服务", "提供优质服务",
                        "提供优质服务", new Target("QUALITATIVE", null, null, null, null, null, null, null, null,
                        "NEUTRAL"), "年度工作计划"))));
        publish(entry("alert-a-1", LAGGING, "10000.00", "2021-03-10"));
        publish(entry("alert-b-1", ON_PLAN, "10000.00", "2021-03-20"));
        publish(entry("alert-b-2", ON_PLAN, "10000.00", "2021-06-15"));
        publish(entry("alert-c-1", OVERSPENT, "4500.00", "2021-05-01"));
        publish(entry("alert-d-1", COST_CAP, "70000.00", "2021-04-01"));
        publish(entry("alert-e-1", INDICATORS, "50000.00", "2021-12-01"));
        report("alert-r-1", INDICATORS, 1, new BigDecimal("85"), "%", null, "2021-12-20");
        report("alert-r-2", INDICATORS, 2, null, null, "NOT_ACHIEVED", "2021-12-20");

        // Violations are raised as soon as the money arrives, whatever the date.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            alert(OVERSPENT + ":OVERSPEND:v1").statusCode(200)
                    .body("severity", equalTo("CRITICAL"))
                    .body("figures.executed", equalTo("4500.00"))
                    .body("figures.excess", equalTo("500.00"))
                    .body("messageZh", containsString("已超预算"));
            alert(COST_CAP + ":COST_CAP_EXCEEDED:i1").statusCode(200)
                    .body("figures.cap", equalTo("60000"))
                    .body("figures.actual", equalTo("70000.00"));
        });
        // The second payment of an overspent project is not a second overspend alert.
        publish(entry("alert-c-2", OVERSPENT, "100.00", "2021-05-02"));
        publish(entry("alert-c-3", ON_PLAN, "0.01", "2021-05-02"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/projects/" + ON_PLAN + "/progress?asOf=2021-12-31").then()
                        .body("executed.total", equalTo("20000.01")));
        assertEquals(1, alertCount(OVERSPENT));

        // 15 March: no checkpoint has passed.
        assertEquals(0, scheduler.runOnce().await().indefinitely().checkpointsEvaluated());
        assertEquals(0, alertCount(LAGGING));

        // 1 April: the 31 March checkpoint has passed. While another replica makes its pass, this one skips its own.
        clock.set("2021-04-01T00:30:00+08:00");
        io.vertx.mutiny.sqlclient.SqlConnection otherReplica = pool.getConnection().await().indefinitely();
        try {
            otherReplica.preparedQuery("SELECT pg_advisory_lock($1)")
                    .execute(io.vertx.mutiny.sqlclient.Tuple.of(CheckpointScheduler.PASS_LOCK)).await().indefinitely();
            assertEquals(0, scheduler.runOnce().await().indefinitely().checkpointsEvaluated());
            assertEquals(0, alertCount(LAGGING));
        } finally {
            otherReplica.preparedQuery("SELECT pg_advisory_unlock($1)")
                    .execute(io.vertx.mutiny.sqlclient.Tuple.of(CheckpointScheduler.PASS_LOCK)).await().indefinitely();
            otherReplica.closeAndAwait();
        }
        AlertService.Summary april = scheduler.runOnce().await().indefinitely();
        assertTrue(april.checkpointsEvaluated() >= 5, "all five projects' 31 March checkpoints");
        alert(LAGGING + ":EXECUTION_LAG:2021-03-31").statusCode(200)
                .body("severity", equalTo("WARNING"))
                .body("checkpoint", equalTo("2021-03-31"))
                .body("figures.executionRate", equalTo("10.00"))
                .body("figures.plannedRate", equalTo("25.00"))
                .body("figures.shortfallPoints", equalTo("15.00"));
        // 10000 over 90 days, projected to 365: 40555.56 of 100000 -> 40.56 % (below 70: critical)
        alert(LAGGING + ":YEAR_END_FORECAST:2021-03-31").statusCode(200)
                .body("severity", equalTo("CRITICAL"))
                .body("figures.forecastRate", equalTo("40.56"));
        assertEquals(0, alertCount(ON_PLAN), "25 % paid by 31 March is on plan");

        // Running again, or back-filling the same date, raises nothing new.
        int before = totalAlerts();
        assertEquals(0, scheduler.runOnce().await().indefinitely().alertsRaised());
        given().post("/api/alerts/evaluate?asOf=2021-03-31").then().statusCode(200)
                .body("alertsRaised", equalTo(0));
        assertEquals(before, totalAlerts());

        // 1 July: the 30 June checkpoint; 10 % against 50 % is critical.
        clock.set("2021-07-01T08:00:00+08:00");
        scheduler.runOnce().await().indefinitely();
        alert(LAGGING + ":EXECUTION_LAG:2021-06-30").statusCode(200)
                .body("severity", equalTo("CRITICAL"))
                .body("figures.shortfallPoints", equalTo("40.00"));
        assertEquals(0, alertCount(ON_PLAN), "50 % by 30 June is on plan");

        // After the year: indicators that missed their targets.
        clock.set("2022-01-01T08:00:00+08:00");
        scheduler.runOnce().await().indefinitely();
        alert(INDICATORS + ":INDICATOR_NOT_MET:i1:2021-12-31").statusCode(200)
                .body("figures.achievementPercent", equalTo("94.44")); // 85 of the interval's lower bound 90
        alert(INDICATORS + ":INDICATOR_NOT_MET:i2:2021-12-31").statusCode(200)
                .body("figures.achievementPercent", equalTo("30"));
        assertEquals(0, scheduler.runOnce().await().indefinitely().alertsRaised());

        given().get("/api/alerts?agency=" + AGENCY + "&year=2021&severity=CRITICAL").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.hasItems(OVERSPENT + ":OVERSPEND:v1",
                        LAGGING + ":EXECUTION_LAG:2021-06-30"))
                .body("severity", org.hamcrest.Matchers.everyItem(equalTo("CRITICAL")));

        // Every alert is on budget.alerts, with its id as the event id.
        List<ConsumerRecord<String, byte[]>> published = kafka.readFromStart(Topics.ALERTS, Duration.ofSeconds(30),
                read -> read.stream().anyMatch(r -> KafkaTestClient.text(r).contains(INDICATORS + ":INDICATOR_NOT_MET:i2")));
        ConsumerRecord<String, byte[]> overspend = published.stream()
                .filter(r -> KafkaTestClient.text(r).contains(OVERSPENT + ":OVERSPEND:v1")).findFirst().orElseThrow();
        assertEquals(OVERSPENT, overspend.key());
        assertEquals(OVERSPENT + ":OVERSPEND:v1",
                new String(overspend.headers().lastHeader(Topics.HEADER_EVENT_ID).value(), StandardCharsets.UTF_8));
        assertEquals(1, published.stream().filter(r -> KafkaTestClient.text(r).contains(OVERSPENT + ":OVERSPEND:v1")).count());
    }

    @Test
    void webhooksAreSignedAndRetriedWithBackoff() throws Exception {
        String code = "130303219910000000006";
        clock.set("2021-05-01T10:00:00+08:00");
        publish(snapshot(code, "1000.00", List.of()));
        String id = code + ":OVERSPEND:v1";
        WebhookReceiver.FAIL.put(id, 2);
        publish(entry("alert-w-1", code, "1500.00", "2021-05-01"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> alert(id).statusCode(200));

        alert(id).body("deliveries", hasSize(1)).body("deliveries[0].status", equalTo("PENDING"))
                .body("deliveries[0].attempts", equalTo(0));
        webhooks.deliverDue().await().indefinitely();
        alert(id).body("deliveries[0].webhook", equalTo("ops"))
                .body("deliveries[0].status", equalTo("PENDING"))
                .body("deliveries[0].attempts", equalTo(1))
                .body("deliveries[0].lastStatus", equalTo(500));
        // Not due again before the backoff (2 s after the first attempt) has passed.
        webhooks.deliverDue().await().indefinitely();
        alert(id).body("deliveries[0].attempts", equalTo(1));
        clock.set("2021-05-01T10:00:03+08:00");
        webhooks.deliverDue().await().indefinitely();
        alert(id).body("deliveries[0].attempts", equalTo(2)).body("deliveries[0].status", equalTo("PENDING"));
        // Second backoff is 4 s.
        clock.set("2021-05-01T10:00:06+08:00");
        webhooks.deliverDue().await().indefinitely();
        alert(id).body("deliveries[0].attempts", equalTo(2));
        clock.set("2021-05-01T10:00:08+08:00");
        webhooks.deliverDue().await().indefinitely();
        alert(id).body("deliveries[0].status", equalTo("DELIVERED")).body("deliveries[0].attempts", equalTo(3));

        WebhookReceiver.Received received = WebhookReceiver.RECEIVED.stream()
                .filter(r -> id.equals(r.eventId())).findFirst().orElseThrow();
        String body = new String(received.body(), StandardCharsets.UTF_8);
        String timestamp = received.signature().replaceAll("^t=(\\d+),v1=.*$", "$1");
        assertEquals("t=" + timestamp + ",v1=" + WebhookDispatcher.sign(WebhookReceiver.SECRET, Long.parseLong(timestamp), body),
                received.signature());
        assertTrue(received.contentType().startsWith("application/json"));
        JsonPath json = new JsonPath(body);
        assertEquals("OVERSPEND", json.getString("rule"));
        assertEquals("1500.00", json.getString("figures.executed"));
        assertTrue(json.getString("messageZh").contains("超预算预警项目"), body);
    }

    @Test
    void anAlertIsAcknowledgedOnceWithWhoAndWhy() throws Exception {
        String code = "130303219910000000007";
        publish(snapshot(code, "100.00", List.of()));
        publish(entry("alert-k-1", code, "101.00", "2021-06-01"));
        String id = code + ":OVERSPEND:v1";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> alert(id).statusCode(200));
        given().contentType("application/json").body("{\"comment\":\"已暂停支付\"}")
                .post("/api/alerts/" + id + "/acknowledgement").then().statusCode(400).body("field", equalTo("by"));
        given().contentType("application/json").body("{\"by\":\"张会计\",\"comment\":\"已暂停支付并调减预算\"}")
                .post("/api/alerts/" + id + "/acknowledgement").then().statusCode(200)
                .body("acknowledgement.by", equalTo("张会计"))
                .body("acknowledgement.comment", equalTo("已暂停支付并调减预算"));
        given().contentType("application/json").body("{\"by\":\"李四\",\"comment\":\"再次确认\"}")
                .post("/api/alerts/" + id + "/acknowledgement").then().statusCode(409)
                .body("code", equalTo("already-acknowledged"));
        given().get("/api/alerts?project=" + code + "&acknowledged=true").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].acknowledgement.by", equalTo("张会计"));
        given().contentType("application/json").post("/api/alerts/nope/acknowledgement").then().statusCode(400);
        given().contentType("application/json").body("{\"by\":\"a\",\"comment\":\"b\"}")
                .post("/api/alerts/nope/acknowledgement").then().statusCode(404).body("code", equalTo("unknown-alert"));
        given().get("/api/alerts?severity=LOW").then().statusCode(400).body("field", equalTo("severity"));
        given().header("Accept-Language", "en").get("/api/alerts/" + id).then()
                .body("message", startsWith("Project '超预算预警项目"));
    }

    @Test
    void theRulesSeeANewSnapshotVersionAtOnce() throws Exception {
        String code = "130303219910000000008";
        ProjectSnapshot v1 = snapshot(code, "1000.00", List.of());
        publish(v1);
        // The immediate rules run on arrival and read version 1 (800 of 1000: no alert).
        publish(entry("alert-v-1", code, "800.00", "2021-05-10"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/projects/" + code + "/progress?asOf=2021-12-31").then().statusCode(200)
                        .body("executed.total", equalTo("800.00")));
        assertEquals(0, alertCount(code));
        // Version 2 cuts the budget to 500: the rules must use it, not what they read before.
        publish(new ProjectSnapshot(1, code + ":v2", v1.occurredAt(), code, 2, 2021, AGENCY, v1.agencyName(),
                v1.name(), new ProjectSnapshot.Budget(new BigDecimal("500.00"), new BigDecimal("500.00"),
                BigDecimal.ZERO.setScale(2)), v1.purpose(), v1.goals(), v1.plan(), v1.indicators(), List.of(), null));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> alert(code + ":OVERSPEND:v2").statusCode(200)
                .body("figures.budget", equalTo("500.00"))
                .body("figures.executed", equalTo("800.00")));
        assertEquals(1, alertCount(code));
    }

    private io.restassured.response.ValidatableResponse alert(String id) {
        return given().get("/api/alerts/" + id).then();
    }

    private int alertCount(String project) {
        return given().get("/api/alerts?project=" + project).then().statusCode(200).extract().jsonPath()
                .getList("$").size();
    }

    private int totalAlerts() {
        return pool.preparedQuery("SELECT count(*) FROM alert WHERE agency_code = $1").execute(Tuple.of(AGENCY))
                .await().indefinitely().iterator().next().getInteger(0);
    }

    private void publish(ProjectSnapshot s) throws Exception {
        kafka.send(Topics.PROJECTS, s.projectCode(), mapper.writeValueAsString(s));
    }

    private void publish(ProjectTotalsEvent e) throws Exception {
        kafka.send(Topics.PROJECT_TOTALS, e.projectCode(), mapper.writeValueAsString(e));
    }

    private void report(String id, String code, int seq, BigDecimal value, String unit, String assessment,
                        String reportedOn) throws Exception {
        IndicatorReportEvent e = new IndicatorReportEvent(id, code, 2021, AGENCY, seq, null, value, unit, assessment,
                LocalDate.parse(reportedOn), "王科长", null, Instant.parse("2021-12-20T02:00:00Z"));
        kafka.send(Topics.INDICATOR_REPORTS, code, mapper.writeValueAsString(e));
    }

    static ProjectSnapshot snapshot(String code, String budget, List<ProjectSnapshot.Indicator> indicators) {
        List<ProjectSnapshot.PlanPoint> plan = List.of(
                new ProjectSnapshot.PlanPoint(LocalDate.of(2021, 3, 31), new BigDecimal("25.00")),
                new ProjectSnapshot.PlanPoint(LocalDate.of(2021, 6, 30), new BigDecimal("50.00")),
                new ProjectSnapshot.PlanPoint(LocalDate.of(2021, 10, 31), new BigDecimal("75.00")),
                new ProjectSnapshot.PlanPoint(LocalDate.of(2021, 12, 31), new BigDecimal("100.00")));
        return new ProjectSnapshot(1, code + ":v1", Instant.parse("2021-01-10T00:00:00Z"), code, 1, 2021, AGENCY,
                "预警测试单位", "超预算预警项目" + code.substring(18),
                new ProjectSnapshot.Budget(new BigDecimal(budget), new BigDecimal(budget), BigDecimal.ZERO.setScale(2)),
                "用途", List.of("目标"), plan, indicators, List.of(), null);
    }

    static ProjectTotalsEvent entry(String id, String code, String amount, String paidOn) {
        return LedgerPositions.single(id, AGENCY, code, amount, "FISCAL", paidOn, Instant.parse("2021-06-01T00:00:00Z"));
    }
}
