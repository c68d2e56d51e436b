package io.budgetwatch.execution.voucher;

import io.budgetwatch.common.audit.AuditEntry;
import io.budgetwatch.common.audit.AuditTrail;
import io.budgetwatch.common.security.Caller;
import io.budgetwatch.execution.contract.PaymentRecordRules;
import io.budgetwatch.execution.contract.VoucherParser;
import io.budgetwatch.execution.contract.VoucherRecord;
import io.budgetwatch.execution.dlq.DlqRelay;
import io.budgetwatch.execution.dlq.DlqStore;
import io.budgetwatch.execution.kafka.ConsumerOffsets;
import io.budgetwatch.execution.ledger.LedgerRelay;
import io.budgetwatch.execution.ledger.LedgerStore;
import io.budgetwatch.execution.payment.IncomingRecord;
import io.budgetwatch.execution.payment.IngestSettings;
import io.budgetwatch.execution.project.KnownProject;
import io.budgetwatch.execution.project.ProjectCatalog;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.annotation.PostConstruct;
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
 * Applies a batch of voucher records in ONE database transaction under the ledger lock (the payments' lock: voucher
 * and payment entries share the ledger, its running totals and its seq order): loads the vouchers' current states and
 * received states, decides ({@link VoucherBatch}), and writes the states, the vouchers' pointers, the ledger entries,
 * the project totals, the DLQ records and the consumer position together. The ledger relay then publishes the
 * entries on execution.ledger and execution.project-totals exactly as it publishes payments.
 */
@ApplicationScoped
public class VoucherProcessor {

    @Inject
    Pool pool;

    @Inject
    ProjectCatalog catalog;

    @Inject
    LedgerStore ledger;

    @Inject
    VoucherStore store;

    @Inject
    DlqStore dlqStore;

    @Inject
    ConsumerOffsets offsets;

    @Inject
    LedgerRelay ledgerRelay;

    @Inject
    DlqRelay dlqRelay;

    @Inject
    Clock clock;

    @Inject
    IngestSettings ingestSettings;

    @Inject
    FundTypeTable fundTypes;

    @Inject
    AuditTrail audit;

    private VoucherParser parser;

    @PostConstruct
    void init() {
        parser = new VoucherParser(fundTypes::fundSource, new PaymentRecordRules(ingestSettings.settlementWindowDays()));
    }

