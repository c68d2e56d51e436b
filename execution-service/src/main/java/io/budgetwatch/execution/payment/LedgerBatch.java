package io.budgetwatch.execution.payment;

import io.budgetwatch.execution.contract.Rejection;
import io.budgetwatch.execution.contract.RejectReason;
import io.budgetwatch.events.PaymentEvent;
import io.budgetwatch.execution.dlq.DlqRecord;
import io.budgetwatch.execution.ledger.LedgerEntry;
import io.budgetwatch.execution.ledger.LedgerStore.Adjustment;
import io.budgetwatch.execution.ledger.LedgerStore.PrimaryRow;
import io.budgetwatch.execution.ledger.ProjectTotals;
import io.budgetwatch.execution.project.KnownProject;
import io.budgetwatch.execution.project.ProjectChecks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The rules of the ledger applied to one batch, in arrival order, given what the database holds
 * (loaded under the ledger lock). Pure: it decides, {@link PaymentBatchProcessor} reads and writes.
 *
 * <p>Rules: a payment id seen before with the same content is a duplicate (no-op); with other content a
 * conflict (recorded, refused). A record must name a known project of the same fiscal year and agency.
 * A refund takes at most what remains of its original (original minus earlier refunds), on the same
 * project and fund source. A correction replaces what remains of its original: one entry takes the
 * remainder off the original's project, one adds the correction's amount on its own project; the
 * original can then no longer be refunded or corrected (the correction can). A refund or correction
 * whose original is not in the ledger yet is held and applied when the original arrives. Entries
 * that take a project past its current budget are accepted and flagged overspend.
 */
final class LedgerBatch {

    /** Same id, different content. */
    record Conflict(String paymentId, String projectCode, byte[] existingHash, byte[] incomingHash,
                    PaymentEvent incoming, IncomingRecord received) {
    }

    /** An original as it stands during the batch. */
    static final class Original {
        final String paymentId;
        final String kind;
        final String projectCode;
        final String fundSource;
        final int fiscalYear;
        final String agencyCode;
        BigDecimal remaining;
        String correctedBy;

        Original(String paymentId, String kind, String projectCode, String fundSource, int fiscalYear,
                 String agencyCode, BigDecimal remaining, String correctedBy) {
            this.paymentId = paymentId;
            this.kind = kind;
            this.projectCode = projectCode;
            this.fundSource = fundSource;
            this.fiscalYear = fiscalYear;
            this.agencyCode = agencyCode;
            this.remaining = remaining;
            this.correctedBy = correctedBy;
        }
    }

    private final List<Candidate> candidates;
    private final Function<String, Optional<KnownProject>> projects;
    private final Map<String, PrimaryRow> primaries;
    private final Map<String, HeldRecord> heldById = new HashMap<>();
    private final Map<String, List<HeldRecord>> heldByOriginal = new LinkedHashMap<>();
    private final Map<String, Adjustment> adjustments;
    private final Map<String, ProjectTotals> totals;

    private final Map<String, byte[]> accepted = new HashMap<>();
    private final Set<String> removedHeld = new HashSet<>();
    private final Map<String, Original> originals = new HashMap<>();
    private final Map<String, List<Candidate>> waiting = new HashMap<>();

    final List<LedgerEntry> entries = new ArrayList<>();
    /** Seq of entries.get(0) once inserted, when the insert could vouch for consecutive seqs. */
    Long firstSeq;
    final List<Candidate> heldToStore = new ArrayList<>();
    final Set<String> heldToDelete = new LinkedHashSet<>();
    final List<Candidate> releasedFromStore = new ArrayList<>();
    final List<Conflict> conflicts = new ArrayList<>();
    final List<DlqRecord> dlq = new ArrayList<>();

    /** The records of the batch, in order. */
    List<Candidate> candidates() {
        return candidates;
    }

    LedgerBatch(List<Candidate> candidates, Function<String, Optional<KnownProject>> projects,
                Map<String, PrimaryRow> primaries, List<HeldRecord> held, Map<String, Adjustment> adjustments,
                Map<String, ProjectTotals> totals) {
        this.candidates = candidates;
        Map<String, Optional<KnownProject>> seen = new HashMap<>();
        this.projects = code -> seen.computeIfAbsent(code, projects);
        this.primaries = primaries;
        this.adjustments = adjustments;
        this.totals = totals;
        for (HeldRecord h : held) {
            heldById.put(h.paymentId(), h);
            heldByOriginal.computeIfAbsent(h.originalPaymentId(), k -> new ArrayList<>()).add(h);
        }
    }

    /** Totals of every project read or touched; those with {@code changed} set are to be stored. */
    java.util.Collection<ProjectTotals> totals() {
        return totals.values();
    }

    void decide() {
        for (Candidate c : candidates) {
            decide(c);
        }
        for (Candidate c : candidates) {
            if (c.storeAsHeld) {
                heldToStore.add(c);
            }
        }
    }

