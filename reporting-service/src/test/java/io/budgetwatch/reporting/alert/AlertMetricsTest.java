package io.budgetwatch.reporting.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetwatch.events.Topics;
import io.budgetwatch.reporting.TestClock;
import io.budgetwatch.reporting.WebhookReceiver;
import io.budgetwatch.testsupport.KafkaTestClient;
import io.budgetwatch.testsupport.ScrapedMetrics;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /q/metrics (no token, as Prometheus scrapes): alerts raised, webhook failures and deliveries, exactly. */
@QuarkusTest
class AlertMetricsTest {

    private static final String CODE = "130303219910000000091";
    private static final String RAISED = "budgetwatch_alerts_raised_total";
    private static final String FAILURES = "budgetwatch_webhook_failures_total";
    private static final String DELIVERIES = "budgetwatch_webhook_deliveries_total";

    @Inject
    ObjectMapper mapper;

    @Inject
    TestClock clock;

    @Inject
    WebhookDispatcher webhooks;

    @Inject
    AlertService alerts;

    @AfterEach
    void restore() {
        clock.reset();
    }

    @Test
    void anAlertIsCountedOnceAndItsFailedAndSucceededWebhookAttemptsToo() throws Exception {
        // what other tests left due within the seconds this test moves through is delivered first
        clock.set("2021-05-02T10:00:03+08:00");
        for (int i = 0; i < 20 && webhooks.deliverDue().await().indefinitely() > 0; i++) {
            // next batch
        }
        clock.set("2021-05-02T10:00:00+08:00");
        ScrapedMetrics before = ScrapedMetrics.scrape();
        String id = CODE + ":OVERSPEND:v1";
        WebhookReceiver.FAIL.put(id, 1);
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(Topics.PROJECTS, CODE, mapper.writeValueAsString(AlertFlowTest.snapshot(CODE, "1000.00", List.of())));
            kafka.send(Topics.PROJECT_TOTALS, CODE, mapper.writeValueAsString(
                    AlertFlowTest.entry("alert-m-1", CODE, "1500.00", "2021-05-01")));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertEquals(1, delta(before, ScrapedMetrics.scrape(), RAISED, "rule", "OVERSPEND")));
        // evaluated again: the alert is stored already, nothing is raised
        assertEquals(0, alerts.evaluateImmediate(List.of(CODE), null).await().indefinitely());

        webhooks.deliverDue().await().indefinitely(); // HTTP 500: retried after 2 s
        ScrapedMetrics failed = ScrapedMetrics.scrape();
        assertEquals(1, delta(before, failed, RAISED, "rule", "OVERSPEND"));
        assertEquals(1, delta(before, failed, FAILURES, "webhook", "ops", "outcome", "retry"));
        assertEquals(0, delta(before, failed, DELIVERIES, "webhook", "ops"));
        clock.set("2021-05-02T10:00:03+08:00");
        webhooks.deliverDue().await().indefinitely();
        ScrapedMetrics delivered = ScrapedMetrics.scrape();
        assertEquals(1, delta(before, delivered, FAILURES, "webhook", "ops"));
        assertEquals(1, delta(before, delivered, DELIVERIES, "webhook", "ops"));
        assertTrue(delivered.value("budgetwatch_kafka_consumer_lag", "topic", Topics.PROJECT_TOTALS) >= 0
                && delivered.has("budgetwatch_kafka_consumer_lag", "topic", Topics.PROJECT_TOTALS));
        // the messaging channels' clients are bound by Quarkus' Kafka binder
        assertTrue(delivered.has("kafka_consumer_fetch_manager_records_lag_max", "client_id", "kafka-consumer-projects"));
    }

    private static double delta(ScrapedMetrics before, ScrapedMetrics after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
