package io.budgetwatch.execution.payment;

import io.budgetwatch.execution.contract.PaymentParser;
import io.budgetwatch.execution.contract.Rejection;
import io.budgetwatch.events.PaymentEvent;
import io.budgetwatch.execution.ledger.LedgerEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One record going through a batch: what was received, what it parsed to, and what became of it. */
public final class Candidate {

    public enum Outcome { APPLIED, DUPLICATE, HELD, REJECTED }

    final int index;
    final IncomingRecord incoming;
    final PaymentParser.Parsed parsed;
    /** Set when this is a record held earlier (read back from held_payment). */
    final HeldRecord held;

    Outcome outcome;
    Rejection rejection;
    Map<String, Object> context;
    final List<LedgerEntry> entries = new ArrayList<>(2);
    /** A new record held in this batch that has to be stored in held_payment. */
    boolean storeAsHeld;

    Candidate(int index, IncomingRecord incoming, PaymentParser.Parsed parsed) {
        this(index, incoming, parsed, null);
    }

    private Candidate(int index, IncomingRecord incoming, PaymentParser.Parsed parsed, HeldRecord held) {
        this.index = index;
        this.incoming = incoming;
        this.parsed = parsed;
        this.held = held;
    }

    /** Forgets a decision, for redoing the batch. */
    void reset() {
        outcome = null;
        rejection = null;
        context = null;
        entries.clear();
        storeAsHeld = false;
    }

    static Candidate fromHeld(HeldRecord held) {
        IncomingRecord incoming = IncomingRecord.of(held.source(), held.rawKey(), held.rawValue(), held.sourceTopic(),
                held.sourcePartition(), held.sourceOffset(), null);
        return new Candidate(-1, incoming, new PaymentParser.Parsed(held.event(), held.hash(), null), held);
    }

    PaymentEvent event() {
        return parsed.event();
    }

    byte[] hash() {
        return parsed.hash();
    }

    public int index() {
        return index;
    }

    public String paymentId() {
        return parsed.ok() ? parsed.event().paymentId() : parsed.rawPaymentId();
    }

    public Outcome outcome() {
        return outcome;
    }

    public Rejection rejection() {
        return rejection;
    }

    public Map<String, Object> context() {
        return context;
    }

    public List<LedgerEntry> entries() {
        return entries;
    }
}
