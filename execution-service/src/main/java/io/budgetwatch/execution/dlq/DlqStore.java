package io.budgetwatch.execution.dlq;

import io.budgetwatch.common.metrics.CommittedCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.util.List;

/** Writes refusals into dlq_record in the caller's transaction, and counts them once it commits. */
@ApplicationScoped
public class DlqStore {

    /** Counter of the refusals stored for the DLQ, tags {@code reason} and {@code topic} (the DLQ topic). */
    public static final String RECORDS = "budgetwatch.dlq.records";

    @Inject
    MeterRegistry registry;

    private CommittedCounter stored;

    @PostConstruct
    void meters() {
        stored = new CommittedCounter(registry, RECORDS, "Refused records stored for the DLQ, by reason code",
                "reason", "topic");
    }

    public Uni<Void> insert(SqlClient tx, List<DlqRecord> records, OffsetDateTime now) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = records.size();
        String[] eventIds = new String[n];
        Buffer[] keys = new Buffer[n];
        Buffer[] payloads = new Buffer[n];
        String[] reasons = new String[n];
        String[] fields = new String[n];
        String[] zh = new String[n];
        String[] en = new String[n];
        String[] errors = new String[n];
        String[] paymentIds = new String[n];
        String[] projects = new String[n];
        String[] sources = new String[n];
        String[] topics = new String[n];
        Integer[] partitions = new Integer[n];
        Long[] offsets = new Long[n];
        Long[] timestamps = new Long[n];
        for (int i = 0; i < n; i++) {
            DlqRecord r = records.get(i);
            eventIds[i] = r.eventId();
            keys[i] = r.key() == null ? null : Buffer.buffer(r.key());
            payloads[i] = Buffer.buffer(r.payload() == null ? new byte[0] : r.payload());
            reasons[i] = r.reason();
            fields[i] = r.field();
            zh[i] = r.messageZh();
            en[i] = r.messageEn();
            errors[i] = r.errorsJson();
            paymentIds[i] = r.paymentId();
            projects[i] = r.projectCode();
            sources[i] = r.source();
            topics[i] = r.sourceTopic();
            partitions[i] = r.sourcePartition();
            offsets[i] = r.sourceOffset();
            timestamps[i] = r.sourceTimestamp();
        }
        Tuple t = Tuple.tuple();
        for (Object column : new Object[] {eventIds, keys, payloads, reasons, fields, zh, en, errors, paymentIds,
                projects, sources, topics, partitions, offsets, timestamps}) {
            t.addValue(column);
        }
        t.addValue(now);
        return tx.preparedQuery("""
                        INSERT INTO dlq_record (event_id, msg_key, payload, reason, field, message_zh, message_en, errors,
                            payment_id, project_code, source, source_topic, source_partition, source_offset,
                            source_timestamp, created_at)
                        SELECT e, k, p, r, f, z, n, x::jsonb, pid, pc, s, st, sp, so, sts, $16
                        FROM unnest($1::text[], $2::bytea[], $3::bytea[], $4::text[], $5::text[], $6::text[],
                                    $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[],
                                    $13::int[], $14::bigint[], $15::bigint[])
                             AS u(e, k, p, r, f, z, n, x, pid, pc, s, st, sp, so, sts)
                        ON CONFLICT (event_id) DO NOTHING
                        RETURNING reason, source_topic""")
                .execute(t)
                // a refusal stored before (a batch repeated after a crash) inserts nothing and is not counted
                .invoke(inserted -> stored.countOnCommit(tx, inserted, row -> List.of(
                        String.valueOf(row.getString("reason")), DlqRecord.dlqTopic(row.getString("source_topic")))))
                .replaceWithVoid();
    }
}
