package io.budgetwatch.reporting.explanation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetwatch.events.DeviationExplanationEvent;
import io.budgetwatch.events.Topics;
import io.budgetwatch.reporting.TestClock;
import io.budgetwatch.testsupport.KafkaTestClient;
import io.budgetwatch.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deviation explanations (偏差原因分析) through the API: created once per client id (a retry answers the stored one,
 * other content under the same id is refused and changes nothing), checked field by field, Chinese kept byte for
 * byte, listed newest first, recorded with its audit record in one transaction and announced on
 * {@code reporting.deviation-explanations}; another agency's planner sees no such project.
 */
@QuarkusTest
class DeviationExplanationApiTest {

    static final String AGENCY = "990901";
    static final String OTHER = "990902";
    static final String CODE = "130303219990100000001";
    static final String OTHER_CODE = "130303219990200000001";
    static final String PATH = "/api/projects/" + CODE + "/deviation-explanations";

    @Inject
    ObjectMapper mapper;

    @Inject
    Pool pool;

    @Inject
    TestClock clock;

    @BeforeEach
    void seed() throws Exception {
        ExplanationSeed.project(mapper, AGENCY, CODE, "偏差说明测试项目");
        ExplanationSeed.project(mapper, OTHER, OTHER_CODE, "偏差说明他单位项目");
        clock.reset();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static String planner(String agency) {
        return TestTokens.user("planner-" + agency).roles("planner").agencies(agency).sign();
    }

    static RequestSpecification as(String token) {
        return RestAssured.given().noFilters().header("Authorization", "Bearer " + token);
    }

    /** A funds explanation (全年预计执行数) of 2021-06-30 with one cause. */
    static Map<String, Object> funds(String id) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("explanationId", id);
        body.put("monitoringDate", "2021-06-30");
        body.put("causes", new LinkedHashMap<>(Map.of("FUNDING", "财政资金拨付滞后，二季度才到位")));
        body.put("likelihood", "POSSIBLE");
        body.put("expectedFullYear", Map.of("amount", "850.50"));
        body.put("correctiveMeasures", "加快采购进度，三季度完成合同签订");
        return body;
    }

    /** An indicator explanation (全年预计完成值) of indicator 1. */
    static Map<String, Object> indicator(String id) {
        Map<String, Object> body = funds(id);
        body.put("indicatorId", 1);
        body.put("expectedFullYear", Map.of("text", "90%", "value", "90"));
        return body;
    }

    Response post(String token, String path, Map<String, Object> body) throws Exception {
        return as(token).contentType("application/json").body(mapper.writeValueAsBytes(body)).post(path);
    }

