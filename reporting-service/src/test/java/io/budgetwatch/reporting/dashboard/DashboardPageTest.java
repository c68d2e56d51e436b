package io.budgetwatch.reporting.dashboard;

import io.budgetwatch.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard's page and its security headers, and who-am-I. (The code flow itself needs a real provider:
 * system-tests SignInIT signs in through Keycloak in a browser.)
 */
@QuarkusTest
class DashboardPageTest {

    @Test
    void thePageRunsNoInlineScriptAndEveryAnswerCarriesTheSecurityHeaders() {
        Response page = given().get("/index.html");
        page.then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")));
        String html = page.asString();
        Matcher scripts = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(html);
        int count = 0;
        while (scripts.find()) {
            count++;
            assertTrue(scripts.group(1).contains("src="), "a script without src: " + scripts.group());
            assertEquals("", scripts.group(2).trim(), "inline script body");
        }
        assertEquals(1, count, "the page loads dashboard.js");
        assertFalse(Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find(),
                "an inline event handler attribute");
        assertFalse(html.contains("style="), "an inline style attribute (the policy allows none)");
        assertFalse(html.contains("<style"), "an inline style element");

        String script = given().get("/dashboard.js").then().statusCode(200)
                .header("Content-Type", containsString("javascript")).extract().asString();
        // text from documents and payments goes through esc() before innerHTML, and style through the CSSOM
        assertTrue(script.contains("const esc = "), "the escaping helper");
        assertFalse(script.contains("style=\"${"), "an inline style built from data");
        assertTrue(script.contains("'X-Requested-With': 'JavaScript'"), "the session calls carry the CSRF header");
        given().get("/api/agencies").then().header("Cache-Control", "no-store");
    }

    @Test
    void meNamesTheCallerItsRolesAndItsAgencies() {
        String manager = TestTokens.user("manager-213001").roles("manager").agencies("213001").sign();
        given().header("Authorization", "Bearer " + manager).get("/api/me").then().statusCode(200)
                .body("username", equalTo("manager-213001"))
                .body("roles", equalTo(List.of("manager")))
                .body("agencies", equalTo(List.of("213001")));
        String supervisor = TestTokens.user("supervisor").roles("supervisor").sign();
        given().header("Authorization", "Bearer " + supervisor).get("/api/me").then().statusCode(200)
                .body("agencies", equalTo(null));
        given().noFilters().get("/api/me").then().statusCode(401);
    }
}
