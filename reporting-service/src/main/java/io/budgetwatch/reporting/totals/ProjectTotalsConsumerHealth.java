package io.budgetwatch.reporting.totals;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;

/**
 * Readiness of the execution.project-totals consumer: DOWN when its thread is gone or it has neither polled nor
 * stored a batch for {@code budgetwatch.project-totals-consumer.stall-after} (e.g. a batch the database keeps
 * refusing); the read model is falling behind the ledger then.
 */
@Readiness
@ApplicationScoped
public class ProjectTotalsConsumerHealth implements HealthCheck {

    static final String NAME = "execution.project-totals consumer";

    @Inject
    ProjectTotalsTopicConsumer consumer;

    @Inject
    ProjectTotalsConsumerSettings settings;

    @Override
    public HealthCheckResponse call() {
        return response(consumer.status(), settings.stallAfter());
    }

    static HealthCheckResponse response(ProjectTotalsTopicConsumer.Status s, Duration stallAfter) {
        HealthCheckResponseBuilder b = HealthCheckResponse.named(NAME).withData("enabled", s.enabled());
        if (!s.enabled()) {
            return b.up().build();
        }
        b.withData("secondsSinceProgress", s.sinceProgress().toSeconds()).withData("eventsBeingStored", s.storing());
        if (!s.alive()) {
            return b.down().withData("reason", "consumer thread not running").build();
        }
        if (s.waitingForRebuild()) {
            return b.up().withData("reason", "waiting for a read-model rebuild on another replica").build();
        }
        if (s.sinceProgress().compareTo(stallAfter) > 0) {
            return b.down().withData("reason", s.storing() > 0
                    ? "a batch of " + s.storing() + " events has not been stored for " + s.sinceProgress().toSeconds() + " s"
                    : "no poll for " + s.sinceProgress().toSeconds() + " s").build();
        }
        return b.up().build();
    }
}
