package io.budgetwatch.common.time;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.LocalDate;
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

    /**
     * Business date for a demonstration (e.g. {@code 2021-07-31}): the clock keeps ticking with the real time of
     * day, but its date in {@link #zone()} is shifted to this one at start (a constant offset, so scheduled
     * checkpoints, retries and the outbox still move, and the next midnight is the next day). Applied on top of
     * {@link #fixed()} when both are set; empty means no shift.
     */
    Optional<LocalDate> demoDate();
}
