package io.budgetwatch.execution.security;

import io.budgetwatch.execution.support.Fixtures;
import io.budgetwatch.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every state change over HTTP (payments posted, indicator reports, consumer pause and resume) and every
 * refused authorisation leaves an append-only audit record saying who, what, where and with what result; a
 * change's record is written in the change's own transaction; auditors read them within their agencies.
 */
@QuarkusTest
class AuditTrailTest {

    static final String AGENCY = "990501";
    static final String OTHER = "990502";
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    private static RequestSpecification as(String token) {
        return RestAssured.given().noFilters().header("Authorization", "Bearer " + token)
                .header("User-Agent", "audit-test/1.0");
    }

    private static Map<String, Object> payment(String id, String project, String amount) {
        Map<String, Object> p = Fixtures.payment(id, project, amount, "FISCAL");
        p.put("agencyCode", AGENCY);
        return p;
    }

    private static Map<String, Object> report(String reportId, String project) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("reportId", reportId);
        r.put("projectCode", project);
        r.put("indicatorSeq", "1");
        r.put("value", "1200");
        r.put("reportedOn", "2021-06-30");
        r.put("reporter", "财务科");
        return r;
    }

    private static List<Map<String, Object>> records(String query) {
        return as(TestTokens.user("auditor-all").roles("auditor").sign()).get("/api/audit?limit=1000&" + query)
                .then().statusCode(200).extract().jsonPath().getList("records");
    }

    private static Map<String, Object> only(List<Map<String, Object>> records, String action, String target) {
        List<Map<String, Object>> found = records.stream()
                .filter(r -> action.equals(r.get("action")) && target.equals(r.get("target"))).toList();
        assertEquals(1, found.size(), action + " " + target + " in " + records);
        return found.get(0);
    }

    private String xmin(String sql, String id) {
        return pool.preparedQuery(sql).execute(Tuple.of(id)).await().atMost(WAIT).iterator().next().getString(0);
    }

    @Test
    void changesOverHttpAreRecordedWithWhoWhatAndWhereInTheirOwnTransaction() {
        String project = Fixtures.projectCode();
        Fixtures.publish(Fixtures.project(project, 1, "50000.00", "50000.00", "0.00", AGENCY, "审计测试单位本级"));
        String treasury = TestTokens.user("treasury-audit").roles("treasury").sign();

        // one payment, then a batch of three of which one is refused: one record per request
        String single = Fixtures.paymentId("AUD-1");
        as(treasury).contentType(ContentType.JSON).body(Fixtures.bytes(payment(single, project, "100.00")))
                .post("/api/payments").then().statusCode(202).body("status", is("APPLIED"));
        String first = Fixtures.paymentId("AUD-2");
        String second = Fixtures.paymentId("AUD-3");
        Map<String, Object> refused = payment(Fixtures.paymentId("AUD-4"), project, "1.00");
        refused.put("amount", "-5");
        as(treasury).contentType(ContentType.JSON).body(Fixtures.bytes(List.of(payment(first, project, "20.00"),
                        refused, payment(second, project, "30.50"))))
                .post("/api/payments").then().statusCode(207).body("accepted", is(2));
        // nothing applied, nothing held, no conflict: a request that changed nothing leaves no record
        as(treasury).contentType(ContentType.JSON).body(Fixtures.bytes(refused)).post("/api/payments").then()
                .statusCode(422);

        List<Map<String, Object>> posted = records("actor=treasury-audit&action=payment.post");
        assertEquals(2, posted.size(), posted.toString());
        Map<String, Object> one = only(posted, "payment.post", single);
        assertEquals("treasury-audit", one.get("actorName"));
        assertEquals(List.of("treasury"), one.get("actorRoles"));
        assertEquals(AGENCY, one.get("agencyCode"));
        assertEquals("done", one.get("result"));
        assertEquals("audit-test/1.0", one.get("userAgent"));
        assertTrue(((String) one.get("clientAddress")).length() > 0);
        assertTrue(((String) one.get("summary")).contains("1 records, applied 1 (amount 100.00 yuan)"),
                (String) one.get("summary"));
        Map<String, Object> batch = only(posted, "payment.post", first + " .. " + second);
        assertTrue(((String) batch.get("summary")).contains("3 records, applied 2 (amount 50.50 yuan), held 0, "
                + "duplicate 0, refused 1"), (String) batch.get("summary"));
        // the record commits with the ledger write, in the same transaction
        assertEquals(xmin("SELECT xmin::text FROM ledger_entry WHERE entry_id = $1", single),
                xmin("SELECT xmin::text FROM audit_record WHERE action = 'payment.post' AND target = $1", single));

        // an indicator report, recorded once (the idempotent replay changes nothing)
        String planner = TestTokens.user("planner-" + AGENCY).roles("planner").agencies(AGENCY).sign();
        String reportId = Fixtures.paymentId("AUD-R");
        as(planner).contentType(ContentType.JSON).body(Fixtures.bytes(report(reportId, project)))
                .post("/api/indicator-reports").then().statusCode(201);
        as(planner).contentType(ContentType.JSON).body(Fixtures.bytes(report(reportId, project)))
                .post("/api/indicator-reports").then().statusCode(200);
        Map<String, Object> reported = only(records("action=indicator-report.submit&agency=" + AGENCY),
                "indicator-report.submit", reportId);
        assertEquals("planner-" + AGENCY, reported.get("actorName"));
        assertEquals(List.of(AGENCY), reported.get("actorAgencies"));
        assertTrue(((String) reported.get("summary")).contains("项目 " + project + " 指标 #1")
                && ((String) reported.get("summary")).contains("1200 份"), (String) reported.get("summary"));
        assertEquals(xmin("SELECT xmin::text FROM indicator_report WHERE report_id = $1", reportId),
                xmin("SELECT xmin::text FROM audit_record WHERE action = 'indicator-report.submit' AND target = $1",
                        reportId));

        // pause and resume, by an administrator
        String admin = TestTokens.user("admin-audit").roles("admin").sign();
        as(admin).post("/api/admin/payments-consumer/pause").then().statusCode(200).body("pauseRequested", is(true));
        as(admin).post("/api/admin/payments-consumer/resume").then().statusCode(200).body("pauseRequested", is(false));
        List<Map<String, Object>> operated = records("actor=admin-audit");
        assertEquals(List.of("payments-consumer.resume", "payments-consumer.pause"),
                operated.stream().map(r -> r.get("action")).toList(), "newest first");
        assertNull(operated.get(0).get("agencyCode"));

        // an auditor of the agency reads its records; one of another agency does not; a planner may not read
        List<Map<String, Object>> own = as(TestTokens.user("auditor-" + AGENCY).roles("auditor").agencies(AGENCY)
                .sign()).get("/api/audit?limit=1000").then().statusCode(200).extract().jsonPath().getList("records");
        assertTrue(own.stream().anyMatch(r -> single.equals(r.get("target"))), own.toString());
        assertTrue(own.stream().allMatch(r -> AGENCY.equals(r.get("agencyCode"))), own.toString());
        List<Map<String, Object>> foreign = as(TestTokens.user("auditor-" + OTHER).roles("auditor").agencies(OTHER)
                .sign()).get("/api/audit?limit=1000").then().statusCode(200).extract().jsonPath().getList("records");
        assertTrue(foreign.stream().noneMatch(r -> AGENCY.equals(r.get("agencyCode"))), foreign.toString());
        as(planner).get("/api/audit").then().statusCode(403);

        // append-only
        assertThrows(RuntimeException.class, () -> pool.query("UPDATE audit_record SET summary = 'x'").execute()
                .await().atMost(WAIT));
    }

    @Test
    void refusalsAreRecordedWithTheActorAndTheReason() {
        String project = Fixtures.projectCode();
        Fixtures.publish(Fixtures.project(project, 1, "50000.00", "50000.00", "0.00", AGENCY, "审计测试单位本级"));
        // the catalog knows the project once a payment on it is applied
        as(TestTokens.user("treasury").roles("treasury").sign()).contentType(ContentType.JSON)
                .body(Fixtures.bytes(payment(Fixtures.paymentId("AUD-R0"), project, "1.00"))).post("/api/payments")
                .then().statusCode(202).body("status", is("APPLIED"));

        String manager = TestTokens.user("manager-refused").roles("manager").agencies(AGENCY).sign();
        as(manager).contentType(ContentType.JSON).body(Fixtures.bytes(payment(Fixtures.paymentId("AUD-R1"), project,
                "1.00"))).post("/api/payments").then().statusCode(403).body("code", is("forbidden"));
        String foreignPlanner = TestTokens.user("planner-refused").roles("planner").agencies(OTHER).sign();
        as(foreignPlanner).contentType(ContentType.JSON).body(Fixtures.bytes(report(Fixtures.paymentId("AUD-R2"),
                project))).post("/api/indicator-reports").then().statusCode(422).body("code", is("unknown-project"));
        as(foreignPlanner).get("/api/projects/" + project + "/ledger").then().statusCode(404);

        List<Map<String, Object>> byManager = records("actor=manager-refused");
        assertEquals(1, byManager.size(), byManager.toString());
        assertEquals("refused", byManager.get(0).get("result"));
        assertEquals("POST /api/payments", byManager.get(0).get("action"));
        assertTrue(((String) byManager.get(0).get("summary")).contains("roles"), byManager.toString());

        List<Map<String, Object>> byPlanner = records("actor=planner-refused");
        assertEquals(List.of("GET /api/projects/" + project + "/ledger", "POST /api/indicator-reports"),
                byPlanner.stream().map(r -> r.get("action")).toList(), "newest first");
        assertTrue(byPlanner.stream().allMatch(r -> "refused".equals(r.get("result"))
                && ((String) r.get("summary")).equals("project " + project
                + " belongs to an agency not among the caller's")), byPlanner.toString());
        assertEquals(List.of(OTHER), byPlanner.get(0).get("actorAgencies"));
        // nothing was stored for the refused report
        assertEquals(0L, pool.preparedQuery("SELECT count(*) FROM indicator_report WHERE reporter = $1 AND "
                        + "project_code = $2 AND report_id LIKE 'AUD-R2%'").execute(Tuple.of("财务科", project))
                .await().atMost(WAIT).iterator().next().getLong(0));
    }
}
