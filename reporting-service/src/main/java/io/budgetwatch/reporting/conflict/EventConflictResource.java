package io.budgetwatch.reporting.conflict;

import io.budgetwatch.common.security.AccessProblems;
import io.budgetwatch.common.security.AccessRefusedException;
import io.budgetwatch.common.security.Caller;
import io.budgetwatch.common.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/**
 * Events the consumers refused because their id was reused with other content: an operational view of the
 * pipelines for supervisors, auditors and administrators. A conflict carries the stored and the incoming
 * payloads whole (project snapshots, ledger positions of any agency) and no agency column to filter by, so
 * only a caller who sees every agency (a token without {@code agency_codes}) may read them; a caller of these
 * roles bound to some agencies is refused (403, audited).
 */
@Path("/api/event-conflicts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPERVISOR, Roles.AUDITOR, Roles.ADMIN})
public class EventConflictResource {

    @Inject
    EventConflictStore conflicts;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "Events that reused an id with different content (recorded, never applied), newest first; "
            + "for callers who see every agency")
    public Uni<List<EventConflictStore.EventConflict>> list(@QueryParam("topic") String topic,
                                                            @QueryParam("eventId") String eventId) {
        if (!caller.seesAllAgencies()) {
            throw new AccessRefusedException(AccessProblems.roleForbidden(),
                    "event conflicts carry the payloads of every agency; the caller sees only " + caller.agencies());
        }
        return conflicts.list(topic, eventId);
    }
}
