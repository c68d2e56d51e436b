package io.budgetwatch.goals.security;

import io.budgetwatch.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Tokens the service must not accept: each answers 401 with a {@code WWW-Authenticate} challenge, never
 * a 500 and never data. The control token, identical but for the flaw, is accepted.
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
        return Stream.of(
                Arguments.of("expired a minute ago", manager().expiredSecondsAgo(60).sign()),
                Arguments.of("signed with another key", manager().signedWithAnotherKey().sign()),
                Arguments.of("another issuer", manager().claim("iss", "https://evil.example/realms/budgetwatch").sign()),
                Arguments.of("another audience", manager().claim("aud", List.of("someone-else")).sign()),
                Arguments.of("alg none", manager().unsigned().sign()),
                Arguments.of("roles at the top level, not in realm_access",
                        manager().claim("realm_access", null).claim("roles", List.of("manager")).sign()),
                Arguments.of("roles as groups", manager().claim("realm_access", null)
                        .claim("groups", List.of("manager")).sign()),
                Arguments.of("agencies in another claim", manager().claim("agency_codes", null)
                        .claim("agency", "213001").sign()),
                Arguments.of("agencies as a string", manager().claim("agency_codes", "213001").sign()),
                Arguments.of("an agency code that is no code", manager().claim("agency_codes",
                        List.of("213001' OR 1=1")).sign()),
                Arguments.of("not a token", "not.a.token"),
                Arguments.of("garbage", "%%%"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void aFlawedTokenIsNotSignedIn(String flaw, String token) {
        plain().header("Authorization", "Bearer " + token).get("/api/projects?agency=213001").then()
                .statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
    }

    @Test
    void noTokenIsNotSignedInButHealthAndOpenApiStayOpen() {
        plain().get("/api/projects").then().statusCode(401).header("WWW-Authenticate", notNullValue());
        plain().get("/q/health/ready").then().statusCode(200);
        plain().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void theControlTokenIsSignedIn() {
        plain().header("Authorization", "Bearer " + manager().sign()).get("/api/projects?agency=213001").then()
                .statusCode(200);
        plain().header("Authorization", "Bearer " + manager().sign()).get("/api/projects?agency=213002").then()
                .statusCode(403).body("code", containsString("agency-forbidden"));
        plain().header("Authorization", "Bearer " + TestTokens.user("treasury").roles("treasury").sign())
                .get("/api/projects").then().statusCode(403).body("code", containsString("forbidden"));
    }
}
