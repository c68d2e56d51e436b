package io.budgetwatch.reporting.alert;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalDate;

/**
 * Evaluates every checkpoint of every project once the checkpoint day is over, by the injected clock.
 * Replicas may run it concurrently: what is stored is keyed so that nothing is raised twice.
 */
@ApplicationScoped
public class CheckpointScheduler {

    private static final Logger LOG = Logger.getLogger(CheckpointScheduler.class);

    @Inject
    AlertService alerts;

    @Inject
    AlertSettings settings;

    @Inject
    Clock clock;

    // The first run waits for the consumers to catch up with the topics after a (re)start, so that a
    // checkpoint is not judged on a read model that has not yet seen the payments made before it.
    @Scheduled(every = "${budgetwatch.alerts.evaluation-interval:60s}",
            delayed = "${budgetwatch.alerts.initial-delay:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> evaluate() {
        if (!settings.schedulerEnabled()) {
            return Uni.createFrom().voidItem();
        }
        return runOnce().replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("Checkpoint evaluation failed, next run retries: %s", e.toString());
                    return null;
                });
    }

    /** One pass: every checkpoint that is over by today and not evaluated yet. */
    public Uni<AlertService.Summary> runOnce() {
        LocalDate today = LocalDate.now(clock);
        return alerts.evaluateDueCheckpoints(today).invoke(summary -> {
            if (summary.checkpointsEvaluated() > 0) {
                LOG.infof("Evaluated %d checkpoint(s) of %d project(s) up to %s: %d alert(s)",
                        summary.checkpointsEvaluated(), summary.projectsEvaluated(), today, summary.alertsRaised());
            }
        });
    }
}
