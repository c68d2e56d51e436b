package io.budgetwatch.reporting;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ledger positions for the tests' ledger entries, as execution-service assigns them: one per entry id (a
 * re-sent entry keeps its position), increasing in the order ids are first used, and unique across every
 * test of the JVM (reporting's position index is unique across projects).
 */
public final class LedgerPositions {

    private static final Map<String, Long> BY_ENTRY_ID = new ConcurrentHashMap<>();
    private static final AtomicLong LAST = new AtomicLong();

    private LedgerPositions() {
    }

    public static long of(String entryId) {
        return BY_ENTRY_ID.computeIfAbsent(entryId, id -> LAST.incrementAndGet());
    }
}
