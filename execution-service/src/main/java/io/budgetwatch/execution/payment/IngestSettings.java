package io.budgetwatch.execution.payment;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Consumption of treasury.payments. */
@ConfigMapping(prefix = "budgetwatch.execution.payments")
public interface IngestSettings {

    /** Consume treasury.payments (HTTP ingestion works either way). */
    @WithDefault("true")
    boolean consumerEnabled();

    /** Kafka consumer group of the service (all replicas share it; partitions are spread among them). */
    @WithDefault("execution-service")
    String groupId();

    /** Consumer threads per service instance (each owns some partitions; batches still commit one at a time). */
    @WithDefault("1")
    int consumers();

    /** Most records per batch (= per database transaction); Kafka max.poll.records. */
    @WithDefault("4000")
    int maxBatch();

    /** Longest wait of one poll when nothing is there. */
    @WithDefault("200ms")
    Duration pollTimeout();

    /** Kafka fetch.min.bytes: lets the broker gather fuller batches under load. */
    @WithDefault("65536")
    int fetchMinBytes();

    /** Kafka fetch.max.wait.ms: upper bound on the wait for fetch.min.bytes. */
    @WithDefault("50ms")
    Duration fetchMaxWait();

    /**
     * Kafka max.partition.fetch.bytes and fetch.max.bytes: a fetch response is one heap array that
     * lives until its records are consumed; multi-megabyte ones end up in the old generation and cost
     * full collections, so keep them near the size of one batch.
     */
    @WithDefault("262144")
    int partitionFetchMaxBytes();

    @WithDefault("1572864")
    int fetchMaxBytes();

    /** Longest a batch transaction may take before it is failed and retried. */
    @WithDefault("60s")
    Duration batchTimeout();

    /** First pause after a failed batch (doubles up to 30 s while failures repeat). */
    @WithDefault("500ms")
    Duration retryBackoff();

    /**
     * How long a refund or correction whose original has not arrived is held before it is refused
     * to the DLQ as original-unknown (retryable).
     */
    @WithDefault("P3D")
    Duration holdTimeout();

    /**
     * Days after 31 December of a record's fiscal year in which its payment date is still accepted (the
     * year-end settlement period, 清算期); 0: none, a later date is refused as paid-after-fiscal-year.
     */
    @WithDefault("0")
    int settlementWindowDays();

    /** How often held records are checked for expiry. */
    @WithDefault("1m")
    Duration holdCheckInterval();
}
