package io.budgetwatch.reporting.agency;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/** The agencies and fiscal years of the read model's projects. */
@ApplicationScoped
public class AgencyStore {

    @Inject
    Pool pool;

    /** A budget unit (预算单位) and fiscal year known to the read model. */
    public record AgencyYear(String agencyCode, String agencyName, int fiscalYear, int projectCount) {
    }

    /** Newest fiscal year first, then by agency code. */
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
