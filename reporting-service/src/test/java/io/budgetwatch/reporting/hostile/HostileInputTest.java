package io.budgetwatch.reporting.hostile;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.events.Topics;
import io.budgetwatch.reporting.LedgerPositions;
import io.budgetwatch.testsupport.DatabaseFingerprint;
import io.budgetwatch.testsupport.HostileRequests;
import io.budgetwatch.testsupport.KafkaTestClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile path, query and body values against reporting-service: never a 5xx, always a problem naming what
 * was refused, nothing stored. Among them the NUL values that used to reach PostgreSQL and answer 500.
 */
@QuarkusTest
class HostileInputTest {

    static final String AGENCY = "990900";
    static final String CODE = "130303219990000000001";
    static final String ALERT = CODE + ":OVERSPEND:v1";

    @TestHTTPResource("/")
    URI base;

    @Inject
    ObjectMapper mapper;

    /** A project of its own, overspent at once: a project, its amounts and an alert to aim at. */
    @BeforeEach
    void seed() throws Exception {
        if (given().get("/api/alerts/" + ALERT).statusCode() == 200) {
            return;
        }
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            ProjectSnapshot snapshot = new ProjectSnapshot(1, CODE + ":v1", Instant.parse("2021-01-10T00:00:00Z"), CODE,
                    1, 2021, AGENCY, "恶意输入测试单位", "恶意输入测试项目",
                    new ProjectSnapshot.Budget(new BigDecimal("100.00"), new BigDecimal("100.00"),
                            BigDecimal.ZERO.setScale(2)), "用途", List.of("目标"),
                    List.of(new ProjectSnapshot.PlanPoint(LocalDate.of(2021, 12, 31), new BigDecimal("100.00"))),
                    List.of(), List.of(), null);
            kafka.send(Topics.PROJECTS, CODE, mapper.writeValueAsString(snapshot));
            kafka.send(Topics.PROJECT_TOTALS, CODE, mapper.writeValueAsString(LedgerPositions.single("hostile-1",
                    AGENCY, CODE, "101.00", "FISCAL", "2021-06-01", Instant.parse("2021-06-01T00:00:00Z"))));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/alerts/" + ALERT).then().statusCode(200));
    }

    @Test
    void noHostileParameterOrBodyIsA5xxNorChangesStoredData() {
        Map<String, String> before = fingerprint();

        HostileRequests.Report report = HostileRequests.against(base)
                .knownValues(Map.of("code", CODE, "id", ALERT, "agency", AGENCY, "year", "2021", "project", CODE,
                        "topic", Topics.PROJECTS, "eventId", CODE + ":v1"))
                .run();

        assertEquals(before, fingerprint(), "hostile requests changed stored data");
        for (String operation : new String[] {"GET /api/alerts/{id}", "GET /api/event-conflicts",
                "GET /api/projects/{code}/self-evaluation", "POST /api/alerts/{id}/acknowledgement",
                "POST /api/alerts/evaluate", "GET /api/progress"}) {
            assertTrue(report.requests().getOrDefault(operation, 0) > 50, operation + " walked: " + report.requests());
        }
        assertTrue(report.skipped().containsKey("POST /api/admin/read-model/rebuild"), "nothing hostile to send to it");
    }

    @Test
    void nulInAnAlertIdIsAnUnknownAlertNamingTheParameter() {
        given().urlEncodingEnabled(false).get("/api/alerts/%00").then().statusCode(404)
                .contentType(containsString("application/problem+json"))
                .body("code", equalTo("invalid-character")).body("field", equalTo("id"));
        given().urlEncodingEnabled(false).header("Accept-Language", "en").get("/api/alerts/" + CODE + "%00").then()
                .statusCode(404).body("field", equalTo("id")).body("detail", containsString("NUL"));
    }

    @Test
    void nulInAnEventConflictFilterIsABadRequestNamingTheParameter() {
        given().urlEncodingEnabled(false).get("/api/event-conflicts?eventId=%00").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("code", equalTo("invalid-character")).body("field", equalTo("eventId"));
        given().urlEncodingEnabled(false).get("/api/event-conflicts?topic=%00&eventId=x").then().statusCode(400)
                .body("code", equalTo("invalid-character")).body("field", equalTo("topic"));
        given().urlEncodingEnabled(false).get("/api/event-conflicts?topic=goals.projects%20x").then().statusCode(400)
                .body("code", equalTo("invalid-topic")).body("field", equalTo("topic"));
        given().get("/api/event-conflicts?topic=goals.projects&eventId=" + CODE + ":v1").then().statusCode(200);
    }

    @Test
    void nulInTheSelfEvaluationYearIsABadRequestNamingTheParameter() {
        given().urlEncodingEnabled(false).get("/api/projects/" + CODE + "/self-evaluation?year=%00").then()
                .statusCode(400).contentType(containsString("application/problem+json"))
                .body("code", equalTo("invalid-character")).body("field", equalTo("year"));
        given().urlEncodingEnabled(false).get("/api/projects/" + CODE + "/self-evaluation?year=2021%00").then()
                .statusCode(400).body("field", equalTo("year"));
        given().get("/api/projects/" + CODE + "/self-evaluation?year=2021").then().statusCode(200)
                .body("projectCode", equalTo(CODE));
    }

    @Test
    void anAcknowledgementHoldingNulIsRefusedNamingTheField() {
        given().contentType(ContentType.JSON).body("{\"by\":\"张\\u0000会计\",\"comment\":\"已处理\"}")
                .post("/api/alerts/" + ALERT + "/acknowledgement").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("code", equalTo("invalid-character")).body("field", equalTo("by"));
        given().contentType(ContentType.JSON).body("{\"by\":\"张会计\",\"comment\":\"\\udc00\"}")
                .post("/api/alerts/" + ALERT + "/acknowledgement").then().statusCode(400)
                .body("code", equalTo("invalid-encoding")).body("field", equalTo("comment"));
        given().get("/api/alerts/" + ALERT).then().statusCode(200).body("acknowledgement", equalTo(null));
    }

    private static Map<String, String> fingerprint() {
        var config = ConfigProvider.getConfig();
        return DatabaseFingerprint.settled(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class), Duration.ofSeconds(60));
    }
}
