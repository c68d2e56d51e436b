package io.budgetwatch.reporting.export;

import io.budgetwatch.common.problem.Lang;
import io.budgetwatch.common.security.Caller;
import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.reporting.access.ProjectAccess;
import io.budgetwatch.reporting.evaluation.ProjectFactsRepository;
import io.budgetwatch.reporting.progress.ProgressService;
import io.budgetwatch.reporting.progress.ProgressView.AgencyProgress;
import io.budgetwatch.reporting.selfevaluation.SelfEvaluationService;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * The downloads: the figures come from the progress and self-evaluation services unchanged (no rule of theirs
 * is repeated here); this class only lays them out. The workbook is built on a worker thread.
 */
@ApplicationScoped
public class ExportService {

    @Inject
    ProgressService progress;

    @Inject
    SelfEvaluationService selfEvaluation;

    @Inject
    ProjectFactsRepository facts;

    /** A file to download. */
    public record Download(String fileName, byte[] body) {
    }

    /** The agency's progress table as {@code GET /api/progress} answers it, as CSV (Chinese labels). */
    public Uni<Download> progressCsv(Caller caller, String agency, String year, String asOf) {
        return progress.agency(caller, agency, year, asOf, Lang.ZH).map(p -> new Download(progressFileName(p),
                ProgressCsv.write(p)));
    }

    static String progressFileName(AgencyProgress p) {
        return "预算执行进度_" + p.agencyCode() + "_" + p.fiscalYear() + "_" + p.asOf() + ".csv";
    }

    /** The 项目支出绩效自评表 of a project the caller has been let see ({@link ProjectAccess}). */
    public Uni<Download> selfEvaluationXlsx(String code, String year) {
        return selfEvaluation.evaluate(code, year).chain(evaluation -> {
            LocalDate yearEnd = LocalDate.of(evaluation.fiscalYear(), 12, 31);
            return Uni.combine().all().unis(progress.project(code, yearEnd, Lang.ZH), facts.snapshot(code))
                    .asTuple()
                    .map(t -> {
                        ProjectSnapshot snapshot = t.getItem2();
                        if (snapshot == null) {
                            throw ProjectAccess.unknownProject(code);
                        }
                        var atYearEnd = t.getItem1();
                        BigDecimal startTotal = atYearEnd.budget().total();
                        BigDecimal startFiscal = atYearEnd.budget().fiscal();
                        BigDecimal startOther = atYearEnd.budget().other();
                        List<ProjectSnapshot.BudgetAdjustment> adjustments =
                                snapshot.adjustments() == null ? List.of() : snapshot.adjustments();
                        if (!adjustments.isEmpty()) {
                            // 年初预算数: the total before the first adjustment; its split by fund is not recorded
                            startTotal = adjustments.stream()
                                    .min(Comparator.comparingInt(ProjectSnapshot.BudgetAdjustment::seq))
                                    .map(ProjectSnapshot.BudgetAdjustment::previousTotal).orElse(null);
                            startFiscal = null;
                            startOther = null;
                        }
                        String goals = snapshot.goals() == null || snapshot.goals().isEmpty() ? null
                                : String.join("\n", snapshot.goals());
                        return new SelfEvaluationForm(snapshot.agencyName(), startTotal, startFiscal, startOther,
                                atYearEnd.budget(), atYearEnd.executed(), goals, evaluation);
                    });
        }).chain(form -> Uni.createFrom()
                .item(() -> new Download(SelfEvaluationWorkbook.TITLE + "_" + code + "_" + form.evaluation().fiscalYear() + ".xlsx",
                        SelfEvaluationWorkbook.write(form)))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }
}
