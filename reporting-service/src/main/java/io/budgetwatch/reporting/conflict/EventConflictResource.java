package io.budgetwatch.reporting.conflict;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

@Path("/api/event-conflicts")
@Produces(MediaType.APPLICATION_JSON)
public class EventConflictResource {

    @Inject
    EventConflictStore conflicts;

    @GET
    @Operation(summary = "Events that reused an id with different content (recorded, never applied), newest first")
    public Uni<List<EventConflictStore.EventConflict>> list(@QueryParam("topic") String topic,
                                                            @QueryParam("eventId") String eventId) {
        return conflicts.list(topic, eventId);
    }
}
