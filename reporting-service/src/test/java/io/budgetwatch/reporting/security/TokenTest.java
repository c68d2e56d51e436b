package io.budgetwatch.reporting.security;

import io.budgetwatch.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Tokens reporting-service must not accept: each answers 401 with a {@code WWW-Authenticate} challenge, never a
 * 500 and never data. The control token, identical but for the flaw, is accepted.
 */
@QuarkusTest
class TokenTest {

    private static RequestSpecification plain() {
        // without the suite's default token (SignedInByDefault adds it through a filter)
        return RestAssured.given().noFilters();
    }

    private static TestTokens.Builder manager() {
        return TestTokens.user("manager-213001").roles("manager").agencies("213001");
    }

    static Stream<Arguments> refusedTokens() {
        return TestTokens.flawedManagerTokens().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void aFlawedTokenIsNotSignedIn(String flaw, String token) {
        plain().header("Authorization", "Bearer " + token).get("/api/alerts?agency=213001").then()
                .statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
    }

    @Test
    void noTokenIsNotSignedInButHealthAndOpenApiStayOpen() {
        plain().get("/api/alerts").then().statusCode(401).header("WWW-Authenticate", notNullValue());
        plain().get("/api/progress?agency=213001").then().statusCode(401).body(not(containsString("213001")));
        plain().post("/api/admin/read-model/rebuild").then().statusCode(401);
        plain().get("/q/health/ready").then().statusCode(200);
        plain().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void theControlTokenIsSignedIn() {
        plain().header("Authorization", "Bearer " + manager().sign()).get("/api/alerts?agency=213001").then()
                .statusCode(200);
        plain().header("Authorization", "Bearer " + manager().sign()).get("/api/alerts?agency=213002").then()
                .statusCode(403).body("code", equalTo("agency-forbidden"));
        plain().header("Authorization", "Bearer " + TestTokens.user("treasury").roles("treasury").sign())
                .get("/api/alerts").then().statusCode(403).body("code", equalTo("forbidden"));
    }
}
