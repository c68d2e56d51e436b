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

    static final List<String> PAGES = List.of("/index.html", "/bureau.html", "/project.html", "/alerts.html");

    @Test
    void thePagesRunNoInlineScriptOrStyleAndEveryAnswerCarriesTheSecurityHeaders() {
        for (String path : PAGES) {
            Response page = given().get(path);
            page.then().statusCode(200)
                    .header("X-Content-Type-Options", "nosniff")
                    .header("X-Frame-Options", "DENY")
                    .header("Content-Security-Policy", containsString("script-src 'self'"))
                    .header("Content-Security-Policy", containsString("style-src 'self'"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("Content-Security-Policy", not(containsString("unsafe-inline")));
            String html = page.asString();
            Matcher scripts = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(html);
            List<String> sources = new java.util.ArrayList<>();
            while (scripts.find()) {
                Matcher src = Pattern.compile("src=\"([^\"]+)\"").matcher(scripts.group(1));
                assertTrue(src.find(), path + ": a script without src: " + scripts.group());
                assertEquals("", scripts.group(2).trim(), path + ": inline script body");
                sources.add(src.group(1));
            }
            assertEquals("/app.js", sources.get(0), path + " loads the shared script first: " + sources);
            assertEquals(2, sources.size(), path + " loads app.js and its own script: " + sources);
            assertTrue(html.contains("href=\"/app.css\""), path + " uses the shared style sheet");
            assertFalse(Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find(),
                    path + ": an inline event handler attribute");
            assertFalse(html.contains("style="), path + ": an inline style attribute (the policy allows none)");
            assertFalse(html.contains("<style"), path + ": an inline style element");
            for (String source : sources) {
                String script = given().get(source).then().statusCode(200)
                        .header("Content-Type", containsString("javascript")).extract().asString();
                assertFalse(script.contains("style=\"${"), source + ": an inline style built from data");
                assertFalse(Pattern.compile("\\son[a-z]+=\\\\?\"").matcher(script).find(),
                        source + ": markup with an inline event handler");
            }
        }
        String app = given().get("/app.js").then().statusCode(200).extract().asString();
        // text from documents and payments goes through esc() before innerHTML, and style through the CSSOM
        assertTrue(app.contains("const esc = "), "the escaping helper");
        assertTrue(app.contains("'X-Requested-With': 'JavaScript'"), "the session calls carry the CSRF header");
        assertTrue(app.contains("new EventSource('/api/live')"), "live updates");
        assertTrue(app.contains("'/webjars/echarts/5.3.1/dist/echarts.min.js'"), "the charts library of the webjar");
        given().get("/app.css").then().statusCode(200).header("Content-Type", containsString("css"));
        given().get("/api/agencies").then().header("Cache-Control", "no-store");
    }

    @Test
    void theChartsLibraryIsServedFromItsWebjar() {
        String library = given().get("/webjars/echarts/5.3.1/dist/echarts.min.js").then().statusCode(200)
                .header("Content-Type", containsString("javascript"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .extract().asString();
        assertTrue(library.length() > 500_000 && library.contains("echarts"), "the minified ECharts bundle");
    }

    @Test
    void theOverviewAndTheOldScriptNamesAreGone() {
        given().get("/").then().statusCode(200).body(containsString("/overview.js"));
        given().get("/dashboard.js").then().statusCode(404);
    }

    @Test
    void meNamesTheCallerItsRolesAndItsAgencies() {
        // only the suite's roles: not the provider's own ones every token carries
        String manager = TestTokens.user("manager-213001").roles("manager", "offline_access", "default-roles-budgetwatch")
                .agencies("213001").sign();
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
