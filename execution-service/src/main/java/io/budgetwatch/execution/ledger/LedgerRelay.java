package io.budgetwatch.execution.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetwatch.events.LedgerEntryEvent;
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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

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
    ObjectMapper mapper;

    @Inject
    LedgerRelaySettings settings;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopped;

    void start(@Observes StartupEvent event) {
        if (settings.enabled()) {
            vertx.setPeriodic(settings.pollInterval().toMillis(), id -> nudge());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
    }

    /** Starts a publishing round unless one is running; a request during a round causes another. */
    public void nudge() {
        if (stopped || !settings.enabled()) {
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
            LOG.warnf("Ledger relay round failed, will retry: %s", failure.toString());
            running.set(false);
        });
    }

    /** Publishes until no full batch is left; returns how many entries were published. */
    public Uni<Integer> drain() {
        return publishBatch().flatMap(count -> count >= settings.batchSize() && !stopped
                ? drain().map(more -> count + more)
                : Uni.createFrom().item(count));
    }

    /** The last seq published. */
    public Uni<Long> cursor() {
        return pool.preparedQuery("SELECT last_seq FROM publish_cursor WHERE name = $1").execute(Tuple.of(CURSOR))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private Uni<Integer> publishBatch() {
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT pg_try_advisory_xact_lock($1)")
                .execute(Tuple.of(RELAY_LOCK))
                .flatMap(lock -> lock.iterator().next().getBoolean(0) ? publishLocked(conn) : Uni.createFrom().item(0)));
    }

    private Uni<Integer> publishLocked(SqlConnection conn) {
        return conn.preparedQuery("SELECT last_seq FROM publish_cursor WHERE name = $1 FOR UPDATE")
                .execute(Tuple.of(CURSOR))
                .map(rows -> rows.iterator().next().getLong(0))
                .flatMap(last -> conn.preparedQuery("""
                                SELECT seq, entry_id, payment_id, kind, original_payment_id, fiscal_year, agency_code,
                                       project_code, amount, fund_source, paid_on, overspend, recorded_at,
                                       project_total, project_fiscal, project_other
                                FROM ledger_entry WHERE seq > $1 ORDER BY seq LIMIT $2""")
                        .execute(Tuple.of(last, settings.batchSize())))
                .flatMap(rows -> {
                    List<Row> batch = new ArrayList<>(rows.size());
                    rows.forEach(batch::add);
                    if (batch.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    long newLast = batch.get(batch.size() - 1).getLong("seq");
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
                        event.projectCode().getBytes(StandardCharsets.UTF_8), json(event));
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

    static LedgerEntryEvent toEvent(Row row) {
        return new LedgerEntryEvent(row.getString("entry_id"), row.getString("payment_id"), row.getString("kind"),
                row.getString("original_payment_id"), row.getInteger("fiscal_year"), row.getString("agency_code"),
                row.getString("project_code"), row.getBigDecimal("amount"), row.getString("fund_source"),
                row.getLocalDate("paid_on"), row.getBoolean("overspend"),
                row.getOffsetDateTime("recorded_at").toInstant(), row.getBigDecimal("project_total"),
                row.getBigDecimal("project_fiscal"), row.getBigDecimal("project_other"));
    }

    private byte[] json(Object event) {
        try {
            return mapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
