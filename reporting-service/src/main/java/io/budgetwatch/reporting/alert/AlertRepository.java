package io.budgetwatch.reporting.alert;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Stored alerts through Hibernate Reactive Panache: the API's reads, the acknowledgement, the alerts of deliveries. */
@ApplicationScoped
public class AlertRepository implements PanacheRepositoryBase<AlertEntity, String> {

    /** The API shows at most this many alerts per list. */
    static final int LIST_LIMIT = 1000;

    /** Alerts newest first (then by id), at most {@link #LIST_LIMIT}. */
    Uni<List<AlertEntity>> list(AlertFilter filter) {
        List<String> where = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        if (filter.agencyCode() != null) {
            where.add("agencyCode = :agency");
            parameters.put("agency", filter.agencyCode());
        }
        if (filter.fiscalYear() != null) {
            where.add("fiscalYear = :year");
            parameters.put("year", filter.fiscalYear());
        }
        if (filter.severity() != null) {
            where.add("severity = :severity");
            parameters.put("severity", filter.severity());
        }
        if (filter.rule() != null) {
            where.add("rule = :rule");
            parameters.put("rule", filter.rule());
        }
        if (filter.projectCode() != null) {
            where.add("projectCode = :project");
            parameters.put("project", filter.projectCode());
        }
        if (filter.scope() != null) {
            where.add("agencyCode in :scope");
            // an empty scope sees nothing (an empty IN list is not valid HQL; no agency code is empty)
            parameters.put("scope", filter.scope().isEmpty() ? Set.of("") : filter.scope());
        }
        if (filter.acknowledged() != null) {
            where.add(filter.acknowledged() ? "acknowledgedAt is not null" : "acknowledgedAt is null");
        }
        Sort newestFirst = Sort.descending("raisedAt").and("id");
        var query = where.isEmpty() ? findAll(newestFirst)
                : find(String.join(" and ", where), newestFirst, parameters);
        return query.range(0, LIST_LIMIT - 1).list();
    }

    /** The alerts of these ids (any order); ids without an alert are left out. */
    Uni<List<AlertEntity>> byIds(Collection<String> ids) {
        return list("id in ?1", ids);
    }
}
