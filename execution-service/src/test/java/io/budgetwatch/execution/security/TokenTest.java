package io.budgetwatch.execution.security;

import io.budgetwatch.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Tokens the service must not accept: each answers 401 with a {@code WWW-Authenticate} challenge, never
 * a 500 and never data, on a read and on the treasury's write. The control token, identical but for the
 * flaw, is accepted.
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

    private static TestTokens.Builder treasury() {
        return TestTokens.user("treasury").roles("treasury");
    }

    static Stream<Arguments> refusedTokens() {
        return TestTokens.flawedManagerTokens().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void aFlawedTokenIsNotSignedIn(String flaw, String token) {
        plain().header("Authorization", "Bearer " + token).get("/api/ingestion-stats").then()
                .statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
    }

    static Stream<Arguments> refusedTreasuryTokens() {
        return Stream.of(
                Arguments.of("expired a minute ago", treasury().expiredSecondsAgo(60).sign()),
                Arguments.of("signed with another key", treasury().signedWithAnotherKey().sign()),
                Arguments.of("another audience", treasury().claim("aud", List.of("someone-else")).sign()),
                Arguments.of("alg none", treasury().unsigned().sign()),
                Arguments.of("roles at the top level, not in realm_access",
                        treasury().claim("realm_access", null).claim("roles", List.of("treasury")).sign()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTreasuryTokens")
    void aFlawedTreasuryTokenPostsNothing(String flaw, String token) {
        plain().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body("[]")
                .post("/api/payments").then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
    }

    @Test
    void noTokenIsNotSignedInButHealthAndOpenApiStayOpen() {
        plain().get("/api/ingestion-stats").then().statusCode(401).header("WWW-Authenticate", notNullValue());
        plain().contentType(ContentType.JSON).body("[]").post("/api/payments").then().statusCode(401)
                .header("WWW-Authenticate", notNullValue());
        plain().get("/q/health/ready").then().statusCode(200);
        plain().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void theControlTokensAreSignedIn() {
        plain().header("Authorization", "Bearer " + manager().sign()).get("/api/ingestion-stats").then()
                .statusCode(200);
        // signed in, but a manager may not post payments nor the treasury read them
        plain().header("Authorization", "Bearer " + manager().sign()).contentType(ContentType.JSON).body("[]")
                .post("/api/payments").then().statusCode(403).body("code", is("forbidden"));
        plain().header("Authorization", "Bearer " + treasury().sign()).get("/api/ingestion-stats").then()
                .statusCode(403).body("code", is("forbidden"));
        // the treasury's client is signed in and reaches the handler (which refuses the empty array itself)
        plain().header("Authorization", "Bearer " + treasury().sign()).contentType(ContentType.JSON).body("[]")
                .post("/api/payments").then().statusCode(400).body("code", is("empty-batch"));
    }
}
