package io.budgetwatch.reporting.ledger;

import io.budgetwatch.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;

import static io.budgetwatch.reporting.ledger.ExecutionStub.FAILING_CODE;
import static io.budgetwatch.reporting.ledger.ExecutionStub.HANG_UP_CODE;
import static io.budgetwatch.reporting.ledger.ExecutionStub.LEDGER_CODE;
import static io.budgetwatch.reporting.ledger.ExecutionStub.OTHER_CODE;
import static io.budgetwatch.reporting.ledger.ExecutionStub.RECEIVED;
import static io.budgetwatch.reporting.ledger.ExecutionStub.SLOW_CODE;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/projects/{code}/ledger} of reporting-service against a real HTTP server in execution-service's
 * place ({@link ExecutionStub}): the caller's token goes on unchanged, the answer comes back byte for byte with its
 * status (the stand-in decides from the token it was sent, as execution-service does), and no answer within the
 * timeout (1 s here), a connection ended without an answer, or a 5xx is 503 {@code ledger-unavailable}.
 */
@QuarkusTest
class LedgerProxyTest {

    static final String MANAGER = TestTokens.user("manager-213001").roles("manager").agencies("213001").sign();

    @BeforeEach
    void clear() {
        RECEIVED.clear();
    }

    @Test
    void theCallersTokenGoesOnAndTheLedgerComesBackByteForByte() {
        Response answer = RestAssured.given().noFilters().header("Authorization", "Bearer " + MANAGER)
                .header("Accept-Language", "en")
                .get("/api/projects/" + LEDGER_CODE + "/ledger?afterSeq=0&limit=3");
        assertEquals(200, answer.statusCode(), answer.asString());
        assertTrue(answer.contentType().startsWith("application/json"), answer.contentType());
        assertArrayEquals(ExecutionStub.LEDGER_PAGE, answer.asByteArray(), "relayed byte for byte");
        assertTrue(answer.asString().contains("中国人民财产保险股份有限公司秦皇岛分公司") && answer.asString().contains("𠀀测试"));
        assertEquals(1, RECEIVED.size(), RECEIVED.toString());
        ExecutionStub.Received received = RECEIVED.get(0);
        assertEquals("GET", received.method());
        assertEquals("Bearer " + MANAGER, received.authorization(), "the caller's own token, unchanged");
        assertEquals("/api/projects/" + LEDGER_CODE + "/ledger?afterSeq=0&limit=3", received.pathAndQuery());
        assertEquals("en", received.acceptLanguage());
    }

    @Test
    void omittedPagingIsLeftToExecutionService() {
        String auditor = TestTokens.user("auditor").roles("auditor").sign();
        RestAssured.given().noFilters().header("Authorization", "Bearer " + auditor)
                .get("/api/projects/" + LEDGER_CODE + "/ledger").then().statusCode(200)
                .body("entries.kind", equalTo(java.util.List.of("PAYMENT", "REFUND", "CORRECTION")))
                .body("entries[1].amount", equalTo("-500.00"));
        assertEquals("/api/projects/" + LEDGER_CODE + "/ledger", RECEIVED.get(0).pathAndQuery());
        assertEquals("Bearer " + auditor, RECEIVED.get(0).authorization());
    }

    @Test
    void executionServicesRefusalIsRelayedUnchanged() {
        Response answer = RestAssured.given().noFilters().header("Authorization", "Bearer " + MANAGER)
                .get("/api/projects/" + OTHER_CODE + "/ledger");
        assertEquals(404, answer.statusCode());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        assertArrayEquals(ExecutionStub.NOT_FOUND, answer.asByteArray());
        assertEquals("Bearer " + MANAGER, RECEIVED.get(0).authorization());
    }

    @Test
    void theWallsAreExecutionServicesJudgedByTheForwardedToken() {
        String otherManager = TestTokens.user("manager-990701").roles("manager").agencies("990701").sign();
        RestAssured.given().noFilters().header("Authorization", "Bearer " + otherManager)
                .get("/api/projects/" + LEDGER_CODE + "/ledger").then().statusCode(404)
                .contentType(containsString("application/problem+json")).body("code", equalTo("project-not-found"))
                .body(org.hamcrest.Matchers.not(containsString("车辆保险费")));
        assertEquals("Bearer " + otherManager, RECEIVED.get(0).authorization());
    }

    @Test
    void pagingOutOfRangeIsRefusedHereWithoutAsking() {
        for (String query : new String[] {"limit=1001", "limit=-1", "afterSeq=-1"}) {
            RestAssured.given().noFilters().header("Authorization", "Bearer " + MANAGER)
                    .get("/api/projects/" + LEDGER_CODE + "/ledger?" + query).then().statusCode(400)
                    .contentType(containsString("application/problem+json"))
                    .body("code", equalTo("invalid-parameter"))
                    .body("field", equalTo(query.substring(0, query.indexOf('='))));
        }
        RestAssured.given().noFilters().header("Authorization", "Bearer " + MANAGER)
                .get("/api/projects/" + LEDGER_CODE + "/ledger?limit=abc").then().statusCode(400)
                .body("field", equalTo("limit"));
        RestAssured.given().noFilters().header("Authorization", "Bearer " + MANAGER)
                .get("/api/projects/" + LEDGER_CODE + "/ledger?limit=1000&afterSeq=9223372036854775807")
                .then().statusCode(200);
        assertEquals(1, RECEIVED.size(), "only the call in range reached execution-service: " + RECEIVED);
    }

    @Test
    void noAnswerInTimeIs503NotA500() {
        ExecutionStub.RELEASE = new CountDownLatch(1);
        try {
            long started = System.nanoTime();
            RestAssured.given().noFilters().header("Authorization", "Bearer " + MANAGER)
                    .get("/api/projects/" + SLOW_CODE + "/ledger").then().statusCode(503)
                    .contentType(containsString("application/problem+json"))
                    .body("code", equalTo("ledger-unavailable"))
                    .body("detail", containsString("台账暂时无法读取"));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis >= 900 && millis < 10_000, "answered after the 1 s timeout: " + millis + " ms");
        } finally {
            ExecutionStub.RELEASE.countDown();
        }
        RestAssured.given().noFilters().header("Authorization", "Bearer " + MANAGER)
                .get("/api/projects/" + HANG_UP_CODE + "/ledger").then().statusCode(503)
                .body("code", equalTo("ledger-unavailable"));
        RestAssured.given().noFilters().header("Authorization", "Bearer " + MANAGER).header("Accept-Language", "en")
                .get("/api/projects/" + FAILING_CODE + "/ledger").then().statusCode(503)
                .body("code", equalTo("ledger-unavailable"))
                .body("detail", containsString("The ledger cannot be read"))
                .body("context.upstreamStatus", equalTo(500));
    }

    @Test
    void callersWithoutAReaderRoleNeverReachExecutionService() {
        String treasury = TestTokens.user("service-account-treasury").roles("treasury").sign();
        RestAssured.given().noFilters().header("Authorization", "Bearer " + treasury)
                .get("/api/projects/" + LEDGER_CODE + "/ledger").then().statusCode(403);
        RestAssured.given().noFilters().get("/api/projects/" + LEDGER_CODE + "/ledger").then().statusCode(401);
        assertEquals(0, RECEIVED.size(), RECEIVED.toString());
    }
}
