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

    /** Most entries per batch (one database statement). */
    @WithDefault("5000")
    int maxBatch();

    /**
     * Fetch sizes, smaller than the client's defaults (1 MiB per partition, 50 MiB in all): fetched records wait in
     * the heap until polled, and under a backlog big fetch buffers outlive young collections (measured with -Xmx200m
     * and 6 partitions: 225 young collections averaging 20 ms and 21 full collections per minute of draining).
     */
    @WithDefault("262144")
    int partitionFetchMaxBytes();

    @WithDefault("1572864")
    int fetchMaxBytes();

    @WithDefault("500ms")
    Duration pollTimeout();
}
