package io.budgetwatch.execution.payment;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of this instance since start (not persisted; the database is the record). */
@ApplicationScoped
public class IngestStats {

    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong conflicts = new AtomicLong();
    private final AtomicLong releasedFromHold = new AtomicLong();
    private final AtomicLong entries = new AtomicLong();

    void count(List<Candidate> candidates, LedgerBatch batch) {
        batches.incrementAndGet();
        records.addAndGet(candidates.size());
        for (Candidate c : candidates) {
            switch (c.outcome) {
                case APPLIED -> applied.incrementAndGet();
                case DUPLICATE -> duplicates.incrementAndGet();
                case HELD -> held.incrementAndGet();
                case REJECTED -> rejected.incrementAndGet();
            }
        }
        conflicts.addAndGet(batch.conflicts.size());
        releasedFromHold.addAndGet(batch.releasedFromStore.size());
        entries.addAndGet(batch.entries.size());
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("batches", batches.get());
        m.put("records", records.get());
        m.put("applied", applied.get());
        m.put("duplicates", duplicates.get());
        m.put("held", held.get());
        m.put("rejected", rejected.get());
        m.put("conflicts", conflicts.get());
        m.put("releasedFromHold", releasedFromHold.get());
        m.put("ledgerEntries", entries.get());
        return m;
    }
}
