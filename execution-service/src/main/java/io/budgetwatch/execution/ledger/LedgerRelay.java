package io.budgetwatch.execution.ledger;

import io.budgetwatch.events.LedgerEntryEvent;
import io.budgetwatch.common.relay.RelayLoop;
import io.budgetwatch.events.Topics;
import io.budgetwatch.execution.kafka.Producers;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The outbox of the ledger: publishes ledger entries on execution.ledger (key = project code) in seq
 * order and moves a cursor forward in the transaction that read them. The ledger table itself is
 * the outbox: an entry is published if and only if it was committed, at least once (consumers
 * deduplicate by entryId). This costs no extra row per entry, which a separate outbox row would
 * (measured: it halves the ingestion rate). Correct because every ledger writer holds
 * {@link LedgerStore#LEDGER_LOCK} until commit, so seq order is commit order and no entry can
 * appear behind the cursor. One replica publishes at a time (advisory lock).
 */
@ApplicationScoped
public class LedgerRelay {

    private static final Logger LOG = Logger.getLogger(LedgerRelay.class);
    private static final long RELAY_LOCK = 0x1ED6E5L;
    static final String CURSOR = Topics.LEDGER;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    Producers producers;

    @Inject
    LedgerRelaySettings settings;

    private RelayLoop loop;

    void start(@Observes StartupEvent event) {
        loop = new RelayLoop("Ledger", settings.batchSize(),
                () -> RelayLoop.underAdvisoryLock(pool, RELAY_LOCK, this::publishLocked));
        if (settings.enabled()) {
            loop.start(vertx, settings.pollInterval());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.stop();
        }
    }

    /** Starts a round unless one is running; a request during a round causes another. */
    public void nudge() {
        if (loop != null && settings.enabled()) {
            loop.nudge();
        }
    }

    /** Sends until no full batch is left; returns how many were sent. */
    public Uni<Integer> drain() {
        return loop.drain();
    }

    /** The last seq published. */
    public Uni<Long> cursor() {
        return pool.preparedQuery("SELECT last_seq FROM publish_cursor WHERE name = $1").execute(Tuple.of(CURSOR))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private Uni<Integer> publishLocked(SqlConnection conn) {
        return conn.preparedQuery("SELECT last_seq FROM publish_cursor WHERE name = $1 FOR UPDATE")
                .execute(Tuple.of(CURSOR))
                .map(rows -> rows.iterator().next().getLong(0))
                .flatMap(last -> conn.preparedQuery("""
                                SELECT seq, entry_id, payment_id, kind, original_payment_id, fiscal_year, agency_code,
                                       project_code, (amount * 100)::bigint, fund_source, paid_on, overspend,
                                       recorded_at, (project_total * 100)::bigint, (project_fiscal * 100)::bigint,
                                       (project_other * 100)::bigint
                                FROM ledger_entry WHERE seq > $1 ORDER BY seq LIMIT $2""")
                        .execute(Tuple.of(last, settings.batchSize())))
                .flatMap(rows -> {
                    List<Row> batch = new ArrayList<>(rows.size());
                    rows.forEach(batch::add);
                    if (batch.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    long newLast = batch.get(batch.size() - 1).getLong(0);
                    return send(batch).flatMap(sent -> conn
                            .preparedQuery("UPDATE publish_cursor SET last_seq = $2 WHERE name = $1")
                            .execute(Tuple.of(CURSOR, newLast))
                            .map(done -> batch.size()));
                });
    }

    private Uni<Integer> send(List<Row> batch) {
        return Uni.createFrom().item(() -> {
            Producer<byte[], byte[]> producer = producers.ledger();
            List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
            for (Row row : batch) {
                LedgerEntryEvent event = toEvent(row);
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topics.LEDGER,
                        event.projectCode().getBytes(StandardCharsets.UTF_8), LedgerEventJson.write(event));
                record.headers().add(Topics.HEADER_EVENT_ID, event.entryId().getBytes(StandardCharsets.UTF_8));
                record.headers().add(Topics.HEADER_EVENT_TYPE, EVENT_TYPE);
                acks.add(producer.send(record));
            }
            producer.flush();
            try {
                for (Future<RecordMetadata> ack : acks) {
                    ack.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while publishing the ledger", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("Kafka refused a ledger entry", e.getCause());
            }
            return batch.size();
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static final byte[] EVENT_TYPE = LedgerEntryEvent.class.getSimpleName().getBytes(StandardCharsets.UTF_8);

    /** Columns by position, as selected in {@link #publishLocked}; money arrives as whole fen. */
    static LedgerEntryEvent toEvent(Row row) {
        return new LedgerEntryEvent(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                row.getInteger(5), row.getString(6), row.getString(7), BigDecimal.valueOf(row.getLong(8), 2),
                row.getString(9), row.getLocalDate(10), row.getBoolean(11), row.getOffsetDateTime(12).toInstant(),
                BigDecimal.valueOf(row.getLong(13), 2), BigDecimal.valueOf(row.getLong(14), 2),
                BigDecimal.valueOf(row.getLong(15), 2));
    }
}
