package io.budgetwatch.reporting.ledger;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The execution.ledger consumer ({@link LedgerTopicConsumer}). */
@ConfigMapping(prefix = "budgetwatch.ledger-consumer")
public interface LedgerConsumerSettings {

    /** Off: the read model takes no ledger entries (the rebuild endpoint still replays the topic). */
    @WithDefault("true")
    boolean enabled();

    /** Kafka consumer group; offsets are committed there after each batch is stored. */
    @WithDefault("reporting-service.ledger")
    String groupId();

    /**
     * Most entries per batch (one database statement). Under a backlog, bigger batches touch each project's
     * day and month totals once for more entries (measured per entry, idle database: 8.1 µs at 3 400, 7.3 µs
     * at 10 000).
     */
    @WithDefault("10000")
    int maxBatch();

    /**
     * Fetch sizes, smaller than the client's defaults (1 MiB per partition, 50 MiB in all): fetched records wait in
     * the heap until polled, and under a backlog big fetch buffers outlive young collections. A poll returns what
     * the fetches brought, so these also bound the batch: 3 MiB is about 7 000 entries.
     */
    @WithDefault("524288")
    int partitionFetchMaxBytes();

    @WithDefault("3145728")
    int fetchMaxBytes();

    @WithDefault("500ms")
    Duration pollTimeout();

    /** Readiness turns DOWN when the consumer has neither polled nor stored a batch for this long. */
    @WithDefault("2m")
    Duration stallAfter();
}
