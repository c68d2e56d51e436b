package io.budgetwatch.reporting.conflict;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

@Path("/api/event-conflicts")
@Produces(MediaType.APPLICATION_JSON)
public class EventConflictResource {

    @Inject
    Pool pool;

    /** An event that reused a stored id with other content; it was not applied. */
    public record EventConflict(long id, String topic, String eventId, String stored, String incoming,
                                Instant recordedAt) {
    }

    @GET
    @Operation(summary = "Events that reused an id with different content (recorded, never applied), newest first")
    public Uni<List<EventConflict>> list(@QueryParam("topic") String topic, @QueryParam("eventId") String eventId) {
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
