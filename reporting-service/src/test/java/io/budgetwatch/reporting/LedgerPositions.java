package io.budgetwatch.reporting;

import io.budgetwatch.events.ProjectTotalsEvent;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ledger positions for the tests' ledger entries, as execution-service assigns them: one per entry id (a
 * re-sent entry keeps its position), increasing in the order ids are first used, and unique across every
 * test of the JVM. {@link #single} is the execution.project-totals event of a ledger write of that one entry.
 */
public final class LedgerPositions {

    private static final Map<String, Long> BY_ENTRY_ID = new ConcurrentHashMap<>();
    private static final AtomicLong LAST = new AtomicLong();

    private LedgerPositions() {
    }

    public static long of(String entryId) {
        return BY_ENTRY_ID.computeIfAbsent(entryId, id -> LAST.incrementAndGet());
    }

    /** A ledger write of one entry (signed amount in yuan), at the entry id's position. */
    public static ProjectTotalsEvent single(String entryId, String agency, String code, String amount, String fund,
                                            String paidOn, Instant recordedAt) {
        long seq = of(entryId);
        return new ProjectTotalsEvent(ProjectTotalsEvent.eventId(code, seq, seq), code, 2021, agency, seq, seq, 1,
                List.of(new ProjectTotalsEvent.DayAmount(LocalDate.parse(paidOn), fund, new BigDecimal(amount), 1)),
                null, null, null, false, recordedAt);
    }
}
