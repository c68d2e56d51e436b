package io.budgetwatch.common.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "budgetwatch.metrics")
public interface MetricsSettings {

    /**
     * How often the gauges counted in the database ({@link StoredCounts}: relay backlogs, held payments) are counted
     * again; a scrape answers the last count.
     */
    @WithDefault("10s")
    Duration countInterval();
}
