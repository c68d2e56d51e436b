package io.budgetwatch.reporting.conflict;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Events that reused a stored id with other content: recorded by the consumers, listed by {@link EventConflictResource}. */
@ApplicationScoped
public class EventConflictStore {

    @Inject
    Pool pool;

    /** To record: the topic, the event id, what is stored (or why nothing is), the incoming payload. */
    public record Conflict(String topic, String eventId, String stored, String incoming) {
    }

    /** A recorded conflict; the event was not applied. */
    public record EventConflict(long id, String topic, String eventId, String stored, String incoming,
                                Instant recordedAt) {
    }

    public Uni<Void> record(List<Conflict> conflicts) {
        if (conflicts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>(conflicts.size());
        conflicts.forEach(c -> rows.add(Tuple.of(c.topic(), c.eventId(), c.stored(), c.incoming())));
        return pool.preparedQuery(
                        "INSERT INTO event_conflict (topic, event_id, stored, incoming) VALUES ($1, $2, $3, $4)")
                .executeBatch(rows).replaceWithVoid();
    }

    /** Newest first, at most 500; a null filter means any. */
    public Uni<List<EventConflict>> list(String topic, String eventId) {
        return pool.preparedQuery("""
                        SELECT * FROM event_conflict WHERE ($1::text IS NULL OR topic = $1)
                          AND ($2::text IS NULL OR event_id = $2) ORDER BY id DESC LIMIT 500""")
                .execute(Tuple.of(topic, eventId))
                .map(rows -> {
                    List<EventConflict> list = new ArrayList<>();
                    rows.forEach(r -> list.add(new EventConflict(r.getLong("id"), r.getString("topic"),
                            r.getString("event_id"), r.getString("stored"), r.getString("incoming"),
                            r.getOffsetDateTime("recorded_at").toInstant())));
                    return list;
                });
    }
}
