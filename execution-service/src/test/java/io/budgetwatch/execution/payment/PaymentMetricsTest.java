package io.budgetwatch.execution.payment;

import io.budgetwatch.common.metrics.StoredCounts;
import io.budgetwatch.execution.support.Fixtures;
import io.budgetwatch.testsupport.ScrapedMetrics;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.budgetwatch.execution.support.Fixtures.correction;
import static io.budgetwatch.execution.support.Fixtures.payment;
import static io.budgetwatch.execution.support.Fixtures.refund;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /q/metrics (no token, as Prometheus scrapes): the meters move by exactly what was committed. */
@QuarkusTest
class PaymentMetricsTest {

    private static final String APPLIED = "budgetwatch_payments_applied_total";

    @Inject
    StoredCounts counts;

    @Test
    void postedPaymentsHeldRecordsAndConflictsAreCountedAsCommitted() {
        String project = Fixtures.publishProject("5000.00");
        String a = Fixtures.paymentId("MA");
        String b = Fixtures.paymentId("MB");
        counts.refresh().await().indefinitely();
        ScrapedMetrics before = ScrapedMetrics.scrape();

        PaymentHttpTest.post(List.of(payment(a, project, "10.00", "FISCAL"), payment(b, project, "20.00", "OTHER")))
                .statusCode(202);
        PaymentHttpTest.post(payment(a, project, "10.00", "FISCAL")).statusCode(202); // a duplicate adds nothing
        PaymentHttpTest.post(payment(a, project, "11.00", "FISCAL")).statusCode(409); // a conflict, recorded
        PaymentHttpTest.post(correction(Fixtures.paymentId("MC"), b, project, "15.00", "OTHER")).statusCode(202);
        PaymentHttpTest.post(refund(Fixtures.paymentId("MR"), Fixtures.paymentId("NONE"), project, "1.00", "FISCAL"))
                .statusCode(202); // held: its original is not in the ledger
        counts.refresh().await().indefinitely();
        ScrapedMetrics after = ScrapedMetrics.scrape();

        assertEquals(2, delta(before, after, APPLIED, "source", "http", "kind", "payment"));
        assertEquals(2, delta(before, after, APPLIED, "source", "http", "kind", "correction"), "reversal and its own");
        assertEquals(0, delta(before, after, APPLIED, "source", "http", "kind", "refund"));
        assertEquals(1, delta(before, after, "budgetwatch_payments_conflicts_total"));
        assertEquals(1, delta(before, after, "budgetwatch_payments_held"));
        for (String relay : List.of("outbox", "ledger", "dlq")) {
            assertTrue(after.value("budgetwatch_relay_backlog", "relay", relay) >= 0, relay + " backlog counted");
        }
    }

    @Test
    void aRefusalOnTheTopicIsCountedByReasonAndTheConsumerReportsItsLag() {
        String project = Fixtures.publishProject("1000.00");
        String id = Fixtures.paymentId("MD");
        String[] agencyMismatch = {"reason", "agency-mismatch", "topic", "treasury.payments.dlq"};
        double before = ScrapedMetrics.scrape().value("budgetwatch_dlq_records_total", agencyMismatch);
        Map<String, Object> record = payment(id, project, "10.00", "FISCAL");
        record.put("agencyCode", "999999");
        DeadLetterTest.sendRaw(project, record);
        DeadLetterTest.assertReason(DeadLetterTest.dlqOf(project, id), "agency-mismatch", "agencyCode", false);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(before + 1,
                ScrapedMetrics.scrape().value("budgetwatch_dlq_records_total", agencyMismatch)));
        ScrapedMetrics now = ScrapedMetrics.scrape();
        assertTrue(now.has("budgetwatch_kafka_consumer_lag", "topic", "treasury.payments"), "lag of treasury.payments");
        assertTrue(now.value("budgetwatch_kafka_consumer_lag", "topic", "treasury.payments") >= 0);
    }

    private static double delta(ScrapedMetrics before, ScrapedMetrics after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
