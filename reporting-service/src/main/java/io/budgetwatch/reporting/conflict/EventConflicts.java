package io.budgetwatch.reporting.conflict;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** Records events that reused a stored id with other content (listed by {@link EventConflictResource}). */
@ApplicationScoped
public class EventConflicts {

    @Inject
    Pool pool;

    /** Each tuple: topic, event id, what is stored (or why nothing is), the incoming payload. */
    public Uni<Void> record(List<Tuple> conflicts) {
        return conflicts.isEmpty() ? Uni.createFrom().voidItem() : pool.preparedQuery(
                        "INSERT INTO event_conflict (topic, event_id, stored, incoming) VALUES ($1, $2, $3, $4)")
                .executeBatch(conflicts).replaceWithVoid();
    }
}
