package io.budgetwatch.execution.payment;

import io.budgetwatch.common.audit.AuditEntry;
import io.budgetwatch.common.audit.AuditTrail;
import io.budgetwatch.common.persistence.AfterCommit;
import io.budgetwatch.common.security.Caller;
import io.budgetwatch.execution.contract.PaymentParser;
import io.budgetwatch.execution.contract.PaymentRecordRules;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetwatch.events.PaymentEvent;
import io.budgetwatch.execution.dlq.DlqRelay;
import io.budgetwatch.execution.dlq.DlqStore;
import io.budgetwatch.execution.kafka.ConsumerOffsets;
import io.budgetwatch.execution.ledger.LedgerRelay;
import io.budgetwatch.execution.ledger.LedgerStore;
import io.budgetwatch.execution.project.KnownProject;
import io.budgetwatch.execution.project.ProjectCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.TopicPartition;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a batch of payment records in ONE database transaction under the ledger lock: reads what
 * the rules need (dedupe records, originals, held records, project totals) in a few array queries,
 * decides ({@link LedgerBatch}), and writes ledger entries, totals, held records, conflicts, DLQ
 * records and the consumer position with one statement each. Used by the Kafka consumer and by
 * {@code POST /api/payments} alike.
 */
@ApplicationScoped
public class PaymentBatchProcessor {

    @Inject
    Pool pool;

    @Inject
    ProjectCatalog catalog;

    @Inject
    LedgerStore ledger;

    @Inject
    DlqStore dlqStore;

    @Inject
    ConsumerOffsets offsets;

    @Inject
    LedgerRelay ledgerRelay;

    @Inject
    DlqRelay dlqRelay;

    @Inject
    IngestStats stats;

    @Inject
    ObjectMapper mapper;

    @Inject
    Clock clock;

    @Inject
    RecentIds recentIds;

    @Inject
    IngestSettings settings;

    @Inject
    HeldPayments heldPayments;

    @Inject
    AuditTrail audit;

    @Inject
    MeterRegistry registry;

    private final PaymentParser parser = new PaymentParser();
    private PaymentRecordRules rules;
    private Counter conflictsRecorded;

    @jakarta.annotation.PostConstruct
    void init() {
        rules = new PaymentRecordRules(settings.settlementWindowDays());
        conflictsRecorded = Counter.builder("budgetwatch.payments.conflicts")
                .description("Payment id conflicts recorded (same id, other content; payment_conflict rows)")
                .register(registry);
    }

