package io.budgetwatch.execution.dlq;

import io.budgetwatch.execution.contract.RejectReason;
import io.budgetwatch.execution.kafka.Producers;
import io.budgetwatch.common.metrics.StoredCounts;
import io.budgetwatch.common.relay.RelayLoop;
import io.budgetwatch.common.relay.RelaySends;
import io.budgetwatch.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends stored refusals to treasury.payments.dlq (treasury.pay-vouchers.dlq for records read from
 * treasury.pay-vouchers; payment_id then holds the voucher's PAY_CERT_ID) with their original key and bytes and the reason
 * headers, then marks them sent in the transaction that locked them (at least once; the
 * {@code event-id} header lets readers drop repeats). One replica at a time (advisory lock).
 */
@ApplicationScoped
public class DlqRelay {

    private static final Logger LOG = Logger.getLogger(DlqRelay.class);
    private static final long LOCK = 0x0D1A0001L;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    Producers producers;

    @Inject
    DlqSettings settings;

    @Inject
    Clock clock;

    @Inject
    StoredCounts counts;

    private RelayLoop loop;

    void start(@Observes StartupEvent event) {
        loop = new RelayLoop("DLQ", settings.batchSize(), () -> RelayLoop.underAdvisoryLock(pool, LOCK, this::sendLocked));
        counts.relayBacklog("dlq", "SELECT count(*) FROM dlq_record WHERE published_at IS NULL");
        if (settings.relayEnabled()) {
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
        if (loop != null && settings.relayEnabled()) {
            loop.nudge();
        }
    }

    /** Sends until no full batch is left; returns how many were sent. */
    public Uni<Integer> drain() {
        return loop.drain();
    }

    private Uni<Integer> sendLocked(SqlConnection conn) {
        return conn.preparedQuery("SELECT * FROM dlq_record WHERE published_at IS NULL ORDER BY id LIMIT $1")
                .execute(Tuple.of(settings.batchSize()))
                .flatMap(rows -> {
                    List<Row> batch = new ArrayList<>();
                    rows.forEach(batch::add);
                    if (batch.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return send(batch).flatMap(ids -> conn
                            .preparedQuery("UPDATE dlq_record SET published_at = $2 WHERE id = ANY($1)")
                            .execute(Tuple.of(ids.toArray(new Long[0]), OffsetDateTime.now(clock)))
                            .map(done -> ids.size()));
                });
    }

    private Uni<List<Long>> send(List<Row> batch) {
        List<Long> ids = batch.stream().map(row -> row.getLong("id")).toList();
        return RelaySends.<byte[], byte[]>sendAll(producers::raw, () -> batch.stream().map(this::toRecord).toList(),
                "a DLQ record").replaceWith(ids);
    }

    /** The original key and value bytes, untouched, plus the reason headers. */
    private ProducerRecord<byte[], byte[]> toRecord(Row row) {
        Buffer key = row.getBuffer("msg_key");
        Buffer payload = row.getBuffer("payload");
        boolean voucher = Topics.TREASURY_PAY_VOUCHERS.equals(row.getString("source_topic"));
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(DlqRecord.dlqTopic(row.getString("source_topic")),
                null, key == null ? null : key.getBytes(), payload.getBytes());
        Headers h = record.headers();
        add(h, Topics.HEADER_EVENT_ID, row.getString("event_id"));
        add(h, Topics.HEADER_EVENT_TYPE, voucher ? "RejectedPayVoucher" : "RejectedPayment");
        add(h, DlqHeaders.REASON, row.getString("reason"));
        add(h, DlqHeaders.FIELD, row.getString("field"));
        add(h, DlqHeaders.MESSAGE, row.getString("message_zh"));
        add(h, DlqHeaders.MESSAGE_EN, row.getString("message_en"));
        Object errors = row.getValue("errors");
        add(h, DlqHeaders.ERRORS, errors == null ? null : errors.toString());
        add(h, DlqHeaders.RETRYABLE, String.valueOf(retryable(row.getString("reason"))));
        add(h, DlqHeaders.PAYMENT_ID, row.getString("payment_id"));
        add(h, DlqHeaders.SOURCE, row.getString("source"));
        add(h, DlqHeaders.ORIGINAL_TOPIC, row.getString("source_topic"));
        Integer partition = row.getInteger("source_partition");
        add(h, DlqHeaders.ORIGINAL_PARTITION, partition == null ? null : partition.toString());
        Long offset = row.getLong("source_offset");
        add(h, DlqHeaders.ORIGINAL_OFFSET, offset == null ? null : offset.toString());
        Long timestamp = row.getLong("source_timestamp");
        add(h, DlqHeaders.ORIGINAL_TIMESTAMP, timestamp == null ? null : timestamp.toString());
        add(h, DlqHeaders.REJECTED_AT, row.getOffsetDateTime("created_at").toInstant().toString());
        return record;
    }

    private static boolean retryable(String reason) {
        for (RejectReason r : RejectReason.values()) {
            if (r.code().equals(reason)) {
                return r.retryable();
            }
        }
        return false;
    }

    private static void add(Headers headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
