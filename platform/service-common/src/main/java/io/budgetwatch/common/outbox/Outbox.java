package io.budgetwatch.common.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Writes an event into the outbox table using the caller's transaction, so the event exists if and
 * only if the change it announces was committed. {@link OutboxRelay} sends it to Kafka afterwards.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    ObjectMapper mapper;

    @Inject
    OutboxRelay relay;

    /**
     * Adds an event inside the transaction that {@code tx} belongs to. An event id already in the
     * outbox is ignored: the same event enqueued twice is published once.
     */
    public Uni<Void> enqueue(SqlClient tx, String topic, String key, String eventId, Object event) {
        String payload = toJson(event);
        return tx.preparedQuery("INSERT INTO outbox (event_id, topic, msg_key, event_type, payload) "
                        + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (event_id) DO NOTHING")
                .execute(Tuple.of(eventId, topic, key, event.getClass().getSimpleName(), payload))
                .replaceWithVoid();
    }

    /**
     * The same as {@link #enqueue(SqlClient, String, String, String, Object)} inside the transaction of a
     * Hibernate Reactive session (a service whose state is Panache entities), flushed with its other writes.
     */
    public Uni<Void> enqueue(Mutiny.Session session, String topic, String key, String eventId, Object event) {
        String payload = toJson(event);
        return session.createNativeQuery("INSERT INTO outbox (event_id, topic, msg_key, event_type, payload) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (event_id) DO NOTHING")
                .setParameter(1, eventId).setParameter(2, topic).setParameter(3, key)
                .setParameter(4, event.getClass().getSimpleName()).setParameter(5, payload)
                .executeUpdate()
                .replaceWithVoid();
    }

    /** One event for {@link #enqueueAll}. */
    public record Pending(String topic, String key, String eventId, Object event) {
    }

    /**
     * Adds many events inside the transaction of {@code tx} in one statement, in list order (the relay
     * publishes in that order). Same rules as {@link #enqueue}: an event id already there is ignored.
     */
    public Uni<Void> enqueueAll(SqlClient tx, java.util.List<Pending> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = events.size();
        String[] ids = new String[n], topics = new String[n], keys = new String[n], types = new String[n],
                payloads = new String[n];
        for (int i = 0; i < n; i++) {
            Pending p = events.get(i);
            ids[i] = p.eventId();
            topics[i] = p.topic();
            keys[i] = p.key();
            types[i] = p.event().getClass().getSimpleName();
            payloads[i] = toJson(p.event());
        }
        return tx.preparedQuery("""
                        INSERT INTO outbox (event_id, topic, msg_key, event_type, payload)
                        SELECT event_id, topic, msg_key, event_type, payload
                        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY
                            AS t(event_id, topic, msg_key, event_type, payload, n)
                        ORDER BY n
                        ON CONFLICT (event_id) DO NOTHING""")
                .execute(Tuple.of(ids, topics, keys, types, payloads))
                .replaceWithVoid();
    }

    /** Asks the relay to run soon instead of waiting for its next poll (call after commit). */
    public void nudge() {
        relay.nudge();
    }

    public String toJson(Object event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event cannot be serialized: " + event.getClass().getName(), e);
        }
    }
}
