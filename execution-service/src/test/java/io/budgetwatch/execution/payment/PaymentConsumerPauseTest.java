package io.budgetwatch.execution.payment;

import io.budgetwatch.events.Topics;
import io.budgetwatch.execution.support.Fixtures;
import io.budgetwatch.execution.support.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.budgetwatch.execution.payment.PaymentIngestionTest.awaitExecuted;
import static io.budgetwatch.execution.payment.PaymentIngestionTest.ledger;
import static io.budgetwatch.execution.support.Fixtures.payment;
import static io.budgetwatch.execution.support.Fixtures.send;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** An operator pauses consumption of treasury.payments; records wait on the topic and are applied on resume. */
@QuarkusTest
class PaymentConsumerPauseTest {

    @Test
    void pausedConsumptionLeavesRecordsOnTheTopicUntilResumed() {
        String project = Fixtures.publishProject("10000.00");
        String before = Fixtures.paymentId("PV");
        send(payment(before, project, "10.00", "FISCAL"));
        awaitExecuted(project, "10.00", 1);
        try {
            given().when().post("/api/admin/payments-consumer/pause").then().statusCode(200)
                    .body("pauseRequested", is(true)).body("enabled", is(true));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when()
                    .get("/api/admin/payments-consumer").then().statusCode(200).body("paused", is(true)));

            String waiting = Fixtures.paymentId("PV");
            send(payment(waiting, project, "20.00", "FISCAL"));
            // the record is on the topic (readable by anyone) ...
            assertEquals(1, TestKafka.read(Topics.TREASURY_PAYMENTS, r -> new String(r.value(),
                    java.nio.charset.StandardCharsets.UTF_8).contains(waiting), 1, Duration.ofSeconds(30)).size());
            // ... while the paused service has not applied it; HTTP submissions still are
            PaymentHttpTest.post(payment(Fixtures.paymentId("HTTP"), project, "1.00", "FISCAL")).statusCode(202)
                    .body("status", is("APPLIED"));
            assertEquals("11.00", ledger(project).getString("executed.total"));
            assertEquals(2, ledger(project).getInt("entryCount"));
        } finally {
            given().when().post("/api/admin/payments-consumer/resume").then().statusCode(200)
                    .body("pauseRequested", is(false)).body("paused", is(false));
        }
        awaitExecuted(project, "31.00", 3);
    }
}
