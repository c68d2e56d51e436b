package io.budgetwatch.common.time;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class ClockProducerTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    /** The real time, as the test moves it. */
    static final class SteppedClock extends Clock {
        Instant now;

        SteppedClock(String instant) {
            now = Instant.parse(instant);
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            SteppedClock outer = this;
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return zone;
                }

                @Override
                public Clock withZone(ZoneId other) {
                    return outer.withZone(other);
                }

                @Override
                public Instant instant() {
                    return outer.now;
                }
            };
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static ClockSettings settings(String fixed, String demoDate) {
        return new ClockSettings() {
            @Override
            public String zone() {
                return "Asia/Shanghai";
            }

            @Override
            public Optional<String> fixed() {
                return Optional.ofNullable(fixed);
            }

            @Override
            public Optional<LocalDate> demoDate() {
                return Optional.ofNullable(demoDate).map(LocalDate::parse);
            }
        };
    }

    @Test
    void theDemoDateIsTheShanghaiDateAndTheTimeOfDayKeepsTicking() {
        // 3 December 2026, 20:57:13 UTC: already 4 December, 04:57:13 in Shanghai.
        SteppedClock real = new SteppedClock("2026-12-03T20:57:13Z");
        Clock clock = ClockProducer.clock(settings(null, "2021-07-31"), real);

        assertEquals(SHANGHAI, clock.getZone());
        assertEquals(LocalDateTime.parse("2021-07-31T04:57:13"), LocalDateTime.now(clock));
        assertEquals(Instant.parse("2021-07-30T20:57:13Z"), clock.instant());

        real.advance(Duration.ofMinutes(90).plusMillis(250));
        assertEquals(LocalDateTime.parse("2021-07-31T06:27:13.250"), LocalDateTime.now(clock));

        // the offset is fixed at start: the next real midnight in Shanghai is the next business day
        real.advance(Duration.ofHours(17).plusMinutes(32).plusSeconds(47).minusMillis(251));
        assertEquals(LocalDateTime.parse("2021-07-31T23:59:59.999"), LocalDateTime.now(clock));
        real.advance(Duration.ofMillis(1));
        assertEquals(LocalDate.parse("2021-08-01"), LocalDate.now(clock));
    }

    @Test
    void aDemoDateAfterTheRealDateMovesForwardByWholeDays() {
        SteppedClock real = new SteppedClock("2026-12-03T09:00:00Z");
        Clock clock = ClockProducer.clock(settings(null, "2027-01-31"), real);

        assertEquals(LocalDateTime.parse("2027-01-31T17:00:00"), LocalDateTime.now(clock));
        assertEquals(Duration.ofDays(59), Duration.between(real.instant(), clock.instant()));
    }

    @Test
    void aFixedClockIsMovedToTheDemoDateAtTheSameTimeOfDay() {
        Clock clock = ClockProducer.clock(settings("2021-07-01T09:00:00+08:00", "2021-10-31"),
                new SteppedClock("2026-12-03T20:57:13Z"));

        assertEquals(LocalDateTime.parse("2021-10-31T09:00:00"), LocalDateTime.now(clock));
        assertEquals(clock.instant(), clock.instant(), "a fixed clock stays fixed");
    }

    @Test
    void withoutDemoDateTheClockIsTheRealOrTheFixedOne() {
        SteppedClock real = new SteppedClock("2026-12-03T20:57:13Z");
        Clock system = ClockProducer.clock(settings(null, null), real);
        assertEquals(SHANGHAI, system.getZone());
        assertEquals(real.instant(), system.instant());
        real.advance(Duration.ofSeconds(5));
        assertEquals(Instant.parse("2026-12-03T20:57:18Z"), system.instant());

        Clock fixed = ClockProducer.clock(settings("2021-07-01T09:00:00+08:00", null), real);
        assertEquals(Instant.parse("2021-07-01T01:00:00Z"), fixed.instant());
        assertEquals(SHANGHAI, fixed.getZone());
    }

    @Test
    void theRealDateAsDemoDateLeavesTheClockAlone() {
        Clock base = Clock.fixed(Instant.parse("2026-12-03T20:57:13Z"), SHANGHAI);
        assertSame(base, ClockProducer.shiftedTo(base, LocalDate.parse("2026-12-04")));
    }
}
