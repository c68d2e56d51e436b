package io.budgetwatch.common.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gauges whose value is a count in the service's database (rows a relay has not published yet, held payments). The
 * counts run on a timer ({@code budgetwatch.metrics.count-interval}) over the reactive client, never at scrape time:
 * a scrape answers the last count (NaN before the first). The database is shared by the replicas, so every replica
 * reports the same value (aggregate with max, not sum).
 */
@ApplicationScoped
public class StoredCounts {

    private static final Logger LOG = Logger.getLogger(StoredCounts.class);

    /** Rows of a relay not published yet, tag {@code relay}. */
    public static final String RELAY_BACKLOG = "budgetwatch.relay.backlog";

    @Inject
    MeterRegistry registry;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    MetricsSettings settings;

    private final List<Counted> counted = new CopyOnWriteArrayList<>();
    private final AtomicBoolean counting = new AtomicBoolean();
    private long timer = -1;

    /** One gauge and the query (one row, one integer column) that counts its value. */
    private static final class Counted {
        final String sql;
        volatile double value = Double.NaN;

        Counted(String sql) {
            this.sql = sql;
        }
    }

    /**
     * Registers gauge {@code name} with {@code tags} (name, value pairs), counted by {@code countSql} (one row, one
     * integer column, no parameters).
     */
    public void gauge(String name, String description, String countSql, String... tags) {
        Counted c = new Counted(countSql);
        Gauge.builder(name, c, x -> x.value).description(description).tags(tags).register(registry);
        counted.add(c);
    }

    /** The backlog of relay {@code relay}: how many of its rows {@code countSql} finds unpublished. */
    public void relayBacklog(String relay, String countSql) {
        gauge(RELAY_BACKLOG, "Rows of a relay not yet published to Kafka (outbox, ledger, DLQ)", countSql,
                "relay", relay);
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(settings.countInterval().toMillis(), id -> {
            // a count still running when the next is due (a slow database) is not joined by another
            if (counting.compareAndSet(false, true)) {
                refresh().eventually(() -> counting.set(false)).subscribe().with(
                        done -> { }, failure -> LOG.debugf("Counting the stored gauges failed: %s", failure));
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Counts every gauge again, one query after the other; a count that fails keeps the last value. */
    public Uni<Void> refresh() {
        return Multi.createFrom().iterable(counted)
                .onItem().transformToUniAndConcatenate(c -> pool.query(c.sql).execute()
                        .invoke(rows -> c.value = rows.iterator().next().getLong(0))
                        .onFailure().invoke(failure -> LOG.debugf("Count failed (%s): %s", c.sql, failure))
                        .onFailure().recoverWithNull())
                .collect().last()
                .replaceWithVoid();
    }
}
