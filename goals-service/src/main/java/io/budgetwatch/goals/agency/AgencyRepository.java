package io.budgetwatch.goals.agency;

import io.budgetwatch.goals.support.Db;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

@ApplicationScoped
public class AgencyRepository {

    @Inject
    Pool pool;

    /** Creates the agency or takes the name the latest document gives it. */
    public Uni<Void> upsert(SqlClient tx, String code, String name, Instant now) {
        return tx.preparedQuery("INSERT INTO agency (code, name, updated_at) VALUES ($1, $2, $3) "
                        + "ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, updated_at = EXCLUDED.updated_at "
                        + "WHERE agency.name IS DISTINCT FROM EXCLUDED.name")
                .execute(Db.tuple(code, name, Db.ts(now)))
                .replaceWithVoid();
    }

    /** Agencies with the fiscal years they have goal documents for. */
    public Uni<List<AgencyView>> list() {
        return pool.query("SELECT a.code, a.name, "
                        + "COALESCE(array_agg(DISTINCT d.fiscal_year ORDER BY d.fiscal_year) "
                        + "FILTER (WHERE d.fiscal_year IS NOT NULL), '{}') AS years "
                        + "FROM agency a LEFT JOIN goal_document d ON d.agency_code = a.code "
                        + "GROUP BY a.code, a.name ORDER BY a.code")
                .execute()
                .map(rows -> {
                    List<AgencyView> list = new ArrayList<>();
                    for (Row row : rows) {
                        List<Integer> years = new ArrayList<>(List.of(row.getArrayOfIntegers("years")));
                        list.add(new AgencyView(row.getString("code"), row.getString("name"), years));
                    }
                    return list;
                });
    }

    /** 预算单位 and the fiscal years it has goal documents for. */
    public record AgencyView(String code, String name, List<Integer> fiscalYears) {
    }
}
