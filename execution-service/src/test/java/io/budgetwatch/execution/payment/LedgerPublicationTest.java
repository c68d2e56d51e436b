package io.budgetwatch.execution.payment;

import io.budgetwatch.events.Topics;
import io.budgetwatch.execution.ledger.LedgerRelay;
import io.budgetwatch.execution.support.Fixtures;
import io.budgetwatch.execution.support.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.budgetwatch.execution.payment.PaymentIngestionTest.awaitExecuted;
import static io.budgetwatch.execution.support.Fixtures.correction;
import static io.budgetwatch.execution.support.Fixtures.payment;
import static io.budgetwatch.execution.support.Fixtures.refund;
import static io.budgetwatch.execution.support.Fixtures.send;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * execution.ledger carries, per project in seq order, exactly the bytes the ledger table yields for
 * each entry, whether the relay published entries handed over after commit or read them back (after
 * a rolled-back attempt leaves a gap in the seqs); execution.project-totals the sums of each write.
 */
@QuarkusTest
class LedgerPublicationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    LedgerRelay relay;

    @Inject
    RecentIds recentIds;

    @Inject
    Pool pool;

    @Test
    void publishedEventsAreTheTableRowsInSeqOrderOnBothPaths() {
        String a = Fixtures.publishProject("10000.00");
        String b = Fixtures.publishProject("500.00");
        long inHandBefore = relay.counters().get("ledgerPublishedInHand");
        long fromTableBefore = relay.counters().get("ledgerPublishedFromTable");

        String p1 = Fixtures.paymentId("PV");
        String p2 = Fixtures.paymentId("PV");
        send(payment(p1, a, "1200.50", "FISCAL"));
        send(payment(p2, a, "300", "OTHER"));
        send(refund(Fixtures.paymentId("RF"), p1, a, "0.50", "FISCAL"));
        send(correction(Fixtures.paymentId("CR"), p2, b, "650.00", "OTHER")); // b overspends
        awaitExecuted(a, "1200.00", 4);
        awaitExecuted(b, "650.00", 1);
        assertTrue(relay.counters().get("ledgerPublishedInHand") > inHandBefore, "entries in hand were published");

        // a re-sent id this instance forgot: the optimistic insert rolls back, leaving a gap in the seqs
        recentIds.clear();
        send(payment(p1, a, "1200.50", "FISCAL"));
        send(payment(Fixtures.paymentId("PV"), a, "9.99", "FISCAL"));
        awaitExecuted(a, "1209.99", 5);
        await(() -> relay.counters().get("ledgerPublishedFromTable") > fromTableBefore);

        for (String project : List.of(a, b)) {
            List<byte[]> expected = tableEvents(project);
            List<ConsumerRecord<byte[], byte[]>> published = TestKafka.read(Topics.LEDGER,
                    r -> project.equals(TestKafka.key(r)), expected.size(), WAIT);
            assertEquals(expected.size(), published.size(), "events of " + project);
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i), published.get(i).value(), () -> "event of " + project + ": "
                        + new String(expected.get(0), StandardCharsets.UTF_8));
            }
        }
        ProjectTotalsPublicationTest.assertProjectTotalsMatchLedger(pool, a);
        ProjectTotalsPublicationTest.assertProjectTotalsMatchLedger(pool, b);
    }

    /** What the relay yields from the table for this project's entries, in seq order. */
    private List<byte[]> tableEvents(String project) {
        List<byte[]> events = new ArrayList<>();
        for (Row row : pool.preparedQuery("SELECT " + LedgerRelay.EVENT_COLUMNS
                        + " FROM ledger_entry WHERE project_code = $1 ORDER BY seq")
                .execute(Tuple.of(project)).await().atMost(WAIT)) {
            events.add(LedgerRelay.toJson(row));
        }
        return events;
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await().atMost(WAIT).until(condition);
    }
}
