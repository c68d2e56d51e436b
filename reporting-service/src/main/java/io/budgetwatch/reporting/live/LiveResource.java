package io.budgetwatch.reporting.live;

import io.budgetwatch.common.security.Caller;
import io.budgetwatch.common.security.Roles;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseHeader;

import java.time.Instant;

/**
 * Live updates for the dashboard: {@code GET /api/live}, server-sent events. Each committed change of an agency the
 * caller sees is one message {@code event: change} with {@code data: {"type","agencyCode","fiscalYear",
 * "projectCode"}}; the page re-fetches what it shows. The stream starts with a {@code retry:} and a {@code : ping}
 * comment and repeats the comment every {@link LiveSettings#heartbeat()} (15 s). GET and read-only, so the
 * dashboard's session cookie opens it without the {@code X-Requested-With} header an EventSource cannot send.
 */
@Path(LiveResource.PATH)
@Tag(name = "live", description = "实时更新 / live updates")
@RolesAllowed({Roles.PLANNER, Roles.MANAGER, Roles.SUPERVISOR, Roles.AUDITOR})
public class LiveResource {

    public static final String PATH = "/api/live";

    @Inject
    Caller caller;

    @Inject
    LiveStream stream;

    @Inject
    SecurityIdentity identity;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @ResponseHeader(name = "X-Accel-Buffering", value = "no")
    @Operation(summary = "Server-sent events: one 'change' message per committed change of an agency in the caller's "
            + "scope ({type: payment|alert|project|explanation|indicator, agencyCode, fiscalYear, projectCode}), "
            + "a ': ping' comment every 15 s")
    public Multi<OutboundSseEvent> live(@Context Sse sse) {
        // a stream lives no longer than the token that opened it: then the browser reconnects through the sign-in
        // (a refreshed session, or 499), and the caller's roles and agencies are read again
        Instant expires = identity.getPrincipal() instanceof JsonWebToken token && token.getExpirationTime() > 0
                ? Instant.ofEpochSecond(token.getExpirationTime()) : null;
        return stream.of(caller.snapshot(), sse, expires);
    }
}
