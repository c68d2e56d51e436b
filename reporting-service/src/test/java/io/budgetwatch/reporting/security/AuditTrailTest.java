package io.budgetwatch.reporting.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetwatch.reporting.TestClock;
import io.budgetwatch.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every state change of reporting-service (acknowledgement, re-evaluation, rebuild) and every refused
 * authorisation leaves an append-only audit record with who, what, when, from where and the result; an
 * acknowledgement that changes nothing leaves none; auditors read the records of their agencies.
 */
@QuarkusTest
class AuditTrailTest {

    static final String AGENCY = "990801";
    static final String OTHER = "990802";
    static final String CODE = "130303219980100000001";
    static final String OTHER_CODE = "130303219980200000001";

    @Inject
    ObjectMapper mapper;

    @Inject
    Pool pool;

    private static RequestSpecification as(String token) {
        return RestAssured.given().noFilters().header("Authorization", "Bearer " + token)
                .header("User-Agent", "audit-test/1.0");
    }

    private static List<Map<String, Object>> records(String token, String query) {
        return as(token).get("/api/audit?" + query).then().statusCode(200).extract().jsonPath().getList("records");
    }

    private static Optional<Map<String, Object>> find(List<Map<String, Object>> records, String action,
                                                      String target) {
        return records.stream().filter(r -> action.equals(r.get("action")) && target.equals(r.get("target")))
                .findFirst();
    }

