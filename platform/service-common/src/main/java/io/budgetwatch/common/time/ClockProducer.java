package io.budgetwatch.common.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The one source of time for every service; tests pin it with {@code budgetwatch.clock.fixed}, demonstrations
 * move its business date with {@code budgetwatch.clock.demo-date}.
 */
@ApplicationScoped
public class ClockProducer {

    private static final Logger LOG = Logger.getLogger(ClockProducer.class);

    @Produces
    @Singleton
    @DefaultBean
    Clock clock(ClockSettings settings) {
        Clock clock = clock(settings, Clock.systemUTC());
        settings.demoDate().ifPresent(date -> LOG.infof("Demo business date %s: the clock is shifted by %d day(s), now %s",
                date, Duration.between(Clock.systemUTC().instant(), clock.instant()).toDays(), ZonedDateTime.now(clock)));
        return clock;
    }

    /**
     * The clock of these settings over {@code system}, the real time: pinned by {@code fixed} if set, then moved
     * by whole days so that its date in the business zone is {@code demo-date}, keeping the time of day.
     */
    static Clock clock(ClockSettings settings, Clock system) {
        ZoneId zone = ZoneId.of(settings.zone());
        Clock base = settings.fixed()
                .map(instant -> Clock.fixed(OffsetDateTime.parse(instant).toInstant(), zone))
                .orElseGet(() -> system.withZone(zone));
        return settings.demoDate().map(date -> shiftedTo(base, date)).orElse(base);
    }

    /** {@code base} offset so that its current date is {@code date}; the offset is computed once, now. */
    static Clock shiftedTo(Clock base, LocalDate date) {
        ZonedDateTime now = ZonedDateTime.now(base);
        // The same local time on the demo date: whole days in a zone without daylight saving (Asia/Shanghai).
        Duration offset = Duration.between(now, now.with(date));
        return offset.isZero() ? base : Clock.offset(base, offset);
    }
}
