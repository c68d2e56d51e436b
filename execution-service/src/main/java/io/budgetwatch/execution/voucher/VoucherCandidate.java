package io.budgetwatch.execution.voucher;

import io.budgetwatch.execution.contract.Rejection;
import io.budgetwatch.execution.contract.VoucherParser;
import io.budgetwatch.execution.contract.VoucherRecord;
import io.budgetwatch.execution.ledger.LedgerEntry;
import io.budgetwatch.execution.payment.IncomingRecord;

import java.util.ArrayList;
import java.util.List;

/** One voucher record going through a batch: what was received, what it parsed to, and what became of it. */
public final class VoucherCandidate {

    /**
     * APPLIED: became the voucher's state (it may count nothing yet: pending); DUPLICATE: that state again (no-op);
     * STALE: an earlier state arriving late (recorded, not applied); CONFLICT: another content for a state received
     * before (recorded, not applied, refused); REJECTED: refused before it reached the voucher.
     */
    public enum Outcome { APPLIED, DUPLICATE, STALE, CONFLICT, REJECTED }

    final int index;
    final IncomingRecord incoming;
    final VoucherParser.Parsed parsed;

    Outcome outcome;
    Rejection rejection;
    /** The voucher_state row this record was stored as (APPLIED, STALE, CONFLICT). */
    Long stateId;
    final List<LedgerEntry> entries = new ArrayList<>(2);

    VoucherCandidate(int index, IncomingRecord incoming, VoucherParser.Parsed parsed) {
        this.index = index;
        this.incoming = incoming;
        this.parsed = parsed;
    }

    VoucherRecord record() {
        return parsed.record();
    }

    public int index() {
        return index;
    }

    public String payCertId() {
        return parsed.ok() ? parsed.record().payCertId() : parsed.rawPayCertId();
    }

    public Outcome outcome() {
        return outcome;
    }

    public Rejection rejection() {
        return rejection;
    }

    public List<LedgerEntry> entries() {
        return entries;
    }

    public Long stateId() {
        return stateId;
    }

    /** Whether this state counts as executed money (paid and not deleted). */
    public boolean counts() {
        return parsed.ok() && parsed.record().counts();
    }

    public String payCertNo() {
        return parsed.ok() ? parsed.record().payCertNo() : null;
    }

    public String updateTime() {
        return parsed.ok() ? VoucherRecord.time(parsed.record().updateTime()) : null;
    }
}