    @Test
    void changesAndRefusalsAreRecordedWithWhoWhatWhenAndWhere() throws Exception {
        String alert = SecuritySeed.project(mapper, AGENCY, "审计测试单位", CODE, "审计测试项目");
        String otherAlert = SecuritySeed.project(mapper, OTHER, "审计测试他单位", OTHER_CODE, "审计测试他项目");
        String manager = TestTokens.user("manager-" + AGENCY).roles("manager").agencies(AGENCY).sign();
        String admin = TestTokens.user("admin-ops").roles("admin").sign();
        String auditorAll = TestTokens.user("auditor-all").roles("auditor").sign();

        // the acknowledgement and its record
        as(manager).contentType("application/json").body("{\"by\":\"张会计\",\"comment\":\"已暂停支付\"}")
                .post("/api/alerts/" + alert + "/acknowledgement").then().statusCode(200)
                .body("acknowledgement.by", equalTo("张会计"));
        // a second one changes nothing (409) and records nothing
        as(manager).contentType("application/json").body("{\"by\":\"李四\",\"comment\":\"再次确认\"}")
                .post("/api/alerts/" + alert + "/acknowledgement").then().statusCode(409);
        // an administrator re-evaluates and rebuilds
        as(admin).post("/api/alerts/evaluate?asOf=2021-06-30").then().statusCode(200);
        as(admin).post("/api/admin/read-model/rebuild").then().statusCode(200);

        // refused: a planner may not acknowledge; a manager may not touch another agency's alert (404 as unknown)
        // nor ask for another agency's list
        String planner = TestTokens.user("planner-" + AGENCY).roles("planner").agencies(AGENCY).sign();
        as(planner).contentType("application/json").body("{\"by\":\"王五\",\"comment\":\"确认\"}")
                .post("/api/alerts/" + alert + "/acknowledgement").then().statusCode(403)
                .body("code", equalTo("forbidden"));
        as(manager).contentType("application/json").body("{\"by\":\"张会计\",\"comment\":\"越权\"}")
                .post("/api/alerts/" + otherAlert + "/acknowledgement").then().statusCode(404)
                .body("code", equalTo("unknown-alert"));
        as(manager).get("/api/alerts?agency=" + OTHER).then().statusCode(403).body("code", equalTo("agency-forbidden"));
        // the other agency's alert was not acknowledged
        RestAssured.given().get("/api/alerts/" + otherAlert).then().statusCode(200)
                .body("acknowledgement", equalTo(null));

        String auditor = TestTokens.user("auditor-" + AGENCY).roles("auditor").agencies(AGENCY).sign();
        List<Map<String, Object>> ours = records(auditor, "agency=" + AGENCY);
        Map<String, Object> acknowledged = find(ours, "alert.acknowledge", alert).orElseThrow(() ->
                new AssertionError("no acknowledgement record: " + ours));
        assertEquals(AGENCY, acknowledged.get("agencyCode"));
        assertEquals("manager-" + AGENCY, acknowledged.get("actorName"));
        assertEquals(List.of("manager"), acknowledged.get("actorRoles"));
        assertEquals(List.of(AGENCY), acknowledged.get("actorAgencies"));
        assertEquals("done", acknowledged.get("result"));
        assertEquals("audit-test/1.0", acknowledged.get("userAgent"));
        assertTrue(((String) acknowledged.get("clientAddress")).length() > 0);
        assertTrue(((String) acknowledged.get("summary")).contains("张会计") && ((String) acknowledged.get("summary"))
                .contains("已暂停支付"), (String) acknowledged.get("summary"));
        assertEquals(TestClock.START, OffsetDateTime.parse((String) acknowledged.get("recordedAt")).toInstant(),
                "the business clock of the tests");
        assertEquals(1, ours.stream().filter(r -> "alert.acknowledge".equals(r.get("action"))
                && alert.equals(r.get("target"))).count(), "the refused second acknowledgement left no record");

        // the operations about every agency have no agency: read by auditors who see every agency
        List<Map<String, Object>> admins = records(auditorAll, "actor=admin-ops");
        Map<String, Object> evaluated = find(admins, "alert.evaluate", "2021-06-30").orElseThrow(() ->
                new AssertionError("no evaluation record: " + admins));
        assertNull(evaluated.get("agencyCode"));
        assertNull(evaluated.get("actorAgencies"), "an administrator without agency_codes sees every agency");
        assertTrue(((String) evaluated.get("summary")).contains("alerts raised"), (String) evaluated.get("summary"));
        assertTrue(admins.stream().anyMatch(r -> "read-model.rebuild".equals(r.get("action"))
                && "done".equals(r.get("result"))), admins.toString());

        // refusals, with the actor and the true reason (the 404's too)
        List<Map<String, Object>> refusals = records(auditorAll, "actor=manager-" + AGENCY);
        assertTrue(refusals.stream().anyMatch(r -> "refused".equals(r.get("result"))
                && ((String) r.get("action")).startsWith("POST /api/alerts/")
                && ((String) r.get("action")).endsWith("/acknowledgement")
                && ((String) r.get("summary")).equals("alert " + otherAlert
                        + " belongs to an agency not among the caller's")),
                refusals.toString());
        assertTrue(refusals.stream().anyMatch(r -> "refused".equals(r.get("result"))
                && ((String) r.get("summary")).contains("agency " + OTHER)), refusals.toString());
        List<Map<String, Object>> plannerRefusals = records(auditorAll, "actor=planner-" + AGENCY);
        assertTrue(plannerRefusals.stream().anyMatch(r -> "refused".equals(r.get("result"))
                && ((String) r.get("summary")).contains("roles")), plannerRefusals.toString());

        // an auditor of another agency does not see these; a manager may not read the trail
        List<Map<String, Object>> foreign = records(TestTokens.user("auditor-" + OTHER).roles("auditor")
                .agencies(OTHER).sign(), "limit=1000");
        assertTrue(foreign.stream().noneMatch(r -> AGENCY.equals(r.get("agencyCode"))), foreign.toString());
        assertTrue(foreign.stream().noneMatch(r -> r.get("agencyCode") == null), foreign.toString());
        as(manager).get("/api/audit").then().statusCode(403);

        // append-only
        assertThrows(RuntimeException.class, () -> pool.query("UPDATE audit_record SET summary = 'x'").execute()
                .await().atMost(Duration.ofSeconds(10)));
    }
}