    private void decide(Candidate c) {
        if (!c.parsed.ok()) {
            reject(c, c.parsed.rejection());
            return;
        }
        PaymentEvent e = c.event();
        byte[] existing = existingHash(e.paymentId());
        if (existing != null) {
            if (Arrays.equals(existing, c.hash())) {
                c.outcome = Candidate.Outcome.DUPLICATE;
            } else {
                conflicts.add(new Conflict(e.paymentId(), e.projectCode(), existing, c.hash(), e, c.incoming));
                reject(c, Rejection.of(RejectReason.PAYMENT_ID_CONFLICT, "paymentId",
                        "支付凭证号 " + e.paymentId() + " 已以不同内容受理；本记录未入账，已登记为冲突",
                        "Payment id " + e.paymentId() + " was already received with different content; "
                                + "this record was not applied and is recorded as a conflict"));
            }
            return;
        }
        Rejection projectProblem = projectProblem(e);
        if (projectProblem != null) {
            reject(c, projectProblem);
            return;
        }
        if ("PAYMENT".equals(e.kind())) {
            entry(c, e.paymentId(), LedgerEntry.PRIMARY, e, e.projectCode(), e.fundSource(), e.fiscalYear(),
                    e.agencyCode(), e.amount(), true);
            accept(c);
            originals.put(e.paymentId(), new Original(e.paymentId(), e.kind(), e.projectCode(), e.fundSource(),
                    e.fiscalYear(), e.agencyCode(), e.amount(), null));
            release(e.paymentId());
            return;
        }
        Original original = original(e.originalPaymentId());
        if (original == null) {
            hold(c);
        } else {
            applyAgainst(c, original);
        }
    }

    private void applyAgainst(Candidate c, Original o) {
        PaymentEvent e = c.event();
        String id = e.paymentId();
        if ("REFUND".equals(o.kind)) {
            reject(c, Rejection.of(RejectReason.INVALID_ORIGINAL, "originalPaymentId",
                    "原记录 " + o.paymentId + " 是退回，不能被退回或更正",
                    "Original " + o.paymentId + " is a refund; a refund cannot be refunded or corrected"));
            return;
        }
        if (o.correctedBy != null) {
            reject(c, Rejection.of(RejectReason.INVALID_ORIGINAL, "originalPaymentId",
                    "原记录 " + o.paymentId + " 已被更正（" + o.correctedBy + "），请针对更正记录办理",
                    "Original " + o.paymentId + " was corrected by " + o.correctedBy + "; refer to the correction"));
            c.context = Map.of("correctedBy", o.correctedBy);
            return;
        }
        if ("REFUND".equals(e.kind())) {
            if (!o.projectCode.equals(e.projectCode())) {
                reject(c, Rejection.of(RejectReason.ORIGINAL_MISMATCH, "projectCode",
                        "退回的项目 " + e.projectCode() + " 与原支付的项目 " + o.projectCode + " 不一致",
                        "The refund's project " + e.projectCode() + " differs from the original's " + o.projectCode));
                return;
            }
            if (!o.fundSource.equals(e.fundSource())) {
                reject(c, Rejection.of(RejectReason.ORIGINAL_MISMATCH, "fundSource",
                        "退回的资金来源 " + e.fundSource() + " 与原支付的 " + o.fundSource + " 不一致",
                        "The refund's fund source " + e.fundSource() + " differs from the original's " + o.fundSource));
                return;
            }
            if (e.amount().compareTo(o.remaining) > 0) {
                reject(c, Rejection.of(RejectReason.REFUND_EXCEEDS_REMAINING, "amount",
                        "退回金额 " + e.amount().toPlainString() + " 元超过原支付 " + o.paymentId + " 的剩余金额 "
                                + o.remaining.toPlainString() + " 元",
                        "Refund amount " + e.amount().toPlainString() + " exceeds what remains of " + o.paymentId + ": "
                                + o.remaining.toPlainString()));
                c.context = Map.of("remaining", o.remaining.toPlainString(), "originalPaymentId", o.paymentId);
                return;
            }
            entry(c, id, LedgerEntry.PRIMARY, e, e.projectCode(), e.fundSource(), e.fiscalYear(), e.agencyCode(),
                    e.amount().negate(), true);
            o.remaining = o.remaining.subtract(e.amount());
            accept(c);
            // a refund is an original too, if only to refuse what refers to it (a refund cannot be refunded)
            originals.put(id, new Original(id, e.kind(), e.projectCode(), e.fundSource(), e.fiscalYear(),
                    e.agencyCode(), BigDecimal.ZERO.setScale(2), null));
            release(id);
            return;
        }
        // CORRECTION
        if (o.remaining.signum() <= 0) {
            reject(c, Rejection.of(RejectReason.INVALID_ORIGINAL, "originalPaymentId",
                    "原支付 " + o.paymentId + " 已全额退回，没有可更正的金额",
                    "Original " + o.paymentId + " was refunded in full; nothing is left to correct"));
            return;
        }
        entry(c, id + LedgerEntry.REVERSAL_SUFFIX, LedgerEntry.REVERSAL, e, o.projectCode, o.fundSource, o.fiscalYear,
                o.agencyCode, o.remaining.negate(), false);
        entry(c, id, LedgerEntry.PRIMARY, e, e.projectCode(), e.fundSource(), e.fiscalYear(), e.agencyCode(),
                e.amount(), true);
        o.remaining = BigDecimal.ZERO.setScale(2);
        o.correctedBy = id;
        accept(c);
        originals.put(id, new Original(id, e.kind(), e.projectCode(), e.fundSource(), e.fiscalYear(), e.agencyCode(),
                e.amount(), null));
        release(id);
    }

