package io.budgetwatch.reporting.agency;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

@Path("/api/agencies")
@Produces(MediaType.APPLICATION_JSON)
public class AgencyResource {

    @Inject
    AgencyStore agencies;

    @GET
    @Operation(summary = "Agencies and fiscal years with projects in the read model")
    public Uni<List<AgencyStore.AgencyYear>> list() {
        return agencies.list();
    }
}
