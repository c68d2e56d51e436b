package io.budgetwatch.reporting.totals;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProjectTotalsConsumerHealthTest {

    private static final Duration STALL = Duration.ofMinutes(2);

    private static HealthCheckResponse check(boolean enabled, boolean alive, Duration since, int storing) {
        return check(enabled, alive, since, storing, false);
    }

    private static HealthCheckResponse check(boolean enabled, boolean alive, Duration since, int storing,
                                             boolean waitingForRebuild) {
        return ProjectTotalsConsumerHealth.response(
                new ProjectTotalsTopicConsumer.Status(enabled, alive, since, storing, waitingForRebuild), STALL);
    }

    @Test
    void upWhileItPollsOrStores() {
        assertEquals(HealthCheckResponse.Status.UP, check(true, true, Duration.ofSeconds(1), 0).getStatus());
        assertEquals(HealthCheckResponse.Status.UP, check(true, true, Duration.ofSeconds(119), 7000).getStatus());
    }

    @Test
    void downWhenABatchIsStuckOrTheThreadIsGone() {
        HealthCheckResponse stuck = check(true, true, Duration.ofSeconds(121), 7000);
        assertEquals(HealthCheckResponse.Status.DOWN, stuck.getStatus());
        assertTrue(stuck.getData().orElseThrow().get("reason").toString().contains("7000 events"));
        HealthCheckResponse gone = check(true, false, Duration.ofSeconds(1), 0);
        assertEquals(HealthCheckResponse.Status.DOWN, gone.getStatus());
        assertEquals("consumer thread not running", gone.getData().orElseThrow().get("reason"));
    }

    @Test
    void waitingForAnotherReplicasRebuildIsNotAStall() {
        HealthCheckResponse waiting = check(true, true, Duration.ofMinutes(10), 7000, true);
        assertEquals(HealthCheckResponse.Status.UP, waiting.getStatus());
        assertEquals("waiting for a read-model rebuild on another replica", waiting.getData().orElseThrow().get("reason"));
        assertEquals(HealthCheckResponse.Status.DOWN, check(true, false, Duration.ofMinutes(10), 0, true).getStatus());
    }

    @Test
    void switchedOffIsNotAFailure() {
        HealthCheckResponse off = check(false, false, Duration.ofHours(1), 0);
        assertEquals(HealthCheckResponse.Status.UP, off.getStatus());
        assertEquals(false, off.getData().orElseThrow().get("enabled"));
    }
}
