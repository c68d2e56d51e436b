package io.budgetwatch.goals.security;

import io.budgetwatch.goals.support.GoalsDb;
import io.budgetwatch.goals.support.SeedVariants;
import io.budgetwatch.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every state change and every refused authorisation leaves an append-only audit record; auditors read them. */
@QuarkusTest
class AuditTrailTest {

    static final String AGENCY = "990301";
    static final String OTHER = "990302";

    @Inject
    GoalsDb db;

    private static RequestSpecification as(String token) {
        return RestAssured.given().noFilters().header("Authorization", "Bearer " + token)
                .header("User-Agent", "audit-test/1.0");
    }

    @Test
    void changesAndRefusalsAreRecordedWithWhoWhatWhenAndWhere() {
        String planner = TestTokens.user("planner-" + AGENCY).roles("planner").agencies(AGENCY).sign();
        String documentId = as(planner).contentType("text/plain; charset=utf-8")
                .body(SeedVariants.seedFor(AGENCY, 'S').toText()).post("/api/goal-documents")
                .then().statusCode(201).extract().jsonPath().getString("documentId");
        String code = SeedVariants.codes('S').get(0);
        as(planner).contentType("application/json").body("{\"total\":\"4100.00\",\"fiscal\":\"4100.00\",\"other\":\"0\","
                        + "\"reason\":\"年中追加\",\"effectiveOn\":\"2021-06-30\",\"adjustedBy\":\"财务科\"}")
                .post("/api/projects/" + code + "/budget-adjustments").then().statusCode(201);
        // refused: a manager may not import; the planner may not touch another agency's document
        as(TestTokens.user("manager-" + AGENCY).roles("manager").agencies(AGENCY).sign())
                .contentType("text/plain; charset=utf-8").body(SeedVariants.seedFor(AGENCY, 'S').toText())
                .post("/api/goal-documents").then().statusCode(403).body("code", equalTo("forbidden"));
        as(planner).contentType("text/plain; charset=utf-8").body(SeedVariants.seedFor(OTHER, 'T').toText())
                .post("/api/goal-documents").then().statusCode(403).body("code", equalTo("agency-forbidden"));

        String auditor = TestTokens.user("auditor-" + AGENCY).roles("auditor").agencies(AGENCY).sign();
        JsonPath page = as(auditor).get("/api/audit?agency=" + AGENCY).then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> records = page.getList("records");
        Map<String, Object> imported = records.stream().filter(r -> r.get("action").equals("goal-document.import"))
                .findFirst().orElseThrow();
        assertEquals(documentId, imported.get("target"));
        assertEquals("planner-" + AGENCY, imported.get("actorName"));
        assertEquals(List.of("planner"), imported.get("actorRoles"));
        assertEquals(List.of(AGENCY), imported.get("actorAgencies"));
        assertEquals("done", imported.get("result"));
        assertEquals("audit-test/1.0", imported.get("userAgent"));
        assertTrue(((String) imported.get("clientAddress")).length() > 0);
        assertTrue(((String) imported.get("summary")).contains("7 projects (created 7"), (String) imported.get("summary"));
        assertEquals("2021-07-01T01:00:00Z", java.time.OffsetDateTime.parse((String) imported.get("recordedAt"))
                .toInstant().toString(), "the business clock of the tests");
        Map<String, Object> adjusted = records.stream()
                .filter(r -> r.get("action").equals("budget-adjustment.record")).findFirst().orElseThrow();
        assertEquals(code + "#1", adjusted.get("target"));
        assertTrue(((String) adjusted.get("summary")).contains("4000.00 → 4100.00"), (String) adjusted.get("summary"));

        // refusals have no agency: the auditors who see every agency read them, with the actor and the reason
        String supervisorAuditor = TestTokens.user("auditor-all").roles("auditor").sign();
        List<Map<String, Object>> refusals = as(supervisorAuditor).get("/api/audit?actor=planner-" + AGENCY)
                .then().statusCode(200).extract().jsonPath().getList("records");
        assertTrue(refusals.stream().anyMatch(r -> r.get("result").equals("refused")
                && ((String) r.get("summary")).contains("agency " + OTHER)), refusals.toString());

        // an auditor of another agency does not see these; a planner may not read the trail
        List<Map<String, Object>> foreign = as(TestTokens.user("auditor-" + OTHER).roles("auditor").agencies(OTHER)
                .sign()).get("/api/audit").then().statusCode(200).extract().jsonPath().getList("records");
        assertTrue(foreign.stream().noneMatch(r -> AGENCY.equals(r.get("agencyCode"))), foreign.toString());
        as(planner).get("/api/audit").then().statusCode(403);

        // append-only
        assertThrows(RuntimeException.class, () -> db.scalar("UPDATE audit_record SET summary = 'x' RETURNING 1"));
    }
}
