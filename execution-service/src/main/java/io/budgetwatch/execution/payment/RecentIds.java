package io.budgetwatch.execution.payment;

import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;

/**
 * 64-bit fingerprints of payment ids this instance applied or held recently (two generations of an
 * open-addressing set, about 4 MB each). Only a hint for the optimistic dedupe: an id it does not
 * know is assumed new, and the ledger's primary key catches the rare case where that is wrong (the
 * batch is then redone with a full lookup). A false "known" only costs a lookup.
 */
@Singleton
public class RecentIds {

    private static final int SLOTS = 1 << 19;
    private static final int MAX_FILL = SLOTS / 2;

    private long[] current = new long[SLOTS];
    private long[] previous = new long[SLOTS];
    private int fill;

    public synchronized boolean mightContain(String id) {
        long h = fingerprint(id);
        return contains(current, h) || contains(previous, h);
    }

    public synchronized void add(String id) {
        long h = fingerprint(id);
        if (contains(current, h)) {
            return;
        }
        if (fill >= MAX_FILL) {
            long[] recycled = previous;
            java.util.Arrays.fill(recycled, 0L);
            previous = current;
            current = recycled;
            fill = 0;
        }
        int i = (int) (h ^ (h >>> 32)) & (SLOTS - 1);
        while (current[i] != 0) {
            i = (i + 1) & (SLOTS - 1);
        }
        current[i] = h;
        fill++;
    }

    /** Forgets everything (as after a restart). */
    synchronized void clear() {
        java.util.Arrays.fill(current, 0L);
        java.util.Arrays.fill(previous, 0L);
        fill = 0;
    }

    private static boolean contains(long[] table, long h) {
        int i = (int) (h ^ (h >>> 32)) & (SLOTS - 1);
        while (table[i] != 0) {
            if (table[i] == h) {
                return true;
            }
            i = (i + 1) & (SLOTS - 1);
        }
        return false;
    }

    /** FNV-1a over the UTF-8 bytes, never 0 (0 marks an empty slot). */
    static long fingerprint(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c >= 0x80) {
                return fingerprintUtf8(id);
            }
            h ^= c; // ASCII: the char is its UTF-8 byte (no byte[] per id on the hot path)
            h *= 0x100000001b3L;
        }
        h ^= h >>> 29;
        return h == 0 ? 1 : h;
    }

    private static long fingerprintUtf8(String id) {
        long h = 0xcbf29ce484222325L;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 29;
        return h == 0 ? 1 : h;
    }
}
