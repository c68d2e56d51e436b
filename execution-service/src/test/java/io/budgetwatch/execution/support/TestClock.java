package io.budgetwatch.execution.support;

import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * The clock of every test in this module: pinned at 2021-07-01 09:00 Shanghai time, moved only by a
 * test that needs time to pass (and moved back by it). Replaces the default clock bean.
 */
@Singleton
public class TestClock extends Clock {

    public static final Instant START = OffsetDateTime.parse("2021-07-01T09:00:00+08:00").toInstant();
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private volatile Instant now = START;

    public void advance(Duration duration) {
        now = now.plus(duration);
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
