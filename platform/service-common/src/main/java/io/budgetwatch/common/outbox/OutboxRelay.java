package io.budgetwatch.common.outbox;

import io.budgetwatch.common.kafka.SuiteKafka;
import io.budgetwatch.common.metrics.StoredCounts;
import io.budgetwatch.common.relay.RelayLoop;
import io.budgetwatch.common.relay.RelaySends;
import io.budgetwatch.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes outbox rows to Kafka in id order and marks them published in the same transaction that
 * locked them. A transaction-scoped advisory lock lets only one replica publish at a time, which
 * keeps per-key order across replicas. Delivery is at least once; consumers deduplicate by event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary constant identifying the relay's advisory lock in each service database. */
    private static final long RELAY_LOCK = 0x0B0D6E7L;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    SuiteKafka kafka;

    @Inject
    OutboxSettings settings;

    @Inject
    Clock clock;

    @Inject
    StoredCounts counts;

    private volatile boolean stopped;

    private RelayLoop loop;

    void start(@Observes StartupEvent event) {
        loop = new RelayLoop("Outbox", settings.batchSize(),
                () -> RelayLoop.underAdvisoryLock(pool, RELAY_LOCK, this::publishLocked));
        counts.relayBacklog("outbox", "SELECT count(*) FROM outbox WHERE published_at IS NULL");
        if (!settings.enabled()) {
            return;
        }
        loop.start(vertx, settings.pollInterval());
        vertx.setPeriodic(60_000, id -> purgePublished());
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (loop != null) {
            loop.stop();
        }
    }

    /** Starts a publishing round unless one is running; a request during a round causes another. */
    public void nudge() {
        if (loop != null && settings.enabled()) {
            loop.nudge();
        }
    }

    /** Publishes until no full batch is left. Returns the number of rows published. */
    public Uni<Integer> drain() {
        return loop.drain();
    }

    private Uni<Integer> publishLocked(SqlConnection conn) {
        return conn.preparedQuery("SELECT id, event_id, topic, msg_key, event_type, payload FROM outbox "
                        + "WHERE published_at IS NULL ORDER BY id LIMIT $1")
                .execute(Tuple.of(settings.batchSize()))
                .flatMap(rows -> rows.size() == 0
                        ? Uni.createFrom().item(0)
                        : send(rows).flatMap(ids -> conn
                                .preparedQuery("UPDATE outbox SET published_at = $2 WHERE id = ANY($1)")
                                .execute(Tuple.of(ids.toArray(new Long[0]), OffsetDateTime.now(clock)))
                                .map(done -> ids.size())));
    }

    /** Sends a batch (see {@link RelaySends}); answers the ids of the rows sent. */
    private Uni<List<Long>> send(RowSet<Row> rows) {
        List<Row> batch = new ArrayList<>();
        rows.forEach(batch::add);
        List<Long> ids = batch.stream().map(row -> row.getLong("id")).toList();
        return RelaySends.<String, byte[]>sendAll(kafka::producer, () -> batch.stream().map(OutboxRelay::record).toList(),
                "an outbox event").replaceWith(ids);
    }

    private static ProducerRecord<String, byte[]> record(Row row) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.getString("topic"),
                row.getString("msg_key"), row.getString("payload").getBytes(StandardCharsets.UTF_8));
        record.headers().add(Topics.HEADER_EVENT_ID, row.getString("event_id").getBytes(StandardCharsets.UTF_8));
        record.headers().add(Topics.HEADER_EVENT_TYPE, row.getString("event_type").getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private void purgePublished() {
        if (stopped) {
            return;
        }
        OffsetDateTime cutoff = OffsetDateTime.now(clock).minus(settings.retention());
        pool.preparedQuery("DELETE FROM outbox WHERE published_at IS NOT NULL AND published_at < $1")
                .execute(Tuple.of(cutoff))
                .subscribe().with(done -> { }, failure -> LOG.debugf("Outbox purge skipped: %s", failure));
    }
}