    /** Applies what was waiting for this original: records held earlier first, then this batch's. */
    private void release(String originalId) {
        List<HeldRecord> stored = heldByOriginal.remove(originalId);
        List<Candidate> fresh = waiting.remove(originalId);
        if (stored == null && fresh == null) {
            return;
        }
        Original o = originals.get(originalId);
        if (stored != null) {
            for (HeldRecord h : stored) {
                heldToDelete.add(h.paymentId());
                removedHeld.add(h.paymentId());
                Candidate hc = Candidate.fromHeld(h);
                releasedFromStore.add(hc);
                applyAgainst(hc, o);
            }
        }
        if (fresh != null) {
            for (Candidate hc : fresh) {
                hc.storeAsHeld = false;
                accepted.remove(hc.paymentId());
                applyAgainst(hc, o);
            }
        }
    }

    private void hold(Candidate c) {
        c.outcome = Candidate.Outcome.HELD;
        c.storeAsHeld = true;
        c.context = Map.of("waitingFor", c.event().originalPaymentId());
        accepted.put(c.paymentId(), c.hash());
        waiting.computeIfAbsent(c.event().originalPaymentId(), k -> new ArrayList<>()).add(c);
    }

    private void accept(Candidate c) {
        c.outcome = Candidate.Outcome.APPLIED;
        accepted.put(c.paymentId(), c.hash());
    }

    private void reject(Candidate c, Rejection rejection) {
        c.outcome = Candidate.Outcome.REJECTED;
        c.rejection = rejection;
        c.entries.clear();
        // Refused records go to the DLQ when nobody is waiting for an answer: Kafka records, and
        // records held earlier (also those that came over HTTP).
        if (c.incoming.source() == IncomingRecord.Source.KAFKA || c.held != null) {
            dlq.add(dlqRecord(c, rejection));
        }
    }

    private byte[] existingHash(String paymentId) {
        byte[] hash = accepted.get(paymentId);
        if (hash != null) {
            return hash;
        }
        PrimaryRow row = primaries.get(paymentId);
        if (row != null) {
            return row.hash();
        }
        HeldRecord held = heldById.get(paymentId);
        if (held != null && !removedHeld.contains(paymentId)) {
            return held.hash();
        }
        return null;
    }

    private Original original(String paymentId) {
        Original o = originals.get(paymentId);
        if (o != null) {
            return o;
        }
        PrimaryRow row = primaries.get(paymentId);
        if (row == null) {
            return null;
        }
        Adjustment adj = adjustments.get(paymentId);
        o = new Original(paymentId, row.kind(), row.projectCode(), row.fundSource(), row.fiscalYear(),
                row.agencyCode(), adj == null ? row.amount() : row.amount().add(adj.sum()),
                adj == null ? null : adj.correctedBy());
        originals.put(paymentId, o);
        return o;
    }

    private Rejection projectProblem(PaymentEvent e) {
        return ProjectChecks.problem(projects.apply(e.projectCode()), e.projectCode(), e.fiscalYear(), e.agencyCode(),
                "projectCode", "fiscalYear", "agencyCode");
    }

    private void entry(Candidate c, String entryId, String role, PaymentEvent e, String projectCode,
                       String fundSource, int fiscalYear, String agencyCode, BigDecimal amount, boolean details) {
        ProjectTotals t = totals.computeIfAbsent(projectCode, ProjectTotals::zero);
        t.add(amount, fundSource);
        boolean overspend = t.overspent(projects.apply(projectCode));
        LedgerEntry entry = new LedgerEntry(entryId, e.paymentId(), role, e.kind(), e.originalPaymentId(), fiscalYear,
                agencyCode, projectCode, amount, fundSource, e.paidOn(),
                details ? e.economicClass() : null, details ? e.functionalClass() : null,
                details ? e.authorityDocNo() : null, details ? e.payee() : null, details ? e.purpose() : null,
                details ? c.hash() : null, overspend, t.total, t.fiscal, t.other, c.incoming.source().name(), null);
        entries.add(entry);
        c.entries.add(entry);
    }

    private static DlqRecord dlqRecord(Candidate c, Rejection r) {
        IncomingRecord in = c.incoming;
        String paymentId = c.paymentId();
        String eventId = DlqRecord.eventId(in.topic(), in.partition(), in.offset(), paymentId, c.hash());
        String projectCode = c.parsed.ok() ? c.event().projectCode() : c.parsed.rawProjectCode();
        return new DlqRecord(eventId, in.key(), in.value(), r.reason().code(), r.field(), r.messageZh(), r.messageEn(),
                errorsJson(r), paymentId, projectCode, in.source().name(), in.topic(), in.partition(), in.offset(),
                in.timestamp());
    }

    static String errorsJson(Rejection r) {
        return DlqRecord.errorsJson(r);
    }
}
