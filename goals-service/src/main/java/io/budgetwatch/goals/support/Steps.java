package io.budgetwatch.goals.support;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.function.Function;

/** Steps of one session or transaction, run one after the other (a session runs one statement at a time). */
public final class Steps {

    private Steps() {
    }

    /** Applies {@code step} to each item, one after the other. */
    public static <I, O> Uni<List<O>> sequentially(List<I> items, Function<? super I, Uni<? extends O>> step) {
        if (items.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Multi.createFrom().iterable(items).onItem().<O>transformToUniAndConcatenate(step).collect().asList();
    }
}
