package io.budgetwatch.reporting.agency;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.ArrayList;
import java.util.List;

@Path("/api/agencies")
@Produces(MediaType.APPLICATION_JSON)
public class AgencyResource {

    @Inject
    Pool pool;

    /** A budget unit (预算单位) and fiscal year known to the read model. */
    public record AgencyYear(String agencyCode, String agencyName, int fiscalYear, int projectCount) {
    }

    @GET
    @Operation(summary = "Agencies and fiscal years with projects in the read model")
    public Uni<List<AgencyYear>> list() {
        return pool.query("""
                        SELECT agency_code, max(agency_name) AS agency_name, fiscal_year, count(*) AS projects
                        FROM project GROUP BY agency_code, fiscal_year ORDER BY fiscal_year DESC, agency_code""")
                .execute()
                .map(rows -> {
                    List<AgencyYear> list = new ArrayList<>();
                    rows.forEach(r -> list.add(new AgencyYear(r.getString("agency_code"), r.getString("agency_name"),
                            r.getInteger("fiscal_year"), r.getInteger("projects"))));
                    return list;
                });
    }
}
