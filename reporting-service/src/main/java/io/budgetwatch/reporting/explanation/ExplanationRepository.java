package io.budgetwatch.reporting.explanation;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Stored deviation explanations through Hibernate Reactive Panache (human volume). */
@ApplicationScoped
public class ExplanationRepository implements PanacheRepositoryBase<ExplanationEntity, String> {

    /** The API shows at most this many explanations per list. */
    static final int LIST_LIMIT = 1000;

    /**
     * A project's explanations, newest recorded first (then the later inserted), of monitoring dates up to
     * {@code asOf} (all when null), of one indicator when {@code indicatorSeq} is given.
     */
    Uni<List<ExplanationEntity>> history(String projectCode, LocalDate asOf, Integer indicatorSeq) {
        StringBuilder where = new StringBuilder("projectCode = :project");
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("project", projectCode);
        if (asOf != null) {
            where.append(" and monitoringDate <= :asOf");
            parameters.put("asOf", asOf);
        }
        if (indicatorSeq != null) {
            where.append(" and indicatorSeq = :indicator");
            parameters.put("indicator", indicatorSeq);
        }
        return find(where.toString(), Sort.descending("recordedAt", "seq"), parameters)
                .range(0, LIST_LIMIT - 1).list();
    }

    /**
     * The explanations of the projects with monitoring dates up to {@code asOf}, the latest monitoring date first,
     * then the latest recorded (then the later inserted): the first of an indicator (or of the funds) is the one
     * the monitoring form shows as of {@code asOf}.
     */
    Uni<List<ExplanationEntity>> latestFirst(List<String> projectCodes, LocalDate asOf) {
        return find("projectCode in :projects and monitoringDate <= :asOf",
                Sort.descending("monitoringDate", "recordedAt", "seq"),
                Map.of("projects", projectCodes, "asOf", asOf)).list();
    }
}
