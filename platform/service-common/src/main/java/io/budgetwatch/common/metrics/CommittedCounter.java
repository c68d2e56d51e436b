package io.budgetwatch.common.metrics;

import io.budgetwatch.common.persistence.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.sqlclient.SqlClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A tagged counter that counts what a transaction stored, once it commits and never when it rolls back
 * ({@link AfterCommit}): the rows a statement actually inserted (ledger entries, DLQ records, alerts), grouped by
 * their tag values so a batch makes one increment per series.
 */
public final class CommittedCounter {

    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final List<String> tagKeys;

    public CommittedCounter(MeterRegistry registry, String name, String description, String... tagKeys) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.tagKeys = List.of(tagKeys);
    }

    /**
     * Counts {@code stored} after {@code tx} commits (at once when {@code tx} is not in a transaction), each item in
     * the series of the tag values {@code tags} gives, in the order of the tag keys. A null value is tagged "null".
     */
    public <T> void countOnCommit(SqlClient tx, Iterable<T> stored, Function<? super T, List<String>> tags) {
        Map<List<String>, Integer> counts = new LinkedHashMap<>();
        for (T item : stored) {
            List<String> values = tags.apply(item);
            if (values.size() != tagKeys.size()) {
                throw new IllegalArgumentException(name + " takes tags " + tagKeys + ", given " + values);
            }
            List<String> key = new ArrayList<>(values.size());
            values.forEach(v -> key.add(String.valueOf(v)));
            counts.merge(key, 1, Integer::sum);
        }
        if (counts.isEmpty()) {
            return;
        }
        AfterCommit.run(tx, () -> counts.forEach((values, n) -> counter(values).increment(n)));
    }

    private Counter counter(List<String> values) {
        String[] tags = new String[tagKeys.size() * 2];
        for (int i = 0; i < tagKeys.size(); i++) {
            tags[2 * i] = tagKeys.get(i);
            tags[2 * i + 1] = values.get(i);
        }
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }
}
