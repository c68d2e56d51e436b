package io.budgetwatch.reporting.alert;

import io.budgetwatch.common.persistence.AdvisoryLocks;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalDate;

/**
 * Evaluates every checkpoint of every project once the checkpoint day is over, by the injected clock. One replica
 * at a time makes a pass (an advisory lock; the others skip theirs), and what is stored is keyed besides, so that
 * nothing is raised twice.
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

    @Inject
    Pool pool;

    /** Advisory lock of a pass, in reporting-service's database. */
    static final long PASS_LOCK = 0xC4EC6B7L;

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

    /** One pass: every checkpoint that is over by today and not evaluated yet; nothing while another replica passes. */
    public Uni<AlertService.Summary> runOnce() {
        LocalDate today = LocalDate.now(clock);
        return AdvisoryLocks.whenFree(pool, PASS_LOCK, lockHolder -> alerts.evaluateDueCheckpoints(today),
                () -> new AlertService.Summary(today, 0, 0, 0)).invoke(summary -> {
            if (summary.checkpointsEvaluated() > 0) {
                LOG.infof("Evaluated %d checkpoint(s) of %d project(s) up to %s: %d alert(s)",
                        summary.checkpointsEvaluated(), summary.projectsEvaluated(), today, summary.alertsRaised());
            }
        });
    }
}
