package io.budgetwatch.execution.dlq;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "budgetwatch.execution.dlq")
public interface DlqSettings {

    /** How often the DLQ relay looks for unsent refusals. */
    @WithDefault("500ms")
    Duration pollInterval();

    /** Refusals sent per database transaction. */
    @WithDefault("500")
    int batchSize();

    @WithDefault("true")
    boolean relayEnabled();
}
