package io.budgetwatch.execution.payment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetwatch.common.metrics.StoredCounts;
import io.budgetwatch.events.PaymentEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The table {@code held_payment}: refunds and corrections waiting for their original. Every statement takes the
 * caller's client, so that holding, releasing and expiring commit with the ledger write they belong to.
 */
@ApplicationScoped
public class HeldPayments {

    @Inject
    ObjectMapper mapper;

    @Inject
    StoredCounts counts;

    void registerGauge(@Observes StartupEvent event) {
        counts.gauge("budgetwatch.payments.held", "Refunds and corrections held until their original arrives",
                "SELECT count(*) FROM held_payment");
    }

    /** Held records with one of these ids, or waiting for one of these ids as their original. */
    Uni<List<HeldRecord>> withIdOrOriginal(SqlClient client, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        // held records are rare: when there are none, the EXISTS guard skips probing both indexes per id
        return client.preparedQuery("SELECT * FROM held_payment WHERE EXISTS (SELECT 1 FROM held_payment) "
                        + "AND (payment_id = ANY($1) OR original_payment_id = ANY($1)) ORDER BY received_at, payment_id")
                .execute(Tuple.of(ids.toArray(new String[0])))
                .map(this::records);
    }

    /** Held records received at or before {@code cutoff}, oldest first. */
    Uni<List<HeldRecord>> receivedBy(SqlClient client, OffsetDateTime cutoff) {
        return client.preparedQuery("SELECT * FROM held_payment WHERE received_at <= $1 ORDER BY received_at")
                .execute(Tuple.of(cutoff))
                .map(this::records);
    }

    /** The record held under this payment id, with when it was received. */
    Uni<Optional<Held>> find(SqlClient client, String paymentId) {
        return client.preparedQuery("SELECT * FROM held_payment WHERE payment_id = $1")
                .execute(Tuple.of(paymentId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new Held(record(row), row.getOffsetDateTime("received_at")));
                });
    }

    /** A held record and when it was received. */
    record Held(HeldRecord record, OffsetDateTime receivedAt) {
    }

    Uni<Void> store(SqlClient client, Candidate c, OffsetDateTime now) {
        PaymentEvent e = c.event();
        IncomingRecord in = c.incoming;
        return client.preparedQuery("""
                        INSERT INTO held_payment (payment_id, original_payment_id, kind, project_code, content_hash, event,
                            raw_key, raw_value, source, source_topic, source_partition, source_offset, received_at)
                        VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10, $11, $12, $13)
                        ON CONFLICT (payment_id) DO NOTHING""")
                .execute(Tuple.tuple().addValue(e.paymentId()).addValue(e.originalPaymentId()).addValue(e.kind())
                        .addValue(e.projectCode()).addValue(Buffer.buffer(c.hash())).addValue(json(e))
                        .addValue(in.key() == null ? null : Buffer.buffer(in.key()))
                        .addValue(Buffer.buffer(in.value())).addValue(in.source().name()).addValue(in.topic())
                        .addValue(in.partition()).addValue(in.offset()).addValue(now))
                .replaceWithVoid();
    }

    Uni<Void> delete(SqlClient client, Collection<String> paymentIds) {
        return client.preparedQuery("DELETE FROM held_payment WHERE payment_id = ANY($1)")
                .execute(Tuple.of(paymentIds.toArray(new String[0]))).replaceWithVoid();
    }

    private List<HeldRecord> records(RowSet<Row> rows) {
        List<HeldRecord> found = new ArrayList<>(rows.size());
        for (Row r : rows) {
            found.add(record(r));
        }
        return found;
    }

    private HeldRecord record(Row r) {
        PaymentEvent event;
        try {
            event = mapper.readValue(r.getValue("event").toString(), PaymentEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable held record " + r.getString("payment_id"), e);
        }
        var key = r.getBuffer("raw_key");
        return new HeldRecord(r.getString("payment_id"), r.getString("original_payment_id"), event,
                r.getBuffer("content_hash").getBytes(), key == null ? null : key.getBytes(),
                r.getBuffer("raw_value").getBytes(), IncomingRecord.Source.valueOf(r.getString("source")),
                r.getString("source_topic"), r.getInteger("source_partition"), r.getLong("source_offset"));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
