package io.budgetwatch.systemtests;

import io.budgetwatch.testsupport.KeycloakServer;
import io.budgetwatch.testsupport.ServiceProcess;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What the browser tests share: a real Keycloak with the realm of deploy/keycloak, the three services taking its
 * tokens (keys and issuer by discovery, not the test key), reporting-service with its dashboard sign-in (code flow)
 * and execution-service's URL for the project ledger; and Debian's headless Chromium driven by its chromedriver.
 */
final class SignedInStack implements AutoCloseable {

    final KeycloakServer keycloak;
    final ServiceProcess goals;
    final ServiceProcess execution;
    final ServiceProcess reporting;

    private SignedInStack(KeycloakServer keycloak, ServiceProcess goals, ServiceProcess execution,
                          ServiceProcess reporting) {
        this.keycloak = keycloak;
        this.goals = goals;
        this.execution = execution;
        this.reporting = reporting;
    }

    /** Starts all four and waits until the services are ready (the scheduler of alerts is off: tests evaluate). */
    static SignedInStack start(Path root) {
        ServiceProcess reporting = ServiceProcess.of(root, "reporting-service", "reporting",
                Map.of("budgetwatch.alerts.scheduler-enabled", "false"));
        // the dashboard client lets the browser back to this reporting-service only
        KeycloakServer keycloak = KeycloakServer.start(Duration.ofMinutes(5), "http://localhost:" + reporting.port());
        ServiceProcess goals = ServiceProcess.of(root, "goals-service", "goals", Map.of());
        ServiceProcess execution = ServiceProcess.of(root, "execution-service", "execution", Map.of());
        for (ServiceProcess service : new ServiceProcess[] {goals, execution, reporting}) {
            service.property("quarkus.oidc.auth-server-url", keycloak.issuer())
                    .property("quarkus.oidc.public-key", "")
                    .property("quarkus.oidc.token.issuer", "");
        }
        // the project page's ledger is read from this execution-service, with the caller's own token
        reporting.property("budgetwatch.execution.url", "http://localhost:" + execution.port());
        reporting.property("quarkus.oidc.dashboard.tenant-enabled", "true")
                .property("quarkus.oidc.dashboard.auth-server-url", keycloak.issuer());
        goals.start();
        execution.start();
        reporting.start();
        goals.awaitReady(Duration.ofSeconds(120));
        execution.awaitReady(Duration.ofSeconds(120));
        reporting.awaitReady(Duration.ofSeconds(120));
        return new SignedInStack(keycloak, goals, execution, reporting);
    }

    /** Headless Chromium (zh-CN) at the given window size; the driver's path given, nothing downloaded. */
    static WebDriver browser(int width, int height) {
        String driver = System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions().addArguments("--headless=new", "--no-sandbox",
                "--disable-dev-shm-usage", "--window-size=" + width + "," + height, "--lang=zh-CN");
        String binary = System.getProperty("budgetwatch.chromium", "/usr/bin/chromium");
        if (Files.isExecutable(Path.of(binary))) {
            options.setBinary(binary);
        }
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(Path.of(driver).toFile())
                .build(), options);
    }

    /** Stops the services, then Keycloak; one failing to stop does not keep the others running. */
    @Override
    public void close() {
        for (AutoCloseable c : new AutoCloseable[] {reporting, execution, goals, keycloak}) {
            try {
                c.close();
            } catch (Exception e) {
                // the next one still stops
            }
        }
    }
}
