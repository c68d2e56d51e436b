package io.budgetwatch.execution.ledger;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Publishing of ledger entries on execution.ledger. */
@ConfigMapping(prefix = "budgetwatch.execution.ledger-relay")
public interface LedgerRelaySettings {

    @WithDefault("true")
    boolean enabled();

    /** How often the relay looks for unpublished entries (besides being nudged after each commit). */
    @WithDefault("200ms")
    Duration pollInterval();

    /** Entries published per database transaction. */
    @WithDefault("5000")
    int batchSize();

    /**
     * Committed entries kept in memory for publishing without reading them back; beyond this the
     * relay reads the table (e.g. while the broker is away).
     */
    @WithDefault("20000")
    int memoryLimit();
}
