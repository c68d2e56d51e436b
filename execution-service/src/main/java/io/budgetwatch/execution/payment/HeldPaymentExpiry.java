package io.budgetwatch.execution.payment;

import io.budgetwatch.execution.contract.Rejection;
import io.budgetwatch.execution.contract.RejectReason;
import io.budgetwatch.execution.dlq.DlqRecord;
import io.budgetwatch.execution.dlq.DlqRelay;
import io.budgetwatch.execution.dlq.DlqStore;
import io.budgetwatch.execution.ledger.LedgerStore;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses held refunds and corrections whose original has not arrived within the hold timeout: they
 * go to the DLQ as original-unknown (retryable) and leave held_payment, in one transaction under the
 * ledger lock (so a record is never both released and expired).
 */
@ApplicationScoped
public class HeldPaymentExpiry {

    private static final Logger LOG = Logger.getLogger(HeldPaymentExpiry.class);

    @Inject
    Pool pool;

    @Inject
    LedgerStore ledger;

    @Inject
    DlqStore dlqStore;

    @Inject
    DlqRelay dlqRelay;

    @Inject
    HeldPayments heldPayments;

    @Inject
    IngestSettings settings;

    @Inject
    Clock clock;

    @Scheduled(every = "${budgetwatch.execution.payments.hold-check-interval:1m}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return expireDue().onFailure().recoverWithItem(failure -> {
            LOG.warnf("Held record expiry failed, will retry: %s", failure.toString());
            return 0;
        }).replaceWithVoid();
    }

    /** Refuses every held record older than the hold timeout; returns how many. */
    public Uni<Integer> expireDue() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime cutoff = now.minus(settings.holdTimeout());
        return pool.withTransaction(tx -> ledger.lock(tx)
                        .chain(() -> heldPayments.receivedBy(tx, cutoff))
                        .chain(due -> {
                            List<DlqRecord> records = new ArrayList<>();
                            List<String> ids = new ArrayList<>();
                            for (HeldRecord h : due) {
                                ids.add(h.paymentId());
                                records.add(toDlq(h));
                            }
                            if (ids.isEmpty()) {
                                return Uni.createFrom().item(0);
                            }
                            return dlqStore.insert(tx, records, now)
                                    .chain(() -> heldPayments.delete(tx, ids))
                                    .replaceWith(ids.size());
                        }))
                .invoke(count -> {
                    if (count > 0) {
                        LOG.infof("Refused %d held record(s) whose original never arrived", count);
                        dlqRelay.nudge();
                    }
                });
    }

    private DlqRecord toDlq(HeldRecord h) {
        Rejection r = Rejection.of(RejectReason.ORIGINAL_UNKNOWN, "originalPaymentId",
                "原支付 " + h.originalPaymentId() + " 在等待期（" + settings.holdTimeout() + "）内未到达；可在原支付到达后重新发送",
                "Original " + h.originalPaymentId() + " did not arrive within the hold period (" + settings.holdTimeout()
                        + "); send again once the original is in");
        String eventId = DlqRecord.eventId(h.sourceTopic(), h.sourcePartition(), h.sourceOffset(), h.paymentId(),
                h.hash());
        return new DlqRecord(eventId, h.rawKey(), h.rawValue(), r.reason().code(), r.field(), r.messageZh(),
                r.messageEn(), LedgerBatch.errorsJson(r), h.paymentId(), h.event().projectCode(), h.source().name(),
                h.sourceTopic(), h.sourcePartition(), h.sourceOffset(), null);
    }
}
