package io.budgetwatch.execution.security;

import io.budgetwatch.execution.support.Fixtures;
import io.budgetwatch.testsupport.AccessMatrix;
import io.budgetwatch.testsupport.AccessMatrix.Rule;
import io.budgetwatch.testsupport.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every endpoint × every role × own and other agency, from the OpenAPI document (a new endpoint without
 * a rule fails here). Own agency 990401 and other agency 990402, each with a project, an applied payment,
 * a payment conflict and an indicator report; no answer to a caller of 990401 may carry 990402's code,
 * name, project code, payment id or report id.
 */
@QuarkusTest
class AccessMatrixTest {

    static final String OWN = "990401";
    static final String OTHER = "990402";
    static final String OTHER_NAME = "矩阵测试另一单位本级";
    static final String JSON = "application/json";
    static final String[] READERS = {"planner", "manager", "supervisor", "auditor"};

    @TestHTTPResource("/")
    URI base;

    private static String project(String agency, String agencyName) {
        String code = Fixtures.projectCode();
        Fixtures.publish(Fixtures.project(code, 1, "50000.00", "50000.00", "0.00", agency, agencyName));
        return code;
    }

    private static Map<String, Object> payment(String id, String project, String agency, String amount) {
        Map<String, Object> p = Fixtures.payment(id, project, amount, "FISCAL");
        p.put("agencyCode", agency);
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

    /** A project, an applied payment, a conflict under its id and an indicator report, of {@code agency}. */
    private static void seed(String project, String agency, String paymentId, String reportId) {
        given().contentType(ContentType.JSON).body(Fixtures.bytes(payment(paymentId, project, agency, "100.00")))
                .post("/api/payments").then().statusCode(202).body("status", is("APPLIED"));
        given().contentType(ContentType.JSON).body(Fixtures.bytes(payment(paymentId, project, agency, "999.00")))
                .post("/api/payments").then().statusCode(409);
        given().contentType(ContentType.JSON).body(Fixtures.bytes(report(reportId, project)))
                .post("/api/indicator-reports").then().statusCode(201);
    }

    /** A paid treasury voucher of {@code agency} on {@code project}. */
    private static Map<String, Object> voucher(String id, String project, String agency) {
        return io.budgetwatch.execution.voucher.Vouchers.with(io.budgetwatch.execution.voucher.Vouchers.paid(id,
                project, "10.00", "2021-05-12", "2021-05-12 10:00:00"), "AGENCY_CODE", agency);
    }

    @Test
    void everyEndpointAnswersEachRoleAndAgencyExactly() {
        String own = project(OWN, "矩阵测试本单位本级");
        String other = project(OTHER, OTHER_NAME);
        String ownPayment = Fixtures.paymentId("ACM-OWN");
        String otherPayment = Fixtures.paymentId("ACM-OTHER");
        String otherReport = Fixtures.paymentId("ACM-REPORT-OTHER");
        seed(own, OWN, ownPayment, Fixtures.paymentId("ACM-REPORT-OWN"));
        seed(other, OTHER, otherPayment, otherReport);

        String ownVoucher = io.budgetwatch.execution.voucher.Vouchers.certId();
        String otherVoucher = io.budgetwatch.execution.voucher.Vouchers.certId();
        given().contentType(ContentType.JSON).body(Fixtures.bytes(voucher(ownVoucher, own, OWN)))
                .post("/api/pay-vouchers").then().statusCode(202).body("status", is("APPLIED"));
        given().contentType(ContentType.JSON).body(Fixtures.bytes(voucher(otherVoucher, other, OTHER)))
                .post("/api/pay-vouchers").then().statusCode(202).body("status", is("APPLIED"));
        byte[] newOwnVoucher = Fixtures.bytes(voucher(io.budgetwatch.execution.voucher.Vouchers.certId(), own, OWN));
        byte[] newOwnPayment = Fixtures.bytes(payment(Fixtures.paymentId("ACM-NEW"), own, OWN, "1.00"));
        byte[] ownReport = Fixtures.bytes(report(Fixtures.paymentId("ACM-PLANNER"), own));
        byte[] otherAgencysReport = Fixtures.bytes(report(Fixtures.paymentId("ACM-PLANNER-OTHER"), other));
        int requests = AccessMatrix.against(base, OWN)
                .otherAgencyMarkers(OTHER, OTHER_NAME, other, otherPayment, otherReport, otherVoucher)
                .rule("POST /api/payments", Rule.roles("treasury").ok(202).body(JSON, newOwnPayment, null))
                .rule("GET /api/payments/{paymentId}", Rule.roles(READERS)
                        .own(Map.of("paymentId", ownPayment)).other(Map.of("paymentId", otherPayment), 404))
                // a filter naming another agency's project answers as one naming an unknown project: an empty list
                .rule("POST /api/pay-vouchers", Rule.roles("treasury").ok(202).body(JSON, newOwnVoucher, null))
                // a voucher is its current state's agency's: another agency's answers as an unknown one
                .rule("GET /api/pay-vouchers/{id}", Rule.roles(READERS)
                        .own(Map.of("id", ownVoucher)).other(Map.of("id", otherVoucher), 404))
                .rule("GET /api/payment-conflicts", Rule.roles("supervisor", "auditor", "admin")
                        .other(Map.of("projectCode", other), 200))
                .rule("GET /api/ingestion-stats", Rule.roles("planner", "manager", "supervisor", "auditor", "admin"))
                .rule("GET /api/admin/payments-consumer", Rule.roles("admin"))
                .rule("POST /api/admin/payments-consumer/pause", Rule.roles("admin")
                        .after(() -> given().post("/api/admin/payments-consumer/resume").then().statusCode(200)))
                .rule("POST /api/admin/payments-consumer/resume", Rule.roles("admin"))
                .rule("GET /api/projects/{code}/ledger", Rule.roles(READERS)
                        .own(Map.of("code", own)).other(Map.of("code", other), 404))
                // the project is named in the body: another agency's answers as an unknown project (422)
                .rule("POST /api/indicator-reports", Rule.roles("planner").ok(201)
                        .body(JSON, ownReport, otherAgencysReport).other(Map.of(), 422))
                .rule("GET /api/projects/{code}/indicator-reports", Rule.roles(READERS)
                        .own(Map.of("code", own)).other(Map.of("code", other), 404))
                .auditTrail(OTHER)
                .run();
        assertTrue(requests > 13 * 7, "requests sent: " + requests);
    }

    private static String token(String role, String agency) {
        return TestTokens.user(role + "-" + agency).roles(role).agencies(agency).sign();
    }

    @Test
    void listsAndAnswersHoldOnlyTheCallersAgencies() {
        String own = project(OWN, "矩阵测试本单位本级");
        String other = project(OTHER, OTHER_NAME);
        String ownPayment = Fixtures.paymentId("ACL-OWN");
        String otherPayment = Fixtures.paymentId("ACL-OTHER");
        seed(own, OWN, ownPayment, Fixtures.paymentId("ACL-REPORT-OWN"));
        seed(other, OTHER, otherPayment, Fixtures.paymentId("ACL-REPORT-OTHER"));

        // conflicts: a supervisor of the own agency sees its own, not the other's; one of every agency sees both
        List<String> scoped = RestAssured.given().noFilters().header("Authorization", "Bearer "
                        + token("supervisor", OWN)).get("/api/payment-conflicts?limit=1000").then().statusCode(200)
                .extract().jsonPath().getList("paymentId", String.class);
        assertTrue(scoped.contains(ownPayment), scoped.toString());
        assertTrue(!scoped.contains(otherPayment), scoped.toString());
        List<String> all = RestAssured.given().noFilters().header("Authorization", "Bearer "
                        + TestTokens.user("supervisor-all").roles("supervisor").sign())
                .get("/api/payment-conflicts?limit=1000").then().statusCode(200)
                .extract().jsonPath().getList("paymentId", String.class);
        assertTrue(all.contains(ownPayment) && all.contains(otherPayment), all.toString());

        // another agency's project and payment answer exactly as unknown ones
        String manager = token("manager", OWN);
        String hidden = RestAssured.given().noFilters().header("Authorization", "Bearer " + manager)
                .get("/api/projects/" + other + "/ledger").then().statusCode(404).extract().asString();
        String unknown = RestAssured.given().noFilters().header("Authorization", "Bearer " + manager)
                .get("/api/projects/" + Fixtures.projectCode() + "/ledger").then().statusCode(404).extract()
                .jsonPath().getString("code");
        assertEquals("project-not-found", unknown);
        assertTrue(hidden.contains("project-not-found"), hidden);
        RestAssured.given().noFilters().header("Authorization", "Bearer " + manager)
                .get("/api/payments/" + otherPayment).then().statusCode(404).body("code", is("payment-not-found"));
        RestAssured.given().noFilters().header("Authorization", "Bearer " + manager)
                .get("/api/payments/" + ownPayment).then().statusCode(200).body("agencyCode", is(OWN));
        RestAssured.given().noFilters().header("Authorization", "Bearer " + manager)
                .get("/api/projects/" + own + "/ledger").then().statusCode(200).body("agencyCode", is(OWN))
                .body("entryCount", is(1));

        // a planner of the other agency cannot report on the own agency's project: as if it did not exist
        String unknownAnswer = RestAssured.given().noFilters().header("Authorization", "Bearer "
                        + token("planner", OTHER)).contentType(ContentType.JSON)
                .body(Fixtures.bytes(report(Fixtures.paymentId("ACL-X"), own))).post("/api/indicator-reports")
                .then().statusCode(422).body("code", is("unknown-project")).extract().jsonPath().getString("field");
        assertEquals("projectCode", unknownAnswer);
    }
}
