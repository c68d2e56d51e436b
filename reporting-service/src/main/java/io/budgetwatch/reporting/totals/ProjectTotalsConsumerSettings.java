package io.budgetwatch.reporting.totals;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The execution.project-totals consumer ({@link ProjectTotalsTopicConsumer}): the executed amounts of the ledger. */
@ConfigMapping(prefix = "budgetwatch.project-totals-consumer")
public interface ProjectTotalsConsumerSettings {

    /** Off: the read model takes no executed amounts (the rebuild endpoint still replays the topic). */
    @WithDefault("true")
    boolean enabled();

    /** The topic: execution.project-totals (another name only for a scratch copy, as the reporting benchmark uses). */
    @WithDefault("execution.project-totals")
    String topic();

    /** Kafka consumer group; offsets are committed there after each batch is stored. */
    @WithDefault("reporting-service.project-totals")
    String groupId();

    /**
     * Most events (per ledger write and project) per batch: one database statement. Under a backlog, bigger
     * batches touch each project's day and month totals once for more events.
     */
    @WithDefault("10000")
    int maxBatch();

    /**
     * Fetch sizes, smaller than the client's defaults (1 MiB per partition, 50 MiB in all): fetched records wait in
     * the heap until polled, and under a backlog big fetch buffers outlive young collections. A poll returns what
     * the fetches brought, so these also bound the batch: 3 MiB is about 6 000 events.
     */
    @WithDefault("524288")
    int partitionFetchMaxBytes();

    @WithDefault("3145728")
    int fetchMaxBytes();

    /**
     * A fetch waits for this much (or {@code fetch-max-wait}): while execution-service writes fast, a batch then
     * holds several of its writes, whose amounts on the same project, day and fund become one upsert of the daily
     * and monthly totals, and one evaluation of the immediate rules per project instead of one per write.
     */
    @WithDefault("262144")
    int fetchMinBytes();

    /** The longest a fetch waits for {@code fetch-min-bytes}: how late, at most, a quiet ledger's totals are. */
    @WithDefault("250ms")
    Duration fetchMaxWait();

    @WithDefault("500ms")
    Duration pollTimeout();

    /** Readiness turns DOWN when the consumer has neither polled nor stored a batch for this long. */
    @WithDefault("2m")
    Duration stallAfter();
}
