package io.budgetwatch.goals.agency;

import io.budgetwatch.common.persistence.Transactions;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class AgencyRepository implements PanacheRepositoryBase<Agency, String> {

    @Inject
    Transactions transactions;

    /**
     * Creates the agency or takes the name the latest document gives it, in the caller's transaction.
     * An upsert statement rather than find-then-persist: imports of two agencies' documents may name the
     * same new agency at the same moment, and only the database can make that race harmless.
     */
    public Uni<Void> upsert(String code, String name, Instant now) {
        return getSession().flatMap(session -> session.createNativeQuery("INSERT INTO agency (code, name, updated_at) "
                                + "VALUES (?1, ?2, ?3) ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, "
                                + "updated_at = EXCLUDED.updated_at WHERE agency.name IS DISTINCT FROM EXCLUDED.name")
                        .setParameter(1, code).setParameter(2, name).setParameter(3, now.atOffset(ZoneOffset.UTC))
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Agencies with the fiscal years they have goal documents for. */
    public Uni<List<AgencyView>> list() {
        return transactions.inSession(() -> getSession().flatMap(session -> session.createSelectionQuery(
                        "select distinct a.code, a.name, d.fiscalYear from Agency a "
                                + "left join GoalDocument d on d.agencyCode = a.code "
                                + "order by a.code, d.fiscalYear", Object[].class)
                .getResultList()))
                .map(rows -> {
                    Map<String, AgencyView> agencies = new LinkedHashMap<>();
                    for (Object[] row : rows) {
                        AgencyView agency = agencies.computeIfAbsent((String) row[0],
                                code -> new AgencyView(code, (String) row[1], new ArrayList<>()));
                        if (row[2] != null) {
                            agency.fiscalYears().add((Integer) row[2]);
                        }
                    }
                    return new ArrayList<>(agencies.values());
                });
    }

    /** 预算单位 and the fiscal years it has goal documents for. */
    public record AgencyView(String code, String name, List<Integer> fiscalYears) {
    }
}
