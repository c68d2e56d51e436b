package io.budgetwatch.reporting;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * The clock of the tests: replaces the service's clock (a default bean) and can be moved, so a test
 * can let checkpoints pass without waiting. Starts at 15 July 2021, 10:00 Beijing time.
 */
@Singleton
public class TestClock extends Clock {

    public static final Instant START = OffsetDateTime.parse("2021-07-15T10:00:00+08:00").toInstant();
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private volatile Instant now = START;

    public void set(String offsetDateTime) {
        now = OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    public void reset() {
        now = START;
    }

    @Override
    public ZoneId getZone() {
        return ZONE;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(now, zone);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
