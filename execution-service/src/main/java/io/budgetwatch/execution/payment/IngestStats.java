package io.budgetwatch.execution.payment;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of this instance since start (not persisted; the database is the record). */
@ApplicationScoped
public class IngestStats {

    private static final Logger LOG = Logger.getLogger(IngestStats.class);

    /** Nanoseconds spent per phase since the last log line: parse, read, decide, write, commit. */
    private final AtomicLong parseNanos = new AtomicLong();
    private final AtomicLong readNanos = new AtomicLong();
    private final AtomicLong decideNanos = new AtomicLong();
    private final AtomicLong writeNanos = new AtomicLong();
    private final AtomicLong commitNanos = new AtomicLong();
    private final AtomicLong windowBatches = new AtomicLong();
    private final AtomicLong windowRecords = new AtomicLong();

    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong conflicts = new AtomicLong();
    private final AtomicLong releasedFromHold = new AtomicLong();
    private final AtomicLong entries = new AtomicLong();
    private final AtomicLong optimisticMisses = new AtomicLong();

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

    void optimisticMiss() {
        optimisticMisses.incrementAndGet();
    }

    void timings(long records, long parse, long read, long decide, long write, long commit) {
        windowBatches.incrementAndGet();
        windowRecords.addAndGet(records);
        parseNanos.addAndGet(parse);
        readNanos.addAndGet(read);
        decideNanos.addAndGet(decide);
        writeNanos.addAndGet(write);
        commitNanos.addAndGet(commit);
    }

    void parsed(long nanos) {
        parseNanos.addAndGet(nanos);
    }

    /** One line every 10 s while records flow: where the time of a batch goes. */
    @Scheduled(every = "10s", delayed = "10s")
    void log() {
        long batches = windowBatches.getAndSet(0);
        if (batches == 0) {
            return;
        }
        long records = windowRecords.getAndSet(0);
        LOG.infof("ingested %d records in %d batches (avg %d); per batch ms: parse %.1f, read %.1f, decide %.1f, "
                        + "write %.1f, commit %.1f", records, batches, records / batches,
                ms(parseNanos.getAndSet(0), batches), ms(readNanos.getAndSet(0), batches),
                ms(decideNanos.getAndSet(0), batches), ms(writeNanos.getAndSet(0), batches),
                ms(commitNanos.getAndSet(0), batches));
    }

    private static double ms(long nanos, long batches) {
        return nanos / 1e6 / batches;
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
        m.put("optimisticDedupeMisses", optimisticMisses.get());
        return m;
    }
}
