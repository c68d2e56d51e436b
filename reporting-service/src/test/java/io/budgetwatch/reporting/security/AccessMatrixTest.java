package io.budgetwatch.reporting.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetwatch.testsupport.AccessMatrix;
import io.budgetwatch.testsupport.AccessMatrix.Rule;
import io.budgetwatch.testsupport.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every endpoint × every role × own and other agency, from the OpenAPI document (a new endpoint without a
 * rule fails here). Own agency 990701 and other agency 990702, each with an overspent project and its alert;
 * no answer to a caller of 990701 may carry 990702's code, name, project code or project name. The matrix's
 * tokens all name the own agency, so the event conflicts (only for callers who see every agency) are refused
 * to all of them there and tested with unbound tokens below.
 */
@QuarkusTest
class AccessMatrixTest {

    static final String OWN = "990701";
    static final String OTHER = "990702";
    static final String OWN_CODE = "130303219970100000001";
    static final String OTHER_CODE = "130303219970200000001";
    /** A second project of the own agency: its alert is the bulk acknowledgement's (the single one takes the first). */
    static final String OWN_BULK_CODE = "130303219970100000002";
    static final String OTHER_AGENCY_NAME = "乙预算单位";
    static final String OTHER_PROJECT_NAME = "乙单位保密项目";
    static final String[] READERS = {"planner", "manager", "supervisor", "auditor"};
    static final String JSON = "application/json";

    @TestHTTPResource("/")
    URI base;

    @Inject
    ObjectMapper mapper;

