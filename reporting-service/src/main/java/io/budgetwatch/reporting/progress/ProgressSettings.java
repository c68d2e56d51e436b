package io.budgetwatch.reporting.progress;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;

/** Thresholds that turn a gap to plan into a status. Percentage points; configurable per deployment. */
@ConfigMapping(prefix = "budgetwatch.progress")
public interface ProgressSettings {

    /** Actual below planned by more than this many points: lagging (滞后). */
    @WithDefault("10")
    BigDecimal lagWarningPoints();

    /** Actual below planned by more than this many points: seriously lagging (严重滞后). */
    @WithDefault("20")
    BigDecimal lagCriticalPoints();
}
