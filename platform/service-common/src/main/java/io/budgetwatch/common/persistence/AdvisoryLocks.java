package io.budgetwatch.common.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import java.util.function.Function;
import java.util.function.Supplier;

/** Work that one replica at a time does: PostgreSQL advisory locks shared by every replica of a service. */
public final class AdvisoryLocks {

    private AdvisoryLocks() {
    }

    /**
     * Runs {@code work} in a transaction holding advisory lock {@code lock} (released when it ends, or when the
     * replica dies with its connection); answers {@code heldElsewhere} at once when another replica holds it.
     */
    public static <T> Uni<T> whenFree(Pool pool, long lock, Function<SqlConnection, Uni<T>> work,
                                      Supplier<T> heldElsewhere) {
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT pg_try_advisory_xact_lock($1)")
                .execute(Tuple.of(lock))
                .flatMap(rows -> rows.iterator().next().getBoolean(0) ? work.apply(conn)
                        : Uni.createFrom().item(heldElsewhere)));
    }
}
