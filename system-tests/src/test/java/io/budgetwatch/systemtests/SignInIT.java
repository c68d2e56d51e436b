package io.budgetwatch.systemtests;

import io.budgetwatch.testsupport.KeycloakServer;
import io.budgetwatch.testsupport.ServiceProcess;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The suite signed in through the real identity provider: the local stack's Keycloak (same distribution, same
 * realm file) started by the test infrastructure, the three services verifying its tokens by discovery. The
 * planner imports, the treasury's client-credentials token posts a payment, a manager of another agency is
 * refused agency 213001's data, and a manager signs in to the dashboard in a browser through the code flow.
 * Runs in a JVM of its own (failsafe execution {@code sign-in}): its own broker, so no other system test sees
 * its events.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignInIT {

    static final String AGENCY = "213001";
    static final String VEHICLE_INSURANCE = "130303210B2L85R7NSB45"; // 车辆保险费
    /** The seed with one project name that is markup: the dashboard must show it as text. */
    static final String HOSTILE_NAME = "<img src=x onerror=window.injected=1>车辆保险费";

    static SignedInStack stack;
    static KeycloakServer keycloak;
    static ServiceProcess goals;
    static ServiceProcess execution;
    static ServiceProcess reporting;
    static Path root;

    @BeforeAll
    static void startSuite() {
        root = Path.of(System.getProperty("budgetwatch.repo.root", ".."));
        stack = SignedInStack.start(root);
        keycloak = stack.keycloak;
        goals = stack.goals;
        execution = stack.execution;
        reporting = stack.reporting;
    }

    @AfterAll
    static void stopSuite() {
        if (stack != null) {
            stack.close();
        }
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    @Test
    @Order(1)
    void thePlannerImportsAndTheTreasuryClientPostsAPaymentWithItsOwnToken() throws Exception {
        String seed = Files.readString(root.resolve("deploy/local/demo/goal-document-2021.txt"), StandardCharsets.UTF_8)
                .replace("\t车辆保险费\n", "\t" + HOSTILE_NAME + "\n");
        assertTrue(seed.contains(HOSTILE_NAME), "the seed's project name cell was found");
        String planner = keycloak.userAccessToken("planner-213001");
        as(planner).contentType("text/plain; charset=utf-8").body(seed.getBytes(StandardCharsets.UTF_8))
                .post(goals.url("/api/goal-documents")).then().statusCode(201)
                .body("agencyCode", equalTo(AGENCY));
        String manager = keycloak.userAccessToken("manager-213001");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                as(manager).get(execution.url("/api/projects/" + VEHICLE_INSURANCE + "/ledger")).then().statusCode(200));

        String treasury = keycloak.treasuryAccessToken();
        String payment = "{\"paymentId\":\"SIGNIN-2021-0001\",\"kind\":\"PAYMENT\",\"fiscalYear\":2021,\"agencyCode\":\""
                + AGENCY + "\",\"projectCode\":\"" + VEHICLE_INSURANCE + "\",\"amount\":\"1200.00\","
                + "\"fundSource\":\"FISCAL\",\"paidOn\":\"2021-03-05\",\"payee\":\"中国人民财产保险股份有限公司秦皇岛分公司\","
                + "\"purpose\":\"公务用车保险\"}";
        as(treasury).contentType("application/json; charset=utf-8").body(payment.getBytes(StandardCharsets.UTF_8))
                .post(execution.url("/api/payments")).then().statusCode(202);
        // the planner's token may not post payments, the treasury's may not read them
        as(planner).contentType("application/json; charset=utf-8").body(payment.getBytes(StandardCharsets.UTF_8))
                .post(execution.url("/api/payments")).then().statusCode(403);
        as(treasury).get(execution.url("/api/payments/SIGNIN-2021-0001")).then().statusCode(403);
        as(manager).get(execution.url("/api/payments/SIGNIN-2021-0001")).then().statusCode(200)
                .body("projectCode", equalTo(VEHICLE_INSURANCE));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                as(manager).get(reporting.url("/api/progress?agency=" + AGENCY + "&year=2021&asOf=2021-06-30"))
                        .then().statusCode(200)
                        .body("executed.total", equalTo("1200.00"))
                        .body("projects.name", hasItem(HOSTILE_NAME)));
        // no token, a forged one: 401 with a challenge
        given().get(reporting.url("/api/progress?agency=" + AGENCY + "&year=2021")).then().statusCode(401)
                .header("WWW-Authenticate", containsString("Bearer"));
        as(planner.substring(0, planner.lastIndexOf('.') + 1) + "AAAA")
                .get(execution.url("/api/projects/" + VEHICLE_INSURANCE + "/ledger")).then().statusCode(401);
    }

    @Test
    @Order(2)
    void aManagerOfAnotherAgencyIsRefusedAgency213001sData() {
        String other = keycloak.userAccessToken("manager-213002");
        as(other).get(reporting.url("/api/progress?agency=" + AGENCY + "&year=2021&asOf=2021-06-30"))
                .then().statusCode(403).body(not(containsString(VEHICLE_INSURANCE)));
        as(other).get(reporting.url("/api/projects/" + VEHICLE_INSURANCE + "/progress?asOf=2021-06-30"))
                .then().statusCode(404).body(not(containsString("车辆保险费")));
        as(other).get(execution.url("/api/projects/" + VEHICLE_INSURANCE + "/ledger")).then().statusCode(404);
        as(other).get(execution.url("/api/payments/SIGNIN-2021-0001")).then().statusCode(404)
                .body(not(containsString("1200")));
        as(other).get(goals.url("/api/projects/" + VEHICLE_INSURANCE)).then().statusCode(404);
        as(other).get(reporting.url("/api/agencies")).then().statusCode(200).body(not(containsString(AGENCY)));
    }

    @Test
    @Order(3)
    void aManagerSignsInToTheDashboardInABrowserAndSeesNamesAsText() throws Exception {
        // .ci/run installs Debian's chromium and chromium-driver; a machine with only a JDK has no browser
        Assumptions.assumeTrue(Files.isExecutable(Path.of(System.getProperty("webdriver.chrome.driver",
                "/usr/bin/chromedriver"))), "no chromedriver: apt-get install chromium chromium-driver");
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(reporting.url("/"))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, page.statusCode(), "a browser without a session is sent to the provider");
        assertTrue(page.headers().firstValue("Location").orElse("").startsWith(keycloak.issuer()
                + "/protocol/openid-connect/auth"), page.headers().toString());
        assertTrue(page.headers().firstValue("Location").orElse("").contains("code_challenge_method=S256"),
                "PKCE: " + page.headers().firstValue("Location"));
        assertSecurityHeaders(page);

        WebDriver browser = SignedInStack.browser(1400, 1000);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            browser.get(reporting.url("/"));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
            assertTrue(browser.getCurrentUrl().startsWith(keycloak.baseUrl()), browser.getCurrentUrl());
            browser.findElement(By.id("username")).sendKeys("manager-213001");
            browser.findElement(By.id("password")).sendKeys(keycloak.demoPassword());
            browser.findElement(By.id("kc-login")).click();

            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "manager-213001"));
            assertTrue(browser.getCurrentUrl().startsWith(reporting.url("/")), browser.getCurrentUrl());
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("projects"), HOSTILE_NAME));
            JavascriptExecutor js = (JavascriptExecutor) browser;
            assertEquals(Boolean.FALSE, js.executeScript("return window.injected === 1"), "the name ran as markup");
            assertEquals(0L, js.executeScript("return document.querySelectorAll('#projects img').length"));
            assertTrue(browser.findElement(By.id("who")).getText().contains(AGENCY));

            Cookie session = browser.manage().getCookies().stream()
                    .filter(c -> c.getName().startsWith("q_session_dashboard")).findFirst().orElse(null);
            assertNotNull(session, browser.manage().getCookies().toString());
            assertTrue(session.isHttpOnly(), "the session cookie is HttpOnly");
            assertEquals("Lax", session.getSameSite());

            // the session signs in the script's calls; a state change without the script's header is refused
            Object refused = ((JavascriptExecutor) browser).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "fetch('/api/alerts/evaluate?asOf=2021-07-01', {method: 'POST'})"
                            + ".then(r => done(r.status)).catch(e => done(String(e)));");
            assertEquals(403L, refused, "cross-site shaped request with the session cookie");
            Object roleRefused = ((JavascriptExecutor) browser).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "fetch('/api/alerts/evaluate?asOf=2021-07-01', {method: 'POST', headers: "
                            + "{'X-Requested-With': 'JavaScript'}}).then(r => done(r.status)).catch(e => done(String(e)));");
            assertEquals(403L, roleRefused, "a manager may not re-evaluate (admin)");
            Object me = ((JavascriptExecutor) browser).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "fetch('/api/me', {headers: {'X-Requested-With': 'JavaScript'}}).then(r => r.json())"
                            + ".then(b => done(b.username + '|' + b.agencies.join(','))).catch(e => done(String(e)));");
            assertEquals("manager-213001|" + AGENCY, me);
            // the project page's ledger: reporting-service asks execution-service with the session's access token
            Object ledger = ((JavascriptExecutor) browser).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "fetch('/api/projects/" + VEHICLE_INSURANCE + "/ledger', {headers: {'X-Requested-With': "
                            + "'JavaScript'}}).then(r => r.json().then(b => done(r.status + '|' + b.entries.map(e => "
                            + "e.paymentId + ':' + e.payee).join(',')))).catch(e => done(String(e)));");
            assertEquals("200|SIGNIN-2021-0001:中国人民财产保险股份有限公司秦皇岛分公司", ledger);
            assertFalse(browser.findElement(By.id("audit")).isDisplayed(), "a manager has no audit trail view");
            // the export link of the page works with the session alone (the same access as the progress API)
            Object csv = ((JavascriptExecutor) browser).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "fetch(document.getElementById('csv').href).then(r => r.text().then(b => done(r.status + '|' + b.split('\\r\\n')[1])))"
                            + ".catch(e => done(String(e)));");
            assertTrue(String.valueOf(csv).startsWith("200|" + VEHICLE_INSURANCE + ","), String.valueOf(csv));
            screenshot(browser, "dashboard-manager.png");

            browser.findElement(By.id("logout")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
            assertTrue(browser.getCurrentUrl().startsWith(keycloak.baseUrl()), browser.getCurrentUrl());
            assertFalse(browser.manage().getCookies().stream().anyMatch(c -> c.getName().startsWith("q_session_dashboard")),
                    "signed out: no session cookie left");

            // an auditor (every agency, no agency claim) sees the audit trail, the manager's refusal in it
            browser.findElement(By.id("username")).sendKeys("auditor");
            browser.findElement(By.id("password")).sendKeys(keycloak.demoPassword());
            browser.findElement(By.id("kc-login")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "auditor"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("auditRows"), "manager-213001"));
            String trail = browser.findElement(By.id("auditRows")).getText();
            assertTrue(trail.contains("refused"), trail);
            assertTrue(browser.findElements(By.cssSelector("#alerts button")).isEmpty(), "an auditor acknowledges nothing");
            screenshot(browser, "dashboard-auditor.png");
        } finally {
            browser.quit();
        }
    }

    /** Kept in target/ (the README shows the demo stack's screenshots, docs/screenshots/). */
    private static void screenshot(WebDriver browser, String name) throws java.io.IOException {
        byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        Files.write(dir.resolve(name), png);
    }

    private static void assertSecurityHeaders(HttpResponse<?> response) {
        String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
    }
}