    long count(String sql, Object... params) {
        return pool.preparedQuery(sql).execute(Tuple.from(params)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }

    @Test
    void createdOnceAndTheSameRequestAgainAnswersTheStoredOne() throws Exception {
        String id = UUID.randomUUID().toString();
        String planner = planner(AGENCY);
        Response created = post(planner, PATH, funds(id));
        created.then().statusCode(201)
                .header("Location", endsWith(PATH + "/" + id))
                .body("explanationId", equalTo(id))
                .body("projectCode", equalTo(CODE))
                .body("agencyCode", equalTo(AGENCY))
                .body("fiscalYear", equalTo(2021))
                .body("monitoringDate", equalTo("2021-06-30"))
                .body("indicatorId", nullValue())
                .body("causes.FUNDING", equalTo("财政资金拨付滞后，二季度才到位"))
                .body("likelihood", equalTo("POSSIBLE"))
                .body("expectedFullYear.amount", equalTo("850.50"))
                .body("correctiveMeasures", equalTo("加快采购进度，三季度完成合同签订"))
                .body("recordedBy", equalTo("planner-" + AGENCY));
        assertEquals(TestClock.START, OffsetDateTime.parse(created.jsonPath().getString("recordedAt")).toInstant());

        // the retry (even a minute later): 200, the stored record, no second row, audit record or event
        clock.set("2021-07-15T10:01:00+08:00");
        Response again = post(planner, PATH, funds(id));
        again.then().statusCode(200).header("Location", endsWith(PATH + "/" + id));
        assertEquals(created.jsonPath().getMap(""), again.jsonPath().getMap(""));
        assertEquals(1, count("SELECT count(*) FROM deviation_explanation WHERE explanation_id = $1", id));
        assertEquals(1, count("SELECT count(*) FROM audit_record WHERE action = 'deviation-explanation.record' "
                + "AND target = $1", id));
        assertEquals(1, count("SELECT count(*) FROM outbox WHERE event_id = $1",
                DeviationExplanationEvent.eventIdOf(id)));

        as(planner).get(PATH + "/" + id).then().statusCode(200).body("explanationId", equalTo(id));
        as(planner).get(PATH + "/no-such-id").then().statusCode(404).body("code", equalTo("unknown-explanation"));
    }

    @Test
    void requestsWithOneNewIdAtOnceStoreItOnce() throws Exception {
        String id = UUID.randomUUID().toString();
        String planner = planner(AGENCY);
        byte[] body = mapper.writeValueAsBytes(funds(id));
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return as(planner).contentType("application/json").body(body).post(PATH).statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(5, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        } finally {
            threads.shutdownNow();
        }
        assertEquals(1, count("SELECT count(*) FROM deviation_explanation WHERE explanation_id = $1", id));
        assertEquals(1, count("SELECT count(*) FROM audit_record WHERE action = 'deviation-explanation.record' "
                + "AND target = $1", id));
    }

    @Test
    void theSameIdWithOtherContentIsRefusedAndChangesNothing() throws Exception {
        String id = UUID.randomUUID().toString();
        String planner = planner(AGENCY);
        post(planner, PATH, funds(id)).then().statusCode(201);
        Map<String, Object> changed = funds(id);
        changed.put("likelihood", "IMPOSSIBLE");
        changed.put("expectedFullYear", Map.of("amount", "850.51"));
        post(planner, PATH, changed).then().statusCode(409)
                .contentType(containsString("application/problem+json"))
                .body("code", equalTo("explanation-conflict")).body("field", equalTo("explanationId"));
        as(planner).get(PATH + "/" + id).then().statusCode(200)
                .body("likelihood", equalTo("POSSIBLE")).body("expectedFullYear.amount", equalTo("850.50"));
        assertEquals(1, count("SELECT count(*) FROM deviation_explanation WHERE explanation_id = $1", id));
        assertEquals(1, count("SELECT count(*) FROM audit_record WHERE action = 'deviation-explanation.record' "
                + "AND target = $1", id));
        // append-only, also for whoever holds the database
        assertThrows(RuntimeException.class, () -> pool.preparedQuery(
                "UPDATE deviation_explanation SET likelihood = 'CERTAIN' WHERE explanation_id = $1")
                .execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10)));
        assertThrows(RuntimeException.class, () -> pool.preparedQuery(
                "DELETE FROM deviation_explanation WHERE explanation_id = $1")
                .execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10)));
    }

    @Test
    void invalidExplanationsAreProblemsNamingTheirField() throws Exception {
        String planner = planner(AGENCY);
        String id = UUID.randomUUID().toString();

        Map<String, Object> noCause = funds(id);
        noCause.put("causes", Map.of("FUNDING", "  ", "OTHER", ""));
        expectProblem(post(planner, PATH, noCause), 400, "missing-cause", "causes");
        Map<String, Object> missingCauses = funds(id);
        missingCauses.remove("causes");
        expectProblem(post(planner, PATH, missingCauses), 400, "missing-cause", "causes");
        Map<String, Object> unknownCause = funds(id);
        unknownCause.put("causes", Map.of("WEATHER", "下雨"));
        expectProblem(post(planner, PATH, unknownCause), 400, "invalid-cause", "causes");

        Map<String, Object> badLikelihood = funds(id);
        badLikelihood.put("likelihood", "MAYBE");
        expectProblem(post(planner, PATH, badLikelihood), 400, "invalid-likelihood", "likelihood");

        Map<String, Object> foreignIndicator = indicator(id);
        foreignIndicator.put("indicatorId", 7);
        expectProblem(post(planner, PATH, foreignIndicator), 422, "unknown-indicator", "indicatorId");
        Map<String, Object> badIndicator = indicator(id);
        badIndicator.put("indicatorId", "一");
        expectProblem(post(planner, PATH, badIndicator), 400, "invalid-indicator", "indicatorId");

        Map<String, Object> lastYear = funds(id);
        lastYear.put("monitoringDate", "2020-12-31");
        expectProblem(post(planner, PATH, lastYear), 422, "date-outside-fiscal-year", "monitoringDate");
        Map<String, Object> notADate = funds(id);
        notADate.put("monitoringDate", "2021-06-31");
        expectProblem(post(planner, PATH, notADate), 400, "invalid-date", "monitoringDate");

        Map<String, Object> negative = funds(id);
        negative.put("expectedFullYear", Map.of("amount", "-0.01"));
        expectProblem(post(planner, PATH, negative), 400, "negative-amount", "expectedFullYear.amount");
        Map<String, Object> fractions = funds(id);
        fractions.put("expectedFullYear", Map.of("amount", "1.005"));
        expectProblem(post(planner, PATH, fractions), 400, "invalid-amount", "expectedFullYear.amount");
        Map<String, Object> textForFunds = funds(id);
        textForFunds.put("expectedFullYear", Map.of("text", "95%"));
        expectProblem(post(planner, PATH, textForFunds), 400, "invalid-expected", "expectedFullYear");
        Map<String, Object> noText = indicator(id);
        noText.put("expectedFullYear", Map.of("value", "90"));
        expectProblem(post(planner, PATH, noText), 400, "required", "expectedFullYear.text");

        Map<String, Object> noMeasures = funds(id);
        noMeasures.remove("correctiveMeasures");
        expectProblem(post(planner, PATH, noMeasures), 400, "required", "correctiveMeasures");
        Map<String, Object> noId = funds(id);
        noId.remove("explanationId");
        expectProblem(post(planner, PATH, noId), 400, "required", "explanationId");
        Map<String, Object> badId = funds("含中文的编号");
        expectProblem(post(planner, PATH, badId), 400, "invalid-explanation-id", "explanationId");
        Map<String, Object> nul = funds(id);
        nul.put("correctiveMeasures", "措施\u0000");
        expectProblem(post(planner, PATH, nul), 400, "invalid-character", "correctiveMeasures");
        Map<String, Object> otherAlert = funds(id);
        otherAlert.put("alertId", ExplanationSeed.alertOf(OTHER_CODE));
        expectProblem(post(planner, PATH, otherAlert), 422, "unknown-alert", "alertId");

        Response malformed = as(planner).contentType("application/json").body("{\"explanationId\":").post(PATH);
        assertEquals(400, malformed.statusCode(), malformed.asString());
        as(planner).get(PATH + "?indicatorId=x").then().statusCode(400).body("field", equalTo("indicatorId"));
        as(planner).get(PATH + "?asOf=2021-13-01").then().statusCode(400).body("field", equalTo("asOf"));

        assertEquals(0, count("SELECT count(*) FROM deviation_explanation WHERE explanation_id = $1", id));
        assertEquals(0, count("SELECT count(*) FROM audit_record WHERE action = 'deviation-explanation.record' "
                + "AND target = $1", id));
    }

    private static void expectProblem(Response response, int status, String code, String field) {
        response.then().statusCode(status).contentType(containsString("application/problem+json"))
                .body("code", equalTo(code)).body("field", equalTo(field));
    }

    @Test
    void chineseTextRoundTripsByteForByte() throws Exception {
        String id = UUID.randomUUID().toString();
        String funding = "经费保障：财政资金于６月２８日才下达（含全角数字、“引号”与𠀋等扩展区汉字）\n第二行\t制表";
        String institutional = "制度保障：《政府采购管理办法》修订中";
        String staffing = "人员保障：项目负责人调离　全角空格";
        String hardware = "硬件条件保障：服务器机房改造 ☂ 😀";
        String other = "其他：e\u0301 组合字符 and ASCII";
        String measures = "纠偏措施：一、加快拨付；二、每月调度。";
        Map<String, Object> body = indicator(id);
        body.put("causes", Map.of("FUNDING", funding, "INSTITUTIONAL", institutional, "STAFFING", staffing,
                "HARDWARE", hardware, "OTHER", other));
        body.put("expectedFullYear", Map.of("text", "预计全年完成９０％左右", "value", "90.5"));
        body.put("correctiveMeasures", measures);
        body.put("likelihood", "possible");
        String planner = planner(AGENCY);
        post(planner, PATH, body).then().statusCode(201).body("likelihood", equalTo("POSSIBLE"))
                .body("expectedFullYear.value", equalTo("90.5"));

        Response read = as(planner).get(PATH + "/" + id);
        read.then().statusCode(200);
        Map<String, Object> causes = read.jsonPath().getMap("causes");
        assertEquals(List.of("FUNDING", "INSTITUTIONAL", "STAFFING", "HARDWARE", "OTHER"),
                List.copyOf(causes.keySet()), "the form's order");
        assertArrayEquals(funding.getBytes(StandardCharsets.UTF_8),
                ((String) causes.get("FUNDING")).getBytes(StandardCharsets.UTF_8));
        assertEquals(institutional, causes.get("INSTITUTIONAL"));
        assertEquals(staffing, causes.get("STAFFING"));
        assertEquals(hardware, causes.get("HARDWARE"));
        assertArrayEquals(other.getBytes(StandardCharsets.UTF_8),
                ((String) causes.get("OTHER")).getBytes(StandardCharsets.UTF_8), "not normalised");
        assertEquals(measures, read.jsonPath().getString("correctiveMeasures"));
        assertEquals("预计全年完成９０％左右", read.jsonPath().getString("expectedFullYear.text"));
        Row row = pool.preparedQuery("SELECT cause_funding, cause_other FROM deviation_explanation "
                + "WHERE explanation_id = $1").execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10))
                .iterator().next();
        assertEquals(funding, row.getString("cause_funding"));
        assertEquals(other, row.getString("cause_other"));
        // the retry with the same text (likelihood written differently means the same) is no conflict
        post(planner, PATH, body).then().statusCode(200);
    }

    @Test
    void historyIsNewestFirstAndMarksWhatLaterOnesSupersede() throws Exception {
        String planner = planner(AGENCY);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String first = "h1-" + suffix, second = "h2-" + suffix, third = "h3-" + suffix, fourth = "h4-" + suffix;
        clock.set("2021-07-20T09:00:00+08:00");
        post(planner, PATH, funds(first)).then().statusCode(201);
        clock.set("2021-07-20T10:00:00+08:00");
        post(planner, PATH, indicator(second)).then().statusCode(201);
        clock.set("2021-07-21T09:00:00+08:00");
        Map<String, Object> correction = funds(third);
        correction.put("expectedFullYear", Map.of("amount", "900.00"));
        post(planner, PATH, correction).then().statusCode(201);
        Map<String, Object> september = funds(fourth);
        september.put("monitoringDate", "2021-09-30");
        post(planner, PATH, september).then().statusCode(201);   // the same instant: insertion order decides

        List<Map<String, Object>> all = as(planner).get(PATH).then().statusCode(200).extract().jsonPath().getList("");
        List<Object> ours = all.stream().map(m -> m.get("explanationId"))
                .filter(i -> ((String) i).endsWith(suffix)).toList();
        assertEquals(List.of(fourth, third, second, first), ours);
        Map<Object, Object> superseded = new LinkedHashMap<>();
        all.stream().filter(m -> ((String) m.get("explanationId")).endsWith(suffix))
                .forEach(m -> superseded.put(m.get("explanationId"), m.get("superseded")));
        assertEquals(Map.of(fourth, false, third, false, second, false, first, true), superseded);

        String auditor = TestTokens.user("auditor-" + AGENCY).roles("auditor").agencies(AGENCY).sign();
        List<Object> asOfJune = as(auditor).get(PATH + "?asOf=2021-06-30").then().statusCode(200).extract().jsonPath()
                .getList("explanationId");
        assertTrue(asOfJune.containsAll(List.of(third, second, first)) && !asOfJune.contains(fourth),
                asOfJune.toString());
        List<Object> ofIndicator = as(planner).get(PATH + "?indicatorId=1").then().statusCode(200).extract()
                .jsonPath().getList("explanationId");
        assertTrue(ofIndicator.contains(second) && !ofIndicator.contains(first) && !ofIndicator.contains(third),
                ofIndicator.toString());
    }

    @Test
    void theExplanationItsAuditRecordAndItsEventCommitTogether() throws Exception {
        String id = UUID.randomUUID().toString();
        Map<String, Object> body = funds(id);
        body.put("alertId", ExplanationSeed.alertOf(CODE));
        post(planner(AGENCY), PATH, body).then().statusCode(201).body("alertId", equalTo(ExplanationSeed.alertOf(CODE)));

        Row audit = pool.preparedQuery("SELECT a.actor_name, a.agency_code, a.result, a.summary, a.recorded_at, "
                        + "a.xmin::text AS audit_tx, e.xmin::text AS explanation_tx "
                        + "FROM audit_record a JOIN deviation_explanation e ON e.explanation_id = a.target "
                        + "WHERE a.action = 'deviation-explanation.record' AND a.target = $1")
                .execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(10)).iterator().next();
        assertEquals("planner-" + AGENCY, audit.getString("actor_name"));
        assertEquals(AGENCY, audit.getString("agency_code"));
        assertEquals("done", audit.getString("result"));
        assertTrue(audit.getString("summary").contains(CODE) && audit.getString("summary").contains("850.50"),
                audit.getString("summary"));
        assertEquals(TestClock.START, audit.getOffsetDateTime("recorded_at").toInstant());
        assertEquals(audit.getString("explanation_tx"), audit.getString("audit_tx"), "one transaction");

        String eventId = DeviationExplanationEvent.eventIdOf(id);
        assertEquals(1, count("SELECT count(*) FROM outbox WHERE event_id = $1 AND topic = $2", eventId,
                Topics.DEVIATION_EXPLANATIONS));
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            List<ConsumerRecord<String, byte[]>> read = kafka.readFromStart(Topics.DEVIATION_EXPLANATIONS,
                    Duration.ofSeconds(30), records -> records.stream().anyMatch(r -> eventId.equals(
                            header(r))));
            ConsumerRecord<String, byte[]> record = read.stream().filter(r -> eventId.equals(header(r)))
                    .findFirst().orElseThrow(() -> new AssertionError("no event " + eventId));
            assertEquals(CODE, record.key());
            DeviationExplanationEvent event = mapper.readValue(record.value(), DeviationExplanationEvent.class);
            assertEquals(DeviationExplanationEvent.SCHEMA_VERSION, event.schemaVersion());
            assertEquals(id, event.explanationId());
            assertEquals("财政资金拨付滞后，二季度才到位", event.causes().get("FUNDING"));
            assertEquals("850.50", event.expectedAmount().toPlainString());
            assertEquals(ExplanationSeed.alertOf(CODE), event.alertId());
            assertNotNull(event.recordedAt());
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record) {
        var h = record.headers().lastHeader(Topics.HEADER_EVENT_ID);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void anotherAgencysPlannerFindsNoSuchProject() throws Exception {
        String id = UUID.randomUUID().toString();
        String stranger = planner(OTHER);
        post(stranger, PATH, funds(id)).then().statusCode(404)
                .body("code", equalTo("unknown-project")).body("field", equalTo("code"));
        as(stranger).get(PATH).then().statusCode(404).body("code", equalTo("unknown-project"));
        as(TestTokens.user("auditor-" + OTHER).roles("auditor").agencies(OTHER).sign()).get(PATH).then()
                .statusCode(404).body("code", equalTo("unknown-project"));
        post(planner(AGENCY), "/api/projects/130303219999900000001/deviation-explanations", funds(id)).then()
                .statusCode(404).body("code", equalTo("unknown-project"));
        // readers may not record
        post(TestTokens.user("manager-" + AGENCY).roles("manager").agencies(AGENCY).sign(), PATH, funds(id)).then()
                .statusCode(403);
        assertEquals(0, count("SELECT count(*) FROM deviation_explanation WHERE explanation_id = $1", id));
    }
}
