package io.budgetwatch.common.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "budgetwatch.outbox")
public interface OutboxSettings {

    /** How often the relay looks for unpublished rows. */
    @WithDefault("200ms")
    Duration pollInterval();

    /** Rows published per database transaction. */
    @WithDefault("500")
    int batchSize();

    /** Published rows older than this are deleted. */
    @WithDefault("P7D")
    Duration retention();

    /** Turns the relay off (e.g. a read-only replica). */
    @WithDefault("true")
    boolean enabled();
}
