package io.budgetwatch.goals.agency;

import io.smallrye.mutiny.Uni;
import io.budgetwatch.common.security.Caller;
import io.budgetwatch.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/agencies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "agencies", description = "预算单位 budget units")
@RolesAllowed({Roles.PLANNER, Roles.MANAGER, Roles.SUPERVISOR, Roles.AUDITOR})
public class AgencyResource {

    @Inject
    Caller caller;

    @Inject
    AgencyRepository agencies;

    @GET
    @Operation(summary = "List agencies (预算单位) with the fiscal years they have goal documents for")
    public Uni<List<AgencyRepository.AgencyView>> list() {
        return agencies.list().map(list -> list.stream().filter(a -> caller.sees(a.code())).toList());
    }
}
