package io.budgetwatch.common.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** The one source of time for every service; tests pin it with {@code budgetwatch.clock.fixed}. */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock(ClockSettings settings) {
        ZoneId zone = ZoneId.of(settings.zone());
        return settings.fixed()
                .map(instant -> Clock.fixed(OffsetDateTime.parse(instant).toInstant(), zone))
                .orElseGet(() -> Clock.system(zone));
    }
}