    private static byte[] acknowledgement(String comment) {
        return ("{\"by\":\"张会计\",\"comment\":\"" + comment + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bulkAcknowledgement(String alert, String comment) {
        return ("{\"ids\":[\"" + alert + "\"],\"by\":\"张会计\",\"comment\":\"" + comment + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] explanation(String id, String measures) {
        return ("{\"explanationId\":\"" + id + "\",\"monitoringDate\":\"2021-06-30\","
                + "\"causes\":{\"FUNDING\":\"资金拨付滞后\"},\"likelihood\":\"POSSIBLE\","
                + "\"expectedFullYear\":{\"amount\":\"900.00\"},\"correctiveMeasures\":\"" + measures + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyEndpointAnswersEachRoleAndAgencyExactly() throws Exception {
        String ownAlert = SecuritySeed.project(mapper, OWN, "甲预算单位", OWN_CODE, "甲单位项目");
        String otherAlert = SecuritySeed.project(mapper, OTHER, OTHER_AGENCY_NAME, OTHER_CODE, OTHER_PROJECT_NAME);
        String ownBulkAlert = SecuritySeed.project(mapper, OWN, "甲预算单位", OWN_BULK_CODE, "甲单位项目二");
        // the explanation the matrix reads, whichever operation it calls first (its POST is then a retry: 200)
        int recorded = RestAssured.given().noFilters().header("Authorization", "Bearer "
                        + TestTokens.user("planner-" + OWN).roles("planner").agencies(OWN).sign())
                .contentType(JSON).body(explanation("matrix-own-1", "加快支付"))
                .post("/api/projects/" + OWN_CODE + "/deviation-explanations").statusCode();
        assertTrue(recorded == 201 || recorded == 200, "explanation recorded: " + recorded);

        int requests = AccessMatrix.against(base, OWN)
                .otherAgencyMarkers(OTHER, OTHER_CODE, OTHER_AGENCY_NAME, OTHER_PROJECT_NAME)
                .rule("GET /api/agencies", Rule.roles(READERS))
                .rule("GET /api/alerts", Rule.roles(READERS).other(Map.of("agency", OTHER), 403))
                .rule("GET /api/alerts/{id}", Rule.roles(READERS)
                        .own(Map.of("id", ownAlert)).other(Map.of("id", otherAlert), 404))
                .rule("POST /api/alerts/{id}/acknowledgement", Rule.roles("manager")
                        .body(JSON, acknowledgement("已暂停支付"), acknowledgement("越权确认"))
                        .own(Map.of("id", ownAlert)).other(Map.of("id", otherAlert), 404))
                // bulk: the other agency's alert is answered UNKNOWN_ALERT (200), as one that does not exist
                .rule("POST /api/alerts/acknowledgements", Rule.roles("manager")
                        .body(JSON, bulkAcknowledgement(ownBulkAlert, "批量确认"), bulkAcknowledgement(otherAlert, "越权批量确认"))
                        .own(Map.of()).other(Map.of(), 200))
                .rule("POST /api/alerts/evaluate", Rule.roles("admin").own(Map.of("asOf", "2021-06-30")))
                // every token of the matrix is bound to the own agency: refused even to these roles (see below)
                .rule("GET /api/event-conflicts", Rule.roles("supervisor", "auditor", "admin").ok(403))
                .rule("GET /api/projects/{code}", Rule.roles(READERS)
                        .own(Map.of("code", OWN_CODE)).other(Map.of("code", OTHER_CODE), 404))
                .rule("GET /api/projects/{code}/indicators", Rule.roles(READERS)
                        .own(Map.of("code", OWN_CODE)).other(Map.of("code", OTHER_CODE), 404))
                // read from execution-service with the caller's token: ExecutionStub stands in for it and judges
                // by the token it was sent (own agency 200, the other's 404 relayed); other roles 403 and no token
                // 401 here, before anything is asked
                .rule("GET /api/projects/{code}/ledger", Rule.roles(READERS)
                        .own(Map.of("code", OWN_CODE)).other(Map.of("code", OTHER_CODE), 404))
                .rule("GET /api/projects/{code}/progress", Rule.roles(READERS)
                        .own(Map.of("code", OWN_CODE)).other(Map.of("code", OTHER_CODE), 404))
                .rule("GET /api/projects/{code}/self-evaluation", Rule.roles(READERS)
                        .own(Map.of("code", OWN_CODE, "year", "2021"))
                        .other(Map.of("code", OTHER_CODE, "year", "2020"), 404))
                // the agency omitted: the caller's only one
                .rule("GET /api/progress", Rule.roles(READERS)
                        .own(Map.of("year", "2021")).other(Map.of("agency", OTHER, "year", "2021"), 403))
                // the agency overview: the walls of GET /api/progress
                .rule("GET /api/overview", Rule.roles(READERS)
                        .own(Map.of("year", "2021")).other(Map.of("agency", OTHER, "year", "2021"), 403))
                // every agency of the caller's scope: here only the own one
                .rule("GET /api/bureau", Rule.roles(READERS).own(Map.of("year", "2021")))
                // the downloads: the same walls as the answers they lay out
                .rule("GET /api/exports/progress.csv", Rule.roles(READERS)
                        .own(Map.of("year", "2021")).other(Map.of("agency", OTHER, "year", "2021"), 403))
                .rule("GET /api/exports/monitoring.xlsx", Rule.roles(READERS)
                        .own(Map.of("year", "2021")).other(Map.of("agency", OTHER, "year", "2021"), 403))
                .rule("GET /api/exports/self-evaluation.xlsx", Rule.roles(READERS)
                        .own(Map.of("project", OWN_CODE, "year", "2021"))
                        .other(Map.of("project", OTHER_CODE, "year", "2021"), 404))
                // recorded by planners of the project's agency: 201 the first time, 200 for the same again
                .rule("POST /api/projects/{code}/deviation-explanations", Rule.roles("planner")
                        .body(JSON, explanation("matrix-own-1", "加快支付"), explanation("matrix-other-1", "越权说明"))
                        .own(Map.of("code", OWN_CODE)).other(Map.of("code", OTHER_CODE), 404).ok(201, 200))
                .rule("GET /api/projects/{code}/deviation-explanations", Rule.roles(READERS)
                        .own(Map.of("code", OWN_CODE)).other(Map.of("code", OTHER_CODE), 404))
                .rule("GET /api/projects/{code}/deviation-explanations/{explanationId}", Rule.roles(READERS)
                        .own(Map.of("code", OWN_CODE, "explanationId", "matrix-own-1"))
                        .other(Map.of("code", OTHER_CODE, "explanationId", "matrix-own-1"), 404))
                .rule("POST /api/admin/read-model/rebuild", Rule.roles("admin"))
                // an endless event stream: the matrix reads its first message (a ping), then hangs up
                .rule("GET /api/live", Rule.roles(READERS))
                // who is signed in: any role, about the caller alone
                .rule("GET /api/me", Rule.roles("treasury", "planner", "manager", "supervisor", "auditor", "admin"))
                .auditTrail(OTHER)
                .run();
        assertTrue(requests > 12 * 8, "requests sent: " + requests);
    }

    /**
     * The matrix's callers have one agency, which an omitted {@code agency} means; a caller of several sees the
     * lists of all of them and nothing else, and must name the agency of a per-agency report.
     */
    @Test
    void aCallerOfSeveralAgenciesListsTheirsOnly() throws Exception {
        String ownAlert = SecuritySeed.project(mapper, OWN, "甲预算单位", OWN_CODE, "甲单位项目");
        SecuritySeed.project(mapper, OTHER, OTHER_AGENCY_NAME, OTHER_CODE, OTHER_PROJECT_NAME);
        String several = TestTokens.user("supervisor-several").roles("supervisor").agencies(OWN, "990703").sign();
        String alerts = RestAssured.given().noFilters().header("Authorization", "Bearer " + several)
                .get("/api/alerts").then().statusCode(200).extract().asString();
        assertTrue(alerts.contains(ownAlert) && !alerts.contains(OTHER_CODE) && !alerts.contains(OTHER), alerts);
        String filtered = RestAssured.given().noFilters().header("Authorization", "Bearer " + several)
                .get("/api/alerts?project=" + OTHER_CODE).then().statusCode(200).extract().asString();
        assertEquals("[]", filtered);
        String agencies = RestAssured.given().noFilters().header("Authorization", "Bearer " + several)
                .get("/api/agencies").then().statusCode(200).extract().asString();
        assertTrue(agencies.contains(OWN) && !agencies.contains(OTHER), agencies);
        RestAssured.given().noFilters().header("Authorization", "Bearer " + several).get("/api/progress?year=2021")
                .then().statusCode(400).body("field", equalTo("agency"));
        RestAssured.given().noFilters().header("Authorization", "Bearer " + several)
                .get("/api/progress?year=2021&agency=" + OWN).then().statusCode(200).body("agencyCode", equalTo(OWN));
        // an agency list that is empty sees nothing
        String none = TestTokens.user("supervisor-none").roles("supervisor").agencies().sign();
        RestAssured.given().noFilters().header("Authorization", "Bearer " + none).get("/api/alerts").then()
                .statusCode(200).body("size()", equalTo(0));
        // a supervisor without agency_codes sees every agency
        String all = TestTokens.user("supervisor-all").roles("supervisor").sign();
        String everything = RestAssured.given().noFilters().header("Authorization", "Bearer " + all)
                .get("/api/alerts?year=2021").then().statusCode(200).extract().asString();
        assertTrue(everything.contains(OWN_CODE) && everything.contains(OTHER_CODE), everything);
    }

    /**
     * The matrix reads an xlsx answer as text, and a workbook is zipped: here the own workbook is opened and its
     * cells read, and the refusal of the other agency's is read as the problem it is.
     */
    @Test
    void theExportsCarryNothingOfTheOtherAgency() throws Exception {
        SecuritySeed.project(mapper, OWN, "甲预算单位", OWN_CODE, "甲单位项目");
        SecuritySeed.project(mapper, OTHER, OTHER_AGENCY_NAME, OTHER_CODE, OTHER_PROJECT_NAME);
        String[] markers = {OTHER, OTHER_CODE, OTHER_AGENCY_NAME, OTHER_PROJECT_NAME};
        for (String role : READERS) {
            String token = TestTokens.user(role + "-" + OWN).roles(role).agencies(OWN).sign();
            byte[] workbook = RestAssured.given().noFilters().header("Authorization", "Bearer " + token)
                    .get("/api/exports/self-evaluation.xlsx?project=" + OWN_CODE + "&year=2021").then()
                    .statusCode(200).extract().asByteArray();
            StringBuilder cells = new StringBuilder();
            try (org.apache.poi.xssf.usermodel.XSSFWorkbook book =
                         new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(workbook))) {
                book.getSheetAt(0).forEach(row -> row.forEach(cell -> cells.append(cell).append('|')));
            }
            assertTrue(cells.toString().contains("甲单位项目") && cells.toString().contains("甲预算单位"), cells.toString());
            String refusal = RestAssured.given().noFilters().header("Authorization", "Bearer " + token)
                    .get("/api/exports/self-evaluation.xlsx?project=" + OTHER_CODE + "&year=2021").then()
                    .statusCode(404).contentType(org.hamcrest.Matchers.containsString("application/problem+json"))
                    .body("code", equalTo("unknown-project")).extract().asString();
            // the agency's workbook (a sheet per project): the own one holds only its projects, the other is 403
            byte[] agencyBook = RestAssured.given().noFilters().header("Authorization", "Bearer " + token)
                    .get("/api/exports/self-evaluation.xlsx?agency=" + OWN + "&year=2021").then()
                    .statusCode(200).extract().asByteArray();
            try (org.apache.poi.xssf.usermodel.XSSFWorkbook book =
                         new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(agencyBook))) {
                assertEquals(OWN_CODE, book.getSheetName(0));
                book.forEach(sheet -> sheet.forEach(row -> row.forEach(cell -> cells.append(cell).append('|'))));
            }
            String agencyRefusal = RestAssured.given().noFilters().header("Authorization", "Bearer " + token)
                    .get("/api/exports/self-evaluation.xlsx?agency=" + OTHER + "&year=2021").then()
                    .statusCode(403).body("code", equalTo("agency-forbidden")).extract().asString();
            assertTrue(!agencyRefusal.contains(OTHER_CODE) && !agencyRefusal.contains(OTHER_PROJECT_NAME),
                    agencyRefusal);
            String csv = RestAssured.given().noFilters().header("Authorization", "Bearer " + token)
                    .get("/api/exports/progress.csv?year=2021").then().statusCode(200).extract().asString();
            assertTrue(csv.contains(OWN_CODE), csv);
            for (String marker : markers) {
                assertTrue(!cells.toString().contains(marker), role + ": workbook holds " + marker);
                assertTrue(!csv.contains(marker), role + ": CSV holds " + marker);
                assertTrue(marker.equals(OTHER_CODE) || !refusal.contains(marker), role + ": refusal holds " + marker);
            }
        }
    }

    @Test
    void eventConflictsAreForCallersWhoSeeEveryAgency() {
        for (String role : new String[] {"supervisor", "auditor", "admin"}) {
            String unbound = TestTokens.user(role + "-all").roles(role).sign();
            RestAssured.given().noFilters().header("Authorization", "Bearer " + unbound).get("/api/event-conflicts")
                    .then().statusCode(200);
            String bound = TestTokens.user(role + "-" + OWN).roles(role).agencies(OWN).sign();
            RestAssured.given().noFilters().header("Authorization", "Bearer " + bound).get("/api/event-conflicts")
                    .then().statusCode(403).contentType(org.hamcrest.Matchers.containsString("application/problem+json"))
                    .body("code", equalTo("forbidden"));
        }
        // a manager is no reader of the pipelines
        String plainManager = TestTokens.user("manager-" + OWN).roles("manager").agencies(OWN).sign();
        RestAssured.given().noFilters().header("Authorization", "Bearer " + plainManager).get("/api/event-conflicts")
                .then().statusCode(403);
    }
}
