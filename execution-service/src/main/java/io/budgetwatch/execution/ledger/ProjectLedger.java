package io.budgetwatch.execution.ledger;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.budgetwatch.common.problem.ProblemException;
import io.budgetwatch.execution.project.KnownProject;
import io.budgetwatch.execution.project.ProjectCatalog;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/** The ledger of one project as {@code GET /api/projects/{code}/ledger} shows it. */
@ApplicationScoped
public class ProjectLedger {

    @Inject
    LedgerQueries queries;

    @Inject
    ProjectCatalog catalog;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Money(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal total,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal fiscal,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal other) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LedgerView(String projectCode, String name, Integer fiscalYear, String agencyCode, Money budget,
                             Money executed,
                             @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal executionRatePercent,
                             boolean overspend, long entryCount, List<EntryView> entries, Long nextAfterSeq) {
    }

    /** A page of at most {@code limit} entries after {@code afterSeq}; 404 for a project neither known nor booked. */
    public Uni<LedgerView> page(String code, long afterSeq, int limit) {
        // one entry more than the page tells whether another page follows
        Uni<List<EntryView>> entries = limit == 0 ? Uni.createFrom().item(List.of())
                : queries.projectEntries(code, afterSeq, limit + 1);
        return Uni.combine().all().unis(queries.executed(code), entries).asTuple().map(t -> view(code, catalog.find(code), t.getItem1(), t.getItem2(), limit));
    }

    static LedgerView view(String code, Optional<KnownProject> known, Optional<LedgerQueries.Executed> booked,
                           List<EntryView> entries, int limit) {
        KnownProject project = known.orElse(null);
        if (project == null && booked.isEmpty()) {
            throw ProblemException.notFound("project-not-found", "code", "项目 " + code + " 未知且没有台账记录",
                    "Project " + code + " is unknown and has no ledger entries");
        }
        BigDecimal zero = BigDecimal.ZERO.setScale(2);
        Money executed = booked.map(e -> new Money(e.total(), e.fiscal(), e.other())).orElse(new Money(zero, zero, zero));
        Money budget = project == null ? null
                : new Money(project.budgetTotal(), project.budgetFiscal(), project.budgetOther());
        BigDecimal rate = project == null || project.budgetTotal().signum() == 0 ? null
                : executed.total().multiply(BigDecimal.valueOf(100)).divide(project.budgetTotal(), 2, RoundingMode.HALF_UP);
        boolean overspend = project != null && executed.total().compareTo(project.budgetTotal()) > 0;
        Long next = null;
        if (entries.size() > limit) {
            entries = entries.subList(0, limit);
            next = entries.get(entries.size() - 1).seq();
        }
        return new LedgerView(code, project == null ? null : project.name(),
                project == null ? null : project.fiscalYear(), project == null ? null : project.agencyCode(),
                budget, executed, rate, overspend, booked.map(LedgerQueries.Executed::entryCount).orElse(0L),
                entries, next);
    }
}
