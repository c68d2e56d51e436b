package io.budgetwatch.common.time;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Where "now" comes from. Business dates are calendar dates in {@link #zone()}. */
@ConfigMapping(prefix = "budgetwatch.clock")
public interface ClockSettings {

    /** Business time zone; budget dates are Asia/Shanghai calendar dates. */
    @WithDefault("Asia/Shanghai")
    String zone();

    /**
     * Pins the clock to an instant (ISO-8601, e.g. {@code 2021-07-01T09:00:00+08:00}). Meant for tests
     * and demonstrations; empty means the system clock.
     */
    Optional<String> fixed();
}
