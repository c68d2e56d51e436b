package io.budgetwatch.goals.support;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** Small helpers for the reactive PostgreSQL client. */
public final class Db {

    private Db() {
    }

    /** A tuple that accepts nulls. */
    public static Tuple tuple(Object... values) {
        return Tuple.from(Arrays.asList(values));
    }

    /** NUMERIC parameter: exact, never through double. */
    public static Numeric num(BigDecimal value) {
        return value == null ? null : Numeric.create(value);
    }

    public static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    public static BigDecimal decimal(Row row, String column) {
        return row.getBigDecimal(column);
    }

    /** Runs one statement per tuple; nothing to do for an empty list (executeBatch refuses it). */
    public static Uni<Void> batch(SqlClient client, String sql, List<Tuple> tuples) {
        if (tuples.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery(sql).executeBatch(tuples).replaceWithVoid();
    }

    /** Applies {@code step} to each item, one after the other (a connection runs one thing at a time). */
    public static <I, O> Uni<List<O>> sequentially(List<I> items, Function<? super I, Uni<? extends O>> step) {
        if (items.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Multi.createFrom().iterable(items).onItem().<O>transformToUniAndConcatenate(step).collect().asList();
    }
}