    /** Parses records received from Kafka (CPU only; call off the event loop). */
    public List<Candidate> parse(List<IncomingRecord> records) {
        long started = System.nanoTime();
        List<Candidate> candidates = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            IncomingRecord r = records.get(i);
            candidates.add(new Candidate(i, r, rules.check(parser.parse(r.valueBytes()))));
        }
        stats.parsed(System.nanoTime() - started);
        return candidates;
    }

    /** Parses the records of an HTTP request, each given as its bytes exactly as sent. */
    public List<Candidate> parseSent(List<byte[]> records) {
        List<Candidate> candidates = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            byte[] bytes = records.get(i);
            candidates.add(new Candidate(i, IncomingRecord.http(bytes), rules.check(parser.parse(bytes))));
        }
        return candidates;
    }

    /**
     * Applies parsed candidates; {@code nextOffsets} (Kafka only) are stored in the same transaction.
     * Completes after commit, with every candidate's outcome set.
     */
    public Uni<List<Candidate>> apply(List<Candidate> candidates, String groupId,
                                      Map<TopicPartition, Long> nextOffsets) {
        return apply(candidates, groupId, nextOffsets, null);
    }

    /**
     * Applies the records of one HTTP request of {@code submitter}: when the request changed the ledger (an
     * entry, a held record or a conflict), ONE audit record for the whole request is written in the same
     * transaction (a bulk path: not one per payment). A request whose every item was refused or a duplicate
     * changed nothing and leaves no record.
     */
    public Uni<List<Candidate>> applySubmitted(List<Candidate> candidates, Caller submitter) {
        return apply(candidates, null, null, submitter);
    }

    private Uni<List<Candidate>> apply(List<Candidate> candidates, String groupId,
                                       Map<TopicPartition, Long> nextOffsets, Caller submitter) {
        // Kafka batches try the optimistic dedupe first (see RecentIds); HTTP requests look every id up.
        boolean optimistic = nextOffsets != null;
        return applyOnce(candidates, groupId, nextOffsets, optimistic, submitter)
                .onFailure(failure -> optimistic && isLedgerKeyViolation(failure))
                .recoverWithUni(failure -> {
                    stats.optimisticMiss();
                    candidates.forEach(Candidate::reset);
                    return applyOnce(candidates, groupId, nextOffsets, false, submitter);
                });
    }

    /** An entry id assumed new was already in the ledger (the transaction rolled back). */
    static boolean isLedgerKeyViolation(Throwable failure) {
        return failure instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState())
                && pg.getErrorMessage() != null && pg.getErrorMessage().contains("ledger_entry_pkey");
    }

    private Uni<List<Candidate>> applyOnce(List<Candidate> candidates, String groupId,
                                           Map<TopicPartition, Long> nextOffsets, boolean optimistic,
                                           Caller submitter) {
        Uni<Void> ready = anyProjectUnknownOrStale(candidates)
                ? catalog.catchUp()
                : Uni.createFrom().voidItem();
        long[] t = new long[5];
        // microseconds: what timestamptz keeps, so the entries in hand equal what the table holds
        OffsetDateTime recordedAt = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        return ready
                .chain(() -> pool.withTransaction(tx -> inTransaction(tx, candidates, groupId, nextOffsets, t,
                        optimistic, recordedAt, submitter)))
                .invoke(batch -> {
                    for (Candidate c : candidates) {
                        if (c.outcome == Candidate.Outcome.APPLIED || c.outcome == Candidate.Outcome.HELD) {
                            recentIds.add(c.paymentId());
                        }
                    }
                    long now = System.nanoTime();
                    stats.timings(candidates.size(), 0, t[1] - t[0], t[2] - t[1], t[3] - t[2], now - t[3]);
                    if (batch.firstSeq != null) {
                        ledgerRelay.committed(batch.firstSeq, batch.entries, recordedAt.toInstant());
                    }
                    ledgerRelay.nudge();
                    if (!batch.dlq.isEmpty()) {
                        dlqRelay.nudge();
                    }
                    stats.count(candidates, batch);
                })
                .replaceWith(candidates);
    }

    /** A project check that fails now might pass once the catalog has read goals.projects to its end. */
    private boolean anyProjectUnknownOrStale(List<Candidate> candidates) {
        Map<String, KnownProject> seen = new HashMap<>();
        for (Candidate c : candidates) {
            if (!c.parsed.ok()) {
                continue;
            }
            PaymentEvent e = c.event();
            KnownProject project = seen.computeIfAbsent(e.projectCode(), code -> catalog.find(code).orElse(null));
            if (project == null || project.fiscalYear() != e.fiscalYear()
                    || !project.agencyCode().equals(e.agencyCode())) {
                return true;
            }
        }
        return false;
    }

    private Uni<LedgerBatch> inTransaction(SqlClient tx, List<Candidate> candidates, String groupId,
                                           Map<TopicPartition, Long> nextOffsets, long[] t, boolean optimistic,
                                           OffsetDateTime now, Caller submitter) {
        t[0] = System.nanoTime();
        Set<String> ids = new LinkedHashSet<>();
        Set<String> originalIds = new LinkedHashSet<>();
        Set<String> projects = new LinkedHashSet<>();
        for (Candidate c : candidates) {
            if (c.parsed.ok()) {
                ids.add(c.event().paymentId());
                projects.add(c.event().projectCode());
                if (c.event().originalPaymentId() != null) {
                    originalIds.add(c.event().originalPaymentId());
                }
            }
        }
        // the dedupe lookup: every id, or (optimistic) only ids this instance may have seen, plus originals
        Set<String> lookup = new LinkedHashSet<>(originalIds);
        for (String id : ids) {
            if (!optimistic || recentIds.mightContain(id)) {
                lookup.add(id);
            }
        }
        return ledger.lock(tx)
                .chain(() -> Uni.combine().all()
                        .unis(ledger.primaries(tx, lookup), heldPayments.withIdOrOriginal(tx, ids), ledger.adjustments(tx, originalIds))
                        .asTuple())
                .chain(loaded -> {
                    loaded.getItem1().values().forEach(p -> projects.add(p.projectCode()));
                    loaded.getItem2().forEach(h -> projects.add(h.event().projectCode()));
                    return ledger.totals(tx, projects).map(totals -> {
                        t[1] = System.nanoTime();
                        LedgerBatch batch = new LedgerBatch(candidates, catalog::find, loaded.getItem1(),
                                loaded.getItem2(), loaded.getItem3(), totals);
                        batch.decide();
                        t[2] = System.nanoTime();
                        return batch;
                    }).chain(batch -> write(tx, batch, groupId, nextOffsets, now, submitter).replaceWith(batch))
                            .invoke(() -> t[3] = System.nanoTime());
                });
    }

    private Uni<Void> write(SqlClient tx, LedgerBatch batch, String groupId, Map<TopicPartition, Long> nextOffsets,
                            OffsetDateTime now, Caller submitter) {
        List<Uni<Void>> writes = new ArrayList<>();
        writes.add(ledger.insert(tx, batch.entries, now).invoke(first -> batch.firstSeq = first).replaceWithVoid());
        writes.add(ledger.storeTotals(tx, batch.totals(), now));
        writes.add(dlqStore.insert(tx, batch.dlq, now));
        for (Candidate c : batch.heldToStore) {
            writes.add(heldPayments.store(tx, c, now));
        }
        if (!batch.heldToDelete.isEmpty()) {
            writes.add(heldPayments.delete(tx, batch.heldToDelete));
        }
        for (LedgerBatch.Conflict conflict : batch.conflicts) {
            writes.add(storeConflict(tx, conflict, now));
        }
        if (nextOffsets != null && !nextOffsets.isEmpty()) {
            writes.add(offsets.store(tx, groupId, nextOffsets));
        }
        if (submitter != null && changesLedger(batch)) {
            writes.add(audit.record(tx, submitter, httpAuditEntry(batch)));
        }
        return Uni.combine().all().unis(writes).discardItems();
    }

    private static boolean changesLedger(LedgerBatch batch) {
        return !batch.entries.isEmpty() || !batch.heldToStore.isEmpty() || !batch.conflicts.isEmpty();
    }

    /**
     * The one audit record of an HTTP request: how many records it carried and what became of them, the
     * payment id (one record) or the first and last id applied or held (several), the agency when they all
     * belong to one (else none: the record is for callers who see every agency). One pass over the batch.
     */
    static AuditEntry httpAuditEntry(LedgerBatch batch) {
        int applied = 0;
        int held = 0;
        int duplicate = 0;
        int rejected = 0;
        String first = null;
        String last = null;
        String agency = null;
        boolean oneAgency = true;
        java.math.BigDecimal amount = java.math.BigDecimal.ZERO;
        List<Candidate> candidates = batch.candidates();
        for (Candidate c : candidates) {
            switch (c.outcome()) {
                case APPLIED -> applied++;
                case HELD -> held++;
                case DUPLICATE -> duplicate++;
                default -> rejected++;
            }
            if (c.outcome() == Candidate.Outcome.APPLIED || c.outcome() == Candidate.Outcome.HELD) {
                first = first == null ? c.paymentId() : first;
                last = c.paymentId();
                if (c.outcome() == Candidate.Outcome.APPLIED && c.event().amount() != null) {
                    amount = amount.add(c.event().amount());
                }
                String a = c.event().agencyCode();
                if (agency == null) {
                    agency = a;
                } else if (!agency.equals(a)) {
                    oneAgency = false;
                }
            }
        }
        String target = candidates.size() == 1 ? candidates.get(0).paymentId()
                : first == null ? null : first.equals(last) ? first : first + " .. " + last;
        return AuditEntry.done("payment.post", target, oneAgency ? agency : null,
                "payment posted over HTTP / 经接口受理支付记录: " + candidates.size() + " records, applied " + applied
                        + " (amount " + amount.toPlainString() + " yuan), held " + held + ", duplicate " + duplicate
                        + ", refused " + rejected + " (conflicts " + batch.conflicts.size() + ")");
    }

    private Uni<Void> storeConflict(SqlClient tx, LedgerBatch.Conflict c, OffsetDateTime now) {
        IncomingRecord in = c.received();
        return tx.preparedQuery("""
                        INSERT INTO payment_conflict (payment_id, project_code, existing_hash, incoming_hash, incoming,
                            source, source_topic, source_partition, source_offset, received_at)
                        VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10)
                        ON CONFLICT (payment_id, incoming_hash) DO NOTHING""")
                .execute(Tuple.tuple().addValue(c.paymentId()).addValue(c.projectCode())
                        .addValue(Buffer.buffer(c.existingHash())).addValue(Buffer.buffer(c.incomingHash()))
                        .addValue(json(c.incoming())).addValue(in.source().name()).addValue(in.topic())
                        .addValue(in.partition()).addValue(in.offset()).addValue(now))
                .invoke(rows -> {
                    int stored = rows.rowCount();
                    if (stored > 0) {
                        AfterCommit.run(tx, () -> conflictsRecorded.increment(stored));
                    }
                })
                .replaceWithVoid();
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
