package io.budgetwatch.common.relay;

import io.budgetwatch.common.persistence.AdvisoryLocks;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The round mechanics every relay (outbox, ledger, DLQ) shares: one round at a time, a request during
 * a round causes one more, a round publishes batches until a batch is not full, and a failed round
 * is retried by the next poll. Each batch runs in a transaction that holds the relay's advisory lock,
 * so one replica publishes at a time and per-key order survives several replicas.
 */
public final class RelayLoop {

    private static final Logger LOG = Logger.getLogger(RelayLoop.class);

    private final String name;
    private final Supplier<Uni<Integer>> batch;
    private final int batchSize;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopped;
    private long timerId = -1;
    private Vertx vertx;

    /**
     * @param batch publishes one batch and answers how many records it published
     */
    public RelayLoop(String name, int batchSize, Supplier<Uni<Integer>> batch) {
        this.name = name;
        this.batchSize = batchSize;
        this.batch = batch;
    }

    /** Polls every {@code interval} from now on. */
    public void start(Vertx vertx, Duration interval) {
        this.vertx = vertx;
        timerId = vertx.setPeriodic(interval.toMillis(), id -> nudge());
    }

    public void stop() {
        stopped = true;
        if (vertx != null && timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** Starts a round unless one is running; a request during a round causes another. */
    public void nudge() {
        if (stopped) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        drain().subscribe().with(count -> {
            running.set(false);
            if (again.get()) {
                nudge();
            }
        }, failure -> {
            LOG.warnf("%s relay round failed, will retry: %s", name, failure.toString());
            running.set(false);
        });
    }

    /** Publishes until no full batch is left; answers how many records were published. */
    public Uni<Integer> drain() {
        return batch.get().flatMap(count -> count >= batchSize && !stopped
                ? drain().map(more -> count + more)
                : Uni.createFrom().item(count));
    }

    /** Runs {@code work} in a transaction holding advisory lock {@code lock}; 0 when another replica holds it. */
    public static Uni<Integer> underAdvisoryLock(Pool pool, long lock, Function<SqlConnection, Uni<Integer>> work) {
        return AdvisoryLocks.whenFree(pool, lock, work, () -> 0);
    }
}
