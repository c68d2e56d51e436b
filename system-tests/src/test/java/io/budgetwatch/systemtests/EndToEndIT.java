package io.budgetwatch.systemtests;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.budgetwatch.events.PaymentEvent;
import io.budgetwatch.events.Topics;
import io.budgetwatch.testsupport.KafkaTestClient;
import io.budgetwatch.testsupport.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Crosses all three services over the real broker: the seed goal document is imported by
 * goals-service, a treasury payment for one of its projects is published on treasury.payments, and
 * reporting-service shows that payment against the project.
 */
class EndToEndIT {

    static final String PROJECT = "130303210B2L85R7NSB45"; // 车辆保险费, budget 4000.00

    static ServiceProcess goals;
    static ServiceProcess execution;
    static ServiceProcess reporting;
    static KafkaTestClient kafka;
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @BeforeAll
    static void startSuite() {
        Path root = Path.of(System.getProperty("budgetwatch.repo.root", ".."));
        Map<String, String> none = Map.of();
        goals = ServiceProcess.of(root, "goals-service", "goals", none).start();
        execution = ServiceProcess.of(root, "execution-service", "execution", none).start();
        reporting = ServiceProcess.of(root, "reporting-service", "reporting", none).start();
        goals.awaitReady(Duration.ofSeconds(90));
        execution.awaitReady(Duration.ofSeconds(90));
        reporting.awaitReady(Duration.ofSeconds(90));
        kafka = KafkaTestClient.connect();
    }

    @AfterAll
    static void stopSuite() {
        for (AutoCloseable c : new AutoCloseable[] {kafka, reporting, execution, goals}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    @Test
    void aPaymentForAnImportedProjectShowsInReporting() throws Exception {
        byte[] seed = Files.readAllBytes(Path.of(System.getProperty("budgetwatch.seed")));
        given().contentType("text/plain; charset=utf-8").body(seed)
                .post(goals.url("/api/goal-documents"))
                .then().statusCode(201)
                .body("agencyCode", equalTo("213001"))
                .body("projectCodes", hasItem(PROJECT));

        // reporting-service learns the project from goals.projects alone.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get(reporting.url("/api/projects/" + PROJECT + "/progress?asOf=2021-06-30"))
                        .then().statusCode(200)
                        .body("name", equalTo("车辆保险费"))
                        .body("budget.total", equalTo("4000.00"))
                        .body("executed.total", equalTo("0.00")));

        // execution-service must know the project from the topic before it accepts the payment.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get(execution.url("/api/projects/" + PROJECT + "/ledger")).then().statusCode(200));

        PaymentEvent payment = new PaymentEvent("E2E-0001", "PAYMENT", null, 2021, "213001", PROJECT,
                new BigDecimal("1000.00"), "FISCAL", LocalDate.of(2021, 5, 12), "30211", "2010101",
                "秦财预〔2021〕1号", "中国人民财产保险股份有限公司秦皇岛分公司", "公务用车保险");
        kafka.send(Topics.TREASURY_PAYMENTS, PROJECT, JSON.writeValueAsString(payment));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get(reporting.url("/api/projects/" + PROJECT + "/progress?asOf=2021-06-30"))
                        .then().statusCode(200)
                        .body("executed.total", equalTo("1000.00"))
                        .body("executed.fiscal", equalTo("1000.00"))
                        .body("executionRate", equalTo("25.00"))
                        .body("plannedRate", equalTo("50.00"))
                        .body("status", equalTo("SERIOUSLY_LAGGING")));

        // Before the payment date nothing was executed yet.
        given().get(reporting.url("/api/projects/" + PROJECT + "/progress?asOf=2021-05-11"))
                .then().statusCode(200).body("executed.total", equalTo("0.00"));
        given().get(execution.url("/api/payments/E2E-0001")).then().statusCode(200)
                .body("projectCode", equalTo(PROJECT));
    }
}
