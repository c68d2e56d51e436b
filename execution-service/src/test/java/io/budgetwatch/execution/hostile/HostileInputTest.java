package io.budgetwatch.execution.hostile;

import io.budgetwatch.execution.support.Fixtures;
import io.budgetwatch.testsupport.DatabaseFingerprint;
import io.budgetwatch.testsupport.HostileRequests;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile path, query and body values against execution-service: never a 5xx, always a problem naming what
 * was refused, nothing stored. Among them the NUL payment id that used to reach PostgreSQL and answer 500.
 */
@QuarkusTest
class HostileInputTest {

    private static String project;
    private static String payment;

    @TestHTTPResource("/")
    URI base;

    /** A project of its own with one applied payment: a ledger and a payment record to aim at. */
    @BeforeEach
    void seed() {
        if (project != null) {
            return;
        }
        project = Fixtures.publishProject("5000.00");
        payment = Fixtures.paymentId("HOSTILE");
        given().contentType(ContentType.JSON).body(Fixtures.bytes(Fixtures.payment(payment, project, "12.34", "FISCAL")))
                .post("/api/payments").then().statusCode(202).body("status", is("APPLIED"));
    }

    @Test
    void noHostileParameterOrBodyIsA5xxNorChangesStoredData() {
        Map<String, String> before = fingerprint();

        HostileRequests.Report report = HostileRequests.against(base)
                .knownValues(Map.of("code", project, "paymentId", payment, "projectCode", project))
                .run();

        assertEquals(before, fingerprint(), "hostile requests changed stored data");
        for (String operation : new String[] {"GET /api/payments/{paymentId}", "GET /api/payment-conflicts",
                "GET /api/projects/{code}/ledger", "POST /api/indicator-reports",
                "GET /api/projects/{code}/indicator-reports", "POST /api/payments"}) {
            assertTrue(report.requests().getOrDefault(operation, 0) > 50, operation + " walked: " + report.requests());
        }
        assertTrue(report.skipped().containsKey("POST /api/admin/payments-consumer/pause"), "nothing hostile to send");
    }

    @Test
    void nulInAPaymentIdIsAnUnknownPaymentNamingTheParameter() {
        given().urlEncodingEnabled(false).get("/api/payments/%00").then().statusCode(404)
                .contentType(containsString("application/problem+json"))
                .body("code", equalTo("invalid-character")).body("field", equalTo("paymentId"));
        given().urlEncodingEnabled(false).header("Accept-Language", "en").get("/api/payments/" + payment + "%00")
                .then().statusCode(404).body("field", equalTo("paymentId")).body("detail", containsString("NUL"));
        given().urlEncodingEnabled(false).get("/api/payments/a%20b").then().statusCode(404)
                .body("code", equalTo("invalid-payment-id")).body("field", equalTo("paymentId"));
        given().get("/api/payments/" + payment).then().statusCode(200).body("status", is("APPLIED"));
    }

    @Test
    void valuesTheFrameworkWouldFailToConvertAreBadRequestsNamingTheParameter() {
        // JAX-RS answers an unconvertible query value with an anonymous 404: here a 400 naming it
        given().get("/api/payment-conflicts?limit=abc").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("code", equalTo("invalid-integer")).body("field", equalTo("limit"));
        given().get("/api/projects/" + project + "/ledger?afterSeq=1e3").then().statusCode(400)
                .body("code", equalTo("invalid-integer")).body("field", equalTo("afterSeq"));
        given().get("/api/projects/" + project + "/ledger?limit=").then().statusCode(400).body("field", equalTo("limit"));
        given().get("/api/projects/" + project + "/indicator-reports?indicatorSeq=99999999999").then().statusCode(400)
                .body("field", equalTo("indicatorSeq"));
        given().get("/api/payment-conflicts?projectCode=" + project + "&limit=5").then().statusCode(200);
    }

    @Test
    void anIndicatorReportHoldingNulIsRefusedNamingTheField() {
        given().contentType(ContentType.JSON)
                .body("{\"projectCode\":\"" + project + "\",\"indicatorSeq\":\"1\",\"value\":\"1200\",\"unit\":\"份\","
                        + "\"reportedOn\":\"2021-06-30\",\"reporter\":\"王\",\"note\":\"x\\u0000\"}")
                .post("/api/indicator-reports").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("code", equalTo("invalid-character")).body("field", equalTo("note"));
        given().get("/api/projects/" + project + "/indicator-reports").then().statusCode(200).body("size()", is(0));
    }

    private static Map<String, String> fingerprint() {
        var config = ConfigProvider.getConfig();
        return DatabaseFingerprint.settled(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class), Duration.ofSeconds(60));
    }
}
