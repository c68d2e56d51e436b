package io.budgetwatch.goals.document;

import io.budgetwatch.common.metrics.StoredCounts;
import io.budgetwatch.goals.support.SeedVariants;
import io.budgetwatch.testsupport.ScrapedMetrics;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** GET /q/metrics (no token, as Prometheus scrapes): an import counts once, the same bytes again not at all. */
@QuarkusTest
class ImportMetricsTest {

    private static final String IMPORTED = "budgetwatch_goal_documents_imported_total";

    @Inject
    StoredCounts counts;

    @Test
    void aNewVersionIsCountedAndTheSameDocumentAgainIsNot() {
        // a tag no other test uses: project codes are unique across agencies
        byte[] body = SeedVariants.seedFor("213921", 'J').toText();
        double before = ScrapedMetrics.scrape().value(IMPORTED);
        DocumentVersionApiTest.post(body, 201);
        assertEquals(before + 1, ScrapedMetrics.scrape().value(IMPORTED));
        DocumentVersionApiTest.post(body, 200);
        assertEquals(before + 1, ScrapedMetrics.scrape().value(IMPORTED));

        // the import's snapshot events went through the outbox: once published, the backlog counts none of them
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            counts.refresh().await().indefinitely();
            assertEquals(0, ScrapedMetrics.scrape().value("budgetwatch_relay_backlog", "relay", "outbox"));
        });
    }
}
