package io.budgetwatch.reporting.agency;

import io.budgetwatch.common.security.Caller;
import io.budgetwatch.common.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/** The agencies the dashboard offers: readers see those of their scope only. */
@Path("/api/agencies")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLANNER, Roles.MANAGER, Roles.SUPERVISOR, Roles.AUDITOR})
public class AgencyResource {

    @Inject
    AgencyStore agencies;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "Agencies and fiscal years with projects in the read model (those in the caller's scope)")
    public Uni<List<AgencyStore.AgencyYear>> list() {
        return agencies.list().map(list -> list.stream().filter(a -> caller.sees(a.agencyCode())).toList());
    }
}
