package io.budgetwatch.execution.voucher;

import io.budgetwatch.execution.contract.RejectReason;
import io.budgetwatch.execution.contract.Rejection;
import io.budgetwatch.execution.contract.VoucherRecord;
import io.budgetwatch.execution.dlq.DlqRecord;
import io.budgetwatch.execution.ledger.LedgerEntry;
import io.budgetwatch.execution.ledger.ProjectTotals;
import io.budgetwatch.execution.payment.IncomingRecord;
import io.budgetwatch.execution.project.KnownProject;
import io.budgetwatch.execution.project.ProjectChecks;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The voucher rules applied to one batch of voucher records, in arrival order, given what the database holds
 * (loaded under the ledger lock): each record is refused (contract, project), or judged by {@link VoucherStates}
 * against its voucher's current state and the states received before, including those earlier in the batch.
 * Pure: it decides, {@link VoucherProcessor} reads and writes.
 *
 * <p>Entries: a voucher state's movements are ledger entries of kind VOUCHER with entry ids
 * {@code <PAY_CERT_ID>#<UPDATE_TIME as yyyyMMddHHmmss>} (PRIMARY) and {@code ...#reversal} (REVERSAL), unique
 * because a voucher applies each UPDATE_TIME at most once, and never equal to a payment's entry id (payment ids
 * hold no {@code #}; a correction's reversal ends in {@code #reversal} right after the id). {@code paymentId} is
 * PAY_CERT_NO (the number people know), {@code originalPaymentId} none: refunds and corrections of the payment
 * contract never refer to a voucher. Running totals and the overspend flag follow the payment rules.
 */
final class VoucherBatch {

    static final DateTimeFormatter ENTRY_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    /** A state to store: the record, its row id and its status (APPLIED, STALE or CONFLICT). */
    record StateRow(long id, VoucherCandidate candidate, String status) {
    }

    /** The voucher's state after the batch. */
    record Pointer(String payCertId, long stateId, String agencyCode, String projectCode) {
    }

    private final List<VoucherCandidate> candidates;
    private final Function<String, Optional<KnownProject>> projects;
    private final Map<String, VoucherStates.Current> current;
    private final Map<String, List<VoucherStates.Received>> received;
    private final Map<String, ProjectTotals> totals;
    private final Iterator<Long> ids;

    final List<StateRow> states = new ArrayList<>();
    final Map<String, Pointer> pointers = new LinkedHashMap<>();
    final List<LedgerEntry> entries = new ArrayList<>();
    final List<DlqRecord> dlq = new ArrayList<>();
    /** Seq of entries.get(0) once inserted, when the insert could vouch for consecutive seqs. */
    Long firstSeq;

    VoucherBatch(List<VoucherCandidate> candidates, Function<String, Optional<KnownProject>> projects,
                 Map<String, VoucherStates.Current> current, Map<String, List<VoucherStates.Received>> received,
                 Map<String, ProjectTotals> totals, Iterator<Long> stateIds) {
        this.candidates = candidates;
        Map<String, Optional<KnownProject>> seen = new HashMap<>();
        this.projects = code -> seen.computeIfAbsent(code, projects);
        this.current = new HashMap<>(current);
        this.received = new HashMap<>();
        received.forEach((k, v) -> this.received.put(k, new ArrayList<>(v)));
        this.totals = totals;
        this.ids = stateIds;
    }

    List<VoucherCandidate> candidates() {
        return candidates;
    }

    /** Totals of every project read or touched; those with {@code changed} set are to be stored. */
    Collection<ProjectTotals> totals() {
        return totals.values();
    }

    void decide() {
        for (VoucherCandidate c : candidates) {
            decide(c);
        }
    }

    private void decide(VoucherCandidate c) {
        if (!c.parsed.ok()) {
            reject(c, c.parsed.rejection());
            return;
        }
        VoucherRecord r = c.record();
        Rejection projectProblem = ProjectChecks.problem(projects.apply(r.projectCode()), r.projectCode(),
                r.fiscalYear(), r.agencyCode(), "PRO_CODE", "FISCAL_YEAR", "AGENCY_CODE");
        if (projectProblem != null) {
            reject(c, projectProblem);
            return;
        }
        String id = r.payCertId();
        VoucherStates.Current now = current.get(id);
        List<VoucherStates.Received> before = received.computeIfAbsent(id, k -> new ArrayList<>());
        VoucherStates.Counted counts = VoucherStates.Counted.of(r);
        VoucherStates.Decision d = VoucherStates.decide(now, before, r.updateTime(), c.parsed.hash(), counts);
        switch (d.verdict()) {
            case NO_OP -> c.outcome = VoucherCandidate.Outcome.DUPLICATE;
            case STALE -> {
                store(c, "STALE", before);
                c.outcome = VoucherCandidate.Outcome.STALE;
            }
            case CONFLICT -> {
                store(c, "CONFLICT", before);
                reject(c, Rejection.of(RejectReason.VOUCHER_STATE_CONFLICT, "UPDATE_TIME",
                        "支付凭证 " + id + " 更新时间为 " + VoucherRecord.time(r.updateTime())
                                + " 的状态已以不同内容受理；本记录已登记为冲突，未入账",
                        "Voucher " + id + " was already received with UPDATE_TIME " + VoucherRecord.time(r.updateTime())
                                + " and different content; this record is recorded as a conflict and not applied"));
                c.outcome = VoucherCandidate.Outcome.CONFLICT;
            }
            case APPLY -> {
                long stateId = store(c, "APPLIED", before);
                for (VoucherStates.Delta delta : d.deltas()) {
                    entry(c, r, delta, stateId);
                }
                current.put(id, new VoucherStates.Current(r.updateTime(), c.parsed.hash(), counts));
                pointers.put(id, new Pointer(id, stateId, r.agencyCode(), r.projectCode()));
                c.outcome = VoucherCandidate.Outcome.APPLIED;
            }
        }
    }

    private long store(VoucherCandidate c, String status, List<VoucherStates.Received> before) {
        long id = ids.next();
        c.stateId = id;
        states.add(new StateRow(id, c, status));
        before.add(new VoucherStates.Received(c.record().updateTime(), c.parsed.hash()));
        return id;
    }

    private void entry(VoucherCandidate c, VoucherRecord r, VoucherStates.Delta delta, long stateId) {
        VoucherStates.Counted b = delta.booked();
        boolean primary = VoucherStates.PRIMARY.equals(delta.role());
        ProjectTotals t = totals.computeIfAbsent(b.projectCode(), ProjectTotals::zero);
        t.add(b.amount(), b.fundSource());
        boolean overspend = t.overspent(projects.apply(b.projectCode()));
        String entryId = r.payCertId() + "#" + ENTRY_TIME.format(r.updateTime())
                + (primary ? "" : LedgerEntry.REVERSAL_SUFFIX);
        LedgerEntry e = new LedgerEntry(entryId, r.payCertNo(), primary ? LedgerEntry.PRIMARY : LedgerEntry.REVERSAL,
                LedgerEntry.VOUCHER, null, b.fiscalYear(), b.agencyCode(), b.projectCode(), b.amount(), b.fundSource(),
                b.paidOn(), primary ? r.depBgtEcoCode() : null, primary ? r.expFuncCode() : null, null,
                primary ? r.payeeAcctName() : null, primary ? r.useDes() : null, primary ? c.parsed.hash() : null,
                overspend, t.total, t.fiscal, t.other, c.incoming.source().name(), stateId);
        entries.add(e);
        c.entries.add(e);
    }

    private void reject(VoucherCandidate c, Rejection rejection) {
        c.outcome = VoucherCandidate.Outcome.REJECTED;
        c.rejection = rejection;
        // refused records go to the DLQ when nobody is waiting for an answer: records read from the topic
        if (c.incoming.source() == IncomingRecord.Source.KAFKA) {
            IncomingRecord in = c.incoming;
            String projectCode = c.parsed.ok() ? c.record().projectCode() : c.parsed.rawProjectCode();
            dlq.add(new DlqRecord(DlqRecord.eventId(in.topic(), in.partition(), in.offset(), c.payCertId(),
                    c.parsed.hash()), in.key(), in.value(), rejection.reason().code(), rejection.field(),
                    rejection.messageZh(), rejection.messageEn(), DlqRecord.errorsJson(rejection), c.payCertId(),
                    projectCode, in.source().name(), in.topic(), in.partition(), in.offset(), in.timestamp()));
        }
    }
}
