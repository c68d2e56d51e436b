package io.budgetwatch.goals.agency;

import io.smallrye.mutiny.Uni;
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
public class AgencyResource {

    @Inject
    AgencyRepository agencies;

    @GET
    @Operation(summary = "List agencies (预算单位) with the fiscal years they have goal documents for")
    public Uni<List<AgencyRepository.AgencyView>> list() {
        return agencies.list();
    }
}