    public List<VoucherCandidate> parse(List<IncomingRecord> records) {
        List<VoucherCandidate> candidates = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            IncomingRecord r = records.get(i);
            candidates.add(new VoucherCandidate(i, r, parser.parse(r.value())));
        }
        return candidates;
    }

    /** Applies records read from Kafka; {@code nextOffsets} are stored in the same transaction. */
    public Uni<List<VoucherCandidate>> apply(List<VoucherCandidate> candidates, String groupId,
                                             Map<TopicPartition, Long> nextOffsets) {
        return applyOnce(candidates, groupId, nextOffsets, null);
    }

    /** Applies the records of one HTTP request; one audit record for it when it stored anything. */
    public Uni<List<VoucherCandidate>> applySubmitted(List<VoucherCandidate> candidates, Caller submitter) {
        return applyOnce(candidates, null, null, submitter);
    }

    private Uni<List<VoucherCandidate>> applyOnce(List<VoucherCandidate> candidates, String groupId,
                                                  Map<TopicPartition, Long> nextOffsets, Caller submitter) {
        Uni<Void> ready = anyProjectUnknownOrStale(candidates) ? catalog.catchUp() : Uni.createFrom().voidItem();
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        return ready
                .chain(() -> pool.withTransaction(tx -> inTransaction(tx, candidates, groupId, nextOffsets, now,
                        submitter)))
                .invoke(batch -> {
                    if (batch.firstSeq != null) {
                        ledgerRelay.committed(batch.firstSeq, batch.entries, now.toInstant());
                    }
                    ledgerRelay.nudge();
                    if (!batch.dlq.isEmpty()) {
                        dlqRelay.nudge();
                    }
                })
                .replaceWith(candidates);
    }

    private boolean anyProjectUnknownOrStale(List<VoucherCandidate> candidates) {
        for (VoucherCandidate c : candidates) {
            if (c.parsed.ok()) {
                VoucherRecord r = c.record();
                KnownProject p = catalog.find(r.projectCode()).orElse(null);
                if (p == null || p.fiscalYear() != r.fiscalYear() || !p.agencyCode().equals(r.agencyCode())) {
                    return true;
                }
            }
        }
        return false;
    }

    private Uni<VoucherBatch> inTransaction(SqlClient tx, List<VoucherCandidate> candidates, String groupId,
                                            Map<TopicPartition, Long> nextOffsets, OffsetDateTime now,
                                            Caller submitter) {
        Set<String> ids = new LinkedHashSet<>();
        Set<String> projects = new LinkedHashSet<>();
        for (VoucherCandidate c : candidates) {
            if (c.parsed.ok()) {
                ids.add(c.record().payCertId());
                projects.add(c.record().projectCode());
            }
        }
        int parsed = (int) candidates.stream().filter(c -> c.parsed.ok()).count();
        return ledger.lock(tx)
                .chain(() -> Uni.combine().all().unis(store.load(tx, ids), store.stateIds(tx, parsed)).asTuple())
                .chain(loaded -> {
                    VoucherStore.Loaded l = loaded.getItem1();
                    // the projects the vouchers count on now: a new state may take money back from there
                    l.current().values().forEach(cur -> {
                        if (cur.counted() != null) {
                            projects.add(cur.counted().projectCode());
                        }
                    });
                    return ledger.totals(tx, projects).map(totals -> {
                        VoucherBatch batch = new VoucherBatch(candidates, catalog::find, l.current(), l.received(),
                                totals, loaded.getItem2().iterator());
                        batch.decide();
                        return batch;
                    });
                })
                .chain(batch -> write(tx, batch, groupId, nextOffsets, now, submitter).replaceWith(batch));
    }

    private Uni<Void> write(SqlClient tx, VoucherBatch batch, String groupId, Map<TopicPartition, Long> nextOffsets,
                            OffsetDateTime now, Caller submitter) {
        // states first: the pointers refer to them
        return store.insertStates(tx, batch.states, now)
                .chain(() -> {
                    List<Uni<Void>> writes = new ArrayList<>();
                    writes.add(store.movePointers(tx, batch.pointers.values(), now));
                    writes.add(ledger.insert(tx, batch.entries, now).invoke(first -> batch.firstSeq = first)
                            .replaceWithVoid());
                    writes.add(ledger.storeTotals(tx, batch.totals(), now));
                    writes.add(dlqStore.insert(tx, batch.dlq, now));
                    if (nextOffsets != null && !nextOffsets.isEmpty()) {
                        writes.add(offsets.store(tx, groupId, nextOffsets));
                    }
                    if (submitter != null && !batch.states.isEmpty()) {
                        writes.add(audit.record(tx, submitter, auditEntry(batch)));
                    }
                    return Uni.combine().all().unis(writes).discardItems();
                });
    }

    /** The one audit record of an HTTP request that stored voucher states. */
    static AuditEntry auditEntry(VoucherBatch batch) {
        Map<VoucherCandidate.Outcome, Integer> counts = new HashMap<>();
        String agency = null;
        boolean oneAgency = true;
        for (VoucherCandidate c : batch.candidates()) {
            counts.merge(c.outcome(), 1, Integer::sum);
            if (c.stateId() != null) {
                String a = c.record().agencyCode();
                if (agency == null) {
                    agency = a;
                } else if (!agency.equals(a)) {
                    oneAgency = false;
                }
            }
        }
        List<VoucherCandidate> all = batch.candidates();
        String target = all.size() == 1 ? all.get(0).payCertId() : all.size() + " records";
        return AuditEntry.done("pay-voucher.post", target, oneAgency ? agency : null,
                "treasury vouchers posted over HTTP / 经接口受理国库支付凭证: " + all.size() + " records, applied "
                        + counts.getOrDefault(VoucherCandidate.Outcome.APPLIED, 0) + ", stale "
                        + counts.getOrDefault(VoucherCandidate.Outcome.STALE, 0) + ", conflicts "
                        + counts.getOrDefault(VoucherCandidate.Outcome.CONFLICT, 0) + ", duplicate "
                        + counts.getOrDefault(VoucherCandidate.Outcome.DUPLICATE, 0) + ", refused "
                        + counts.getOrDefault(VoucherCandidate.Outcome.REJECTED, 0) + ", ledger entries "
                        + batch.entries.size());
    }
}
