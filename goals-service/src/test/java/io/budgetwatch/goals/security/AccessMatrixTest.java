package io.budgetwatch.goals.security;

import io.budgetwatch.goals.support.SeedVariants;
import io.budgetwatch.testsupport.AccessMatrix;
import io.budgetwatch.testsupport.AccessMatrix.Rule;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every endpoint × every role × own and other agency, from the OpenAPI document (a new endpoint without
 * a rule fails here). Own agency 990201 and other agency 990202, each with the seed under its own
 * project codes; no answer to a caller of 990201 may carry 990202's code or project codes.
 */
@QuarkusTest
class AccessMatrixTest {

    static final String OWN = "990201";
    static final String OTHER = "990202";
    static final String TEXT = "text/plain; charset=utf-8";
    static final String[] READERS = {"planner", "manager", "supervisor", "auditor"};

    @TestHTTPResource("/")
    URI base;

    private String importSeed(String agency, char tag) {
        return given().contentType(TEXT).body(SeedVariants.seedFor(agency, tag).toText()).post("/api/goal-documents")
                .then().statusCode(org.hamcrest.Matchers.either(org.hamcrest.Matchers.is(201))
                        .or(org.hamcrest.Matchers.is(200)))
                .extract().jsonPath().getString("documentId");
    }

    private static String adjustment(String total) {
        return "{\"total\":\"" + total + "\",\"fiscal\":\"" + total + "\",\"other\":\"0\",\"reason\":\"年中追加\","
                + "\"effectiveOn\":\"2021-06-30\",\"adjustedBy\":\"财务科\"}";
    }

    @Test
    void everyEndpointAnswersEachRoleAndAgencyExactly() {
        String ownDocument = importSeed(OWN, 'P');
        String otherDocument = importSeed(OTHER, 'Q');
        List<String> ownCodes = SeedVariants.codes('P');
        List<String> otherCodes = SeedVariants.codes('Q');
        String own = ownCodes.get(0);
        String other = otherCodes.get(0);
        given().contentType("application/json").body(adjustment("4100.00"))
                .post("/api/projects/" + own + "/budget-adjustments").then().statusCode(201);
        given().contentType("application/json").body(adjustment("4100.00"))
                .post("/api/projects/" + other + "/budget-adjustments").then().statusCode(201);

        List<String> markers = new ArrayList<>(otherCodes);
        markers.add(OTHER);
        markers.add(otherDocument);
        int requests = AccessMatrix.against(base, OWN)
                .otherAgencyMarkers(markers.toArray(String[]::new))
                .rule("GET /api/agencies", Rule.roles(READERS))
                .rule("GET /api/department-goals", Rule.roles(READERS)
                        .own(Map.of("year", "2021")).other(Map.of("agency", OTHER, "year", "2021"), 403))
                .rule("GET /api/goal-documents", Rule.roles(READERS).other(Map.of("agency", OTHER), 403))
                .rule("POST /api/goal-documents", Rule.roles("planner").ok(200)
                        .body(TEXT, SeedVariants.seedFor(OWN, 'P').toText(), SeedVariants.seedFor(OTHER, 'Q').toText())
                        .other(Map.of(), 403))
                .rule("GET /api/goal-documents/{id}", Rule.roles(READERS)
                        .own(Map.of("id", ownDocument)).other(Map.of("id", otherDocument), 404))
                .rule("GET /api/goal-documents/{id}/original", Rule.roles(READERS)
                        .own(Map.of("id", ownDocument)).other(Map.of("id", otherDocument), 404))
                .rule("GET /api/projects", Rule.roles(READERS).other(Map.of("agency", OTHER), 403))
                .rule("GET /api/projects/{code}", Rule.roles(READERS)
                        .own(Map.of("code", own)).other(Map.of("code", other), 404))
                .rule("GET /api/projects/{code}/versions", Rule.roles(READERS)
                        .own(Map.of("code", own)).other(Map.of("code", other), 404))
                .rule("GET /api/projects/{code}/versions/{version}", Rule.roles(READERS)
                        .own(Map.of("code", own, "version", "1")).other(Map.of("code", other, "version", "1"), 404))
                .rule("GET /api/projects/{code}/budget-adjustments", Rule.roles(READERS)
                        .own(Map.of("code", own)).other(Map.of("code", other), 404))
                .rule("POST /api/projects/{code}/budget-adjustments", Rule.roles("planner").ok(201)
                        .body("application/json", adjustment("4200.00").getBytes(StandardCharsets.UTF_8),
                                adjustment("4300.00").getBytes(StandardCharsets.UTF_8))
                        .own(Map.of("code", own)).other(Map.of("code", other), 404))
                .rule("GET /api/projects/{code}/budget-adjustments/{seq}", Rule.roles(READERS)
                        .own(Map.of("code", own, "seq", "1")).other(Map.of("code", other, "seq", "1"), 404))
                .auditTrail(OTHER)
                .exempt("/test/", "test-only probes of the hostile-input test, outside /api")
                .run();
        assertTrue(requests > 13 * 8, "requests sent: " + requests);
    }
}
