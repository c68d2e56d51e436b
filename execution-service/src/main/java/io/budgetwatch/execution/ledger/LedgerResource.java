package io.budgetwatch.execution.ledger;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.budgetwatch.common.problem.ProblemException;
import io.budgetwatch.execution.payment.PaymentQueries;
import io.budgetwatch.execution.payment.PaymentViews;
import io.budgetwatch.execution.project.KnownProject;
import io.budgetwatch.execution.project.ProjectCatalog;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** The ledger of one project: totals by fund source, execution rate, overspend, entries in ledger order. */
@Path("/api/projects/{code}/ledger")
@Tag(name = "ledger", description = "项目台账 / project ledger")
public class LedgerResource {

    @Inject
    Pool pool;

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
                             boolean overspend, long entryCount, List<PaymentViews.EntryView> entries,
                             Long nextAfterSeq) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Project ledger: budget, executed totals by fund source (执行数), execution rate, overspend "
            + "flag and entries in ledger order (page with afterSeq)")
    public Uni<LedgerView> ledger(@PathParam("code") String code,
                                  @QueryParam("afterSeq") @DefaultValue("0") long afterSeq,
                                  @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 0 || limit > 1000) {
            throw ProblemException.badRequest("invalid-parameter", "limit", "limit 须在 0 至 1000 之间",
                    "limit must be between 0 and 1000");
        }
        Uni<Row> totals = pool.preparedQuery("SELECT * FROM project_total WHERE project_code = $1")
                .execute(Tuple.of(code)).map(rows -> rows.size() == 0 ? null : rows.iterator().next());
        // The project's writes in order, each read by its seq range on the seq index (writes do not overlap, so
        // sorting by seq within a write gives the ledger order, and the limit stops the reading early). The limit in
        // the sub-select keeps the planner from flattening it into a scan of the whole ledger.
        Uni<List<Row>> entries = limit == 0 ? Uni.createFrom().item(List.of()) : pool.preparedQuery("""
                        SELECT e.* FROM ledger_project_write w
                        CROSS JOIN LATERAL (
                            SELECT * FROM ledger_entry e
                            WHERE e.seq BETWEEN greatest(w.from_seq, $2 + 1) AND w.to_seq
                              AND e.project_code = w.project_code
                            ORDER BY e.seq LIMIT $3) e
                        WHERE w.project_code = $1 AND w.to_seq > $2
                        ORDER BY w.to_seq, e.seq
                        LIMIT $3""")
                .execute(Tuple.of(code, afterSeq, limit + 1))
                .map(rows -> {
                    List<Row> list = new ArrayList<>();
                    rows.forEach(list::add);
                    return list;
                });
        return Uni.combine().all().unis(totals, entries).asTuple().map(t -> {
            KnownProject project = catalog.find(code).orElse(null);
            Row total = t.getItem1();
            if (project == null && total == null) {
                throw ProblemException.notFound("project-not-found", "code", "项目 " + code + " 未知且没有台账记录",
                        "Project " + code + " is unknown and has no ledger entries");
            }
            BigDecimal zero = BigDecimal.ZERO.setScale(2);
            Money executed = total == null ? new Money(zero, zero, zero) : new Money(total.getBigDecimal("executed_total"),
                    total.getBigDecimal("executed_fiscal"), total.getBigDecimal("executed_other"));
            Money budget = project == null ? null
                    : new Money(project.budgetTotal(), project.budgetFiscal(), project.budgetOther());
            BigDecimal rate = project == null || project.budgetTotal().signum() == 0 ? null
                    : executed.total().multiply(BigDecimal.valueOf(100))
                    .divide(project.budgetTotal(), 2, RoundingMode.HALF_UP);
            boolean overspend = project != null && executed.total().compareTo(project.budgetTotal()) > 0;
            List<Row> rows = t.getItem2();
            Long next = null;
            if (rows.size() > limit) {
                rows = rows.subList(0, limit);
                next = rows.get(rows.size() - 1).getLong("seq");
            }
            return new LedgerView(code, project == null ? null : project.name(),
                    project == null ? null : project.fiscalYear(), project == null ? null : project.agencyCode(),
                    budget, executed, rate, overspend, total == null ? 0 : total.getLong("entry_count"),
                    rows.stream().map(PaymentQueries::entry).toList(), next);
        });
    }
}
