package io.budgetwatch.reporting.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.events.Topics;
import io.budgetwatch.reporting.LedgerPositions;
import io.budgetwatch.testsupport.KafkaTestClient;
import io.budgetwatch.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The alerts centre over the real broker: the rule filter, an acknowledgement naming the deviation explanation that
 * answers it, and the bulk acknowledgement. Agency 991401 has five overspent projects (each an OVERSPEND alert),
 * agency 991402 one. Clock pinned to 2021-07-15.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertCentreTest {

    static final String AGENCY = "991401";
    static final String OTHER = "991402";
    static final String FILTERED = "130303219914010000001";
    static final String LINKED = "130303219914010000002";
    static final String BULK_A = "130303219914010000003";
    static final String BULK_B = "130303219914010000004";
    static final String ROLLED_BACK = "130303219914010000005";
    static final String OTHER_CODE = "130303219914020000001";
    static final String JSON = "application/json";

    @Inject
    ObjectMapper mapper;

    @Inject
    Pool pool;

    static String alertOf(String code) {
        return code + ":OVERSPEND:v1";
    }

    @BeforeAll
    void publish() throws Exception {
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            for (String code : List.of(FILTERED, LINKED, BULK_A, BULK_B, ROLLED_BACK)) {
                overspent(kafka, AGENCY, code);
            }
            overspent(kafka, OTHER, OTHER_CODE);
        }
    }

    @BeforeEach
    void awaitAlerts() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String code : List.of(FILTERED, LINKED, BULK_A, BULK_B, ROLLED_BACK, OTHER_CODE)) {
                given().get("/api/alerts/" + alertOf(code)).then().statusCode(200);
            }
        });
    }

    // ---------------------------------------------------------------- rule filter

    @Test
    void theListIsFilteredByRuleAndAnUnknownRuleIsRefused() {
        given().get("/api/alerts?project=" + FILTERED + "&rule=OVERSPEND").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].rule", equalTo("OVERSPEND"));
        // the codes are case-insensitive, as severity
        given().get("/api/alerts?project=" + FILTERED + "&rule=overspend").then().statusCode(200)
                .body("$", hasSize(1));
        given().get("/api/alerts?project=" + FILTERED + "&rule=EXECUTION_LAG").then().statusCode(200)
                .body("$", hasSize(0));
        given().get("/api/alerts?agency=" + AGENCY + "&rule=OVERSPEND&year=2021").then().statusCode(200)
                .body("rule.unique()", equalTo(List.of("OVERSPEND")));
        given().get("/api/alerts?rule=LATE_PAYMENT").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("code", equalTo("invalid-rule")).body("field", equalTo("rule"))
                .body("detail", containsString("EXECUTION_LAG"));
    }

    // ---------------------------------------------------------------- acknowledgement with an explanation

    @Test
    void anAcknowledgementNamesAnExplanationOfTheAlertsProjectOnly() throws Exception {
        String planner = TestTokens.user("planner-" + AGENCY).roles("planner").agencies(AGENCY).sign();
        String manager = manager();
        String own = "centre-linked-1";
        String foreign = "centre-filtered-1";
        explain(planner, LINKED, own);
        explain(planner, FILTERED, foreign);
        String alert = alertOf(LINKED);

        // another project's explanation, or none of that id: 422, and the alert stays open
        acknowledge(manager, alert, foreign).then().statusCode(422)
                .contentType(containsString("application/problem+json"))
                .body("code", equalTo("unknown-explanation")).body("field", equalTo("explanationId"));
        acknowledge(manager, alert, "no-such-explanation").then().statusCode(422)
                .body("code", equalTo("unknown-explanation"));
        given().get("/api/alerts/" + alert).then().statusCode(200).body("acknowledgement", nullValue());

        acknowledge(manager, alert, own).then().statusCode(200)
                .body("acknowledgement.by", equalTo("张会计"))
                .body("acknowledgement.explanationId", equalTo(own));
        given().get("/api/alerts?project=" + LINKED + "&acknowledged=true").then().statusCode(200)
                .body("[0].acknowledgement.explanationId", equalTo(own));
        // without an explanation the field is absent
        acknowledge(manager, alert, null).then().statusCode(409).body("code", equalTo("already-acknowledged"));
    }

    // ---------------------------------------------------------------- bulk

    @Test
    void aBulkAcknowledgementAnswersEachIdAndAuditsEachAcknowledgedAlert() throws Exception {
        String manager = manager();
        List<String> ids = List.of(alertOf(BULK_A), alertOf(OTHER_CODE), "no-such-alert", alertOf(BULK_B),
                alertOf(BULK_A));
        Response first = bulk(manager, ids, null);
        first.then().statusCode(200)
                .body("results.id", equalTo(List.of(alertOf(BULK_A), alertOf(OTHER_CODE), "no-such-alert",
                        alertOf(BULK_B))))
                .body("results.outcome", equalTo(List.of("ACKNOWLEDGED", "UNKNOWN_ALERT", "UNKNOWN_ALERT",
                        "ACKNOWLEDGED")));
        given().get("/api/alerts/" + alertOf(BULK_A)).then().statusCode(200)
                .body("acknowledgement.by", equalTo("张会计"))
                .body("acknowledgement.comment", equalTo("已督促加快支付"))
                .body("acknowledgement.explanationId", nullValue());
        // the other agency's alert is untouched
        given().get("/api/alerts/" + alertOf(OTHER_CODE)).then().statusCode(200).body("acknowledgement", nullValue());

        // again: already acknowledged, and nothing more recorded
        bulk(manager, List.of(alertOf(BULK_B)), null).then().statusCode(200)
                .body("results[0].outcome", equalTo("ALREADY_ACKNOWLEDGED"));

        // one audit record per acknowledged alert, by the caller, with the agency; the foreign id as a refusal
        assertEquals(1, count("SELECT count(*) FROM audit_record WHERE action = 'alert.acknowledge' AND target = $1 "
                + "AND result = 'done' AND agency_code = $2 AND actor_name = $3", alertOf(BULK_A), AGENCY,
                "manager-" + AGENCY));
        assertEquals(1, count("SELECT count(*) FROM audit_record WHERE action = 'alert.acknowledge' AND target = $1 "
                + "AND result = 'done'", alertOf(BULK_B)));
        assertEquals(0, count("SELECT count(*) FROM audit_record WHERE target = $1 AND result = 'done'",
                alertOf(OTHER_CODE)));
        assertEquals(1, count("SELECT count(*) FROM audit_record WHERE action = 'alert.acknowledge' AND target = $1 "
                + "AND result = 'refused'", alertOf(OTHER_CODE)));
        // the answer tells nothing of the other agency but the id it was asked about
        assertFalse(first.asString().contains(OTHER + "\""), first.asString());
    }

    @Test
    void aBulkAcknowledgementWithAnotherProjectsExplanationChangesNothing() throws Exception {
        String planner = TestTokens.user("planner-" + AGENCY).roles("planner").agencies(AGENCY).sign();
        explain(planner, ROLLED_BACK, "centre-rolled-back-1");
        // the explanation is of ROLLED_BACK; FILTERED's alert is not of its project: all or nothing
        bulk(manager(), List.of(alertOf(ROLLED_BACK), alertOf(FILTERED)), "centre-rolled-back-1").then()
                .statusCode(422).body("code", equalTo("unknown-explanation"));
        given().get("/api/alerts/" + alertOf(ROLLED_BACK)).then().statusCode(200).body("acknowledgement", nullValue());
        assertEquals(0, count("SELECT count(*) FROM audit_record WHERE action = 'alert.acknowledge' AND target = $1",
                alertOf(ROLLED_BACK)));
        bulk(manager(), List.of(alertOf(ROLLED_BACK)), "centre-rolled-back-1").then().statusCode(200)
                .body("results[0].outcome", equalTo("ACKNOWLEDGED"));
        given().get("/api/alerts/" + alertOf(ROLLED_BACK)).then().statusCode(200)
                .body("acknowledgement.explanationId", equalTo("centre-rolled-back-1"));
    }

    @Test
    void aBulkAcknowledgementIsForManagersWithOneTo200Ids() throws Exception {
        String manager = manager();
        String planner = TestTokens.user("planner-" + AGENCY).roles("planner").agencies(AGENCY).sign();
        bulk(planner, List.of(alertOf(FILTERED)), null).then().statusCode(403);
        bulk(manager, List.of(), null).then().statusCode(400).body("field", equalTo("ids"));
        List<String> many = new ArrayList<>(IntStream.rangeClosed(1, 201).mapToObj(i -> "a" + i).toList());
        bulk(manager, many, null).then().statusCode(400).body("code", equalTo("too-many-ids"))
                .body("field", equalTo("ids"));
        // 200 is allowed: unknown ids each answered
        bulk(manager, many.subList(0, 200), null).then().statusCode(200).body("results", hasSize(200))
                .body("results.outcome.unique()", equalTo(List.of("UNKNOWN_ALERT")));
        as(manager).contentType(JSON).body("{\"ids\":[\"" + alertOf(FILTERED) + "\"],\"comment\":\"x\"}")
                .post("/api/alerts/acknowledgements").then().statusCode(400).body("field", equalTo("by"));
        as(manager).contentType(JSON).body("{\"ids\":[\"" + alertOf(FILTERED) + "\"],\"by\":\"张会计\"}")
                .post("/api/alerts/acknowledgements").then().statusCode(400).body("field", equalTo("comment"));
        as(manager).contentType(JSON).body("{\"ids\":[\" \"],\"by\":\"张会计\",\"comment\":\"x\"}")
                .post("/api/alerts/acknowledgements").then().statusCode(400).body("field", equalTo("ids"));
        given().get("/api/alerts/" + alertOf(FILTERED)).then().statusCode(200).body("acknowledgement", nullValue());
    }

    // ---------------------------------------------------------------- helpers

    private static String manager() {
        return TestTokens.user("manager-" + AGENCY).roles("manager").agencies(AGENCY).sign();
    }

    private static RequestSpecification as(String token) {
        return RestAssured.given().noFilters().header("Authorization", "Bearer " + token);
    }

    private Response acknowledge(String token, String alert, String explanationId) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("by", "张会计");
        body.put("comment", "已核实，加快支付");
        if (explanationId != null) {
            body.put("explanationId", explanationId);
        }
        return as(token).contentType(JSON).body(mapper.writeValueAsBytes(body))
                .post("/api/alerts/" + alert + "/acknowledgement");
    }

    private Response bulk(String token, List<String> ids, String explanationId) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ids", ids);
        body.put("by", "张会计");
        body.put("comment", "已督促加快支付");
        if (explanationId != null) {
            body.put("explanationId", explanationId);
        }
        return as(token).contentType(JSON).body(mapper.writeValueAsBytes(body)).post("/api/alerts/acknowledgements");
    }

    private void explain(String planner, String code, String id) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("explanationId", id);
        body.put("monitoringDate", "2021-06-30");
        body.put("causes", Map.of("FUNDING", "资金拨付滞后"));
        body.put("likelihood", "POSSIBLE");
        body.put("expectedFullYear", Map.of("amount", "1000.00"));
        body.put("correctiveMeasures", "调减支出");
        int status = as(planner).contentType(JSON).body(mapper.writeValueAsBytes(body))
                .post("/api/projects/" + code + "/deviation-explanations").statusCode();
        assertEquals(true, status == 201 || status == 200, "explanation " + id + ": " + status);
    }

    private long count(String sql, Object... params) {
        return pool.preparedQuery(sql).execute(Tuple.from(params)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }

    private void overspent(KafkaTestClient kafka, String agency, String code) throws Exception {
        ProjectSnapshot snapshot = new ProjectSnapshot(1, code + ":v1", Instant.parse("2021-01-10T00:00:00Z"), code,
                1, 2021, agency, "预警中心测试单位" + agency, "预警中心项目" + code.substring(code.length() - 1),
                new ProjectSnapshot.Budget(new BigDecimal("1000.00"), new BigDecimal("1000.00"),
                        BigDecimal.ZERO.setScale(2)), "用途", List.of("目标"),
                List.of(new ProjectSnapshot.PlanPoint(LocalDate.of(2021, 12, 31), new BigDecimal("100.00"))),
                List.of(), List.of(), null);
        kafka.send(Topics.PROJECTS, code, mapper.writeValueAsString(snapshot));
        kafka.send(Topics.PROJECT_TOTALS, code, mapper.writeValueAsString(LedgerPositions.single(code + "-1",
                agency, code, "1234.00", "FISCAL", "2021-06-01", Instant.parse("2021-06-01T00:00:00Z"))));
    }
}
