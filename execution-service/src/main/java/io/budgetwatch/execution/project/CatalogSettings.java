package io.budgetwatch.execution.project;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The project catalog fed by goals.projects. */
@ConfigMapping(prefix = "budgetwatch.execution.projects")
public interface CatalogSettings {

    /** Consume goals.projects (off only for tools that never validate payments). */
    @WithDefault("true")
    boolean enabled();

    /** Longest wait of one poll of goals.projects. */
    @WithDefault("200ms")
    Duration pollTimeout();

    /**
     * How long a payment batch or a request waits for the catalog to read goals.projects up to its
     * current end before it decides a project is unknown.
     */
    @WithDefault("15s")
    Duration syncTimeout();

    /** How long payment consumption waits at start-up for the catalog to catch up. */
    @WithDefault("60s")
    Duration initialSyncTimeout();
}
