package io.budgetwatch.reporting.live;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers by key, each with the {@link ChangeVersions.Stamp} it was computed at; an answer is given back only while
 * it is {@link ChangeVersions#fresh}. The stamp must be taken before the database is read.
 */
public final class ReadCache<K, V> {

    private record Kept<V>(ChangeVersions.Stamp stamp, V value) {
    }

    private final ChangeVersions versions;
    private final int capacity;
    private final Map<K, Kept<V>> kept = new ConcurrentHashMap<>();

    public ReadCache(ChangeVersions versions, int capacity) {
        this.versions = versions;
        this.capacity = capacity;
    }

    /** The kept answer if still fresh, else null. */
    public V get(K key) {
        Kept<V> k = kept.get(key);
        if (k == null) {
            return null;
        }
        if (!versions.fresh(k.stamp())) {
            kept.remove(key, k);
            return null;
        }
        return k.value();
    }

    /** Keeps an answer computed from a reading made after {@code stamp} was taken (unless already stale). */
    public void put(K key, ChangeVersions.Stamp stamp, V value) {
        if (!versions.fresh(stamp)) {
            return;
        }
        if (kept.size() >= capacity) {
            kept.clear();
        }
        kept.put(key, new Kept<>(stamp, value));
    }
}
