package io.budgetwatch.reporting.export;

import io.budgetwatch.common.problem.Lang;
import io.budgetwatch.common.security.Caller;
import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.reporting.access.ProjectAccess;
import io.budgetwatch.reporting.evaluation.ProjectFacts;
import io.budgetwatch.reporting.evaluation.ProjectFactsRepository;
import io.budgetwatch.reporting.explanation.ExplanationService;
import io.budgetwatch.reporting.explanation.ExplanationView;
import io.budgetwatch.reporting.explanation.StoredExplanations;
import io.budgetwatch.reporting.progress.ProgressService;
import io.budgetwatch.reporting.progress.ProgressView.Money;
import io.budgetwatch.reporting.project.ProjectDetail;
import io.budgetwatch.reporting.progress.ProgressView.AgencyProgress;
import io.budgetwatch.reporting.progress.ProgressView.ProjectProgress;
import io.budgetwatch.reporting.selfevaluation.SelfEvaluationService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

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

    @Inject
    ExplanationService explanations;

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
        return selfEvaluationForm(code, year)
                .chain(form -> explanations.latest(List.of(code), ProjectFactsRepository.ALL_TIME)
                        .map(latest -> withExplanations(form, latest)))
                .chain(form -> Uni.createFrom()
                        .item(() -> new Download(SelfEvaluationWorkbook.TITLE + "_" + code + "_"
                                + form.evaluation().fiscalYear() + ".xlsx", SelfEvaluationWorkbook.write(form)))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    /**
     * The 项目支出绩效自评表 of every project of an agency and fiscal year, a sheet each, under the walls of the
     * progress table ({@link ProgressService#agency(Caller, String, String, String, Lang)}: another agency named is
     * 403; the agency may be omitted by a caller of one). Each sheet is the one project's workbook's sheet.
     */
    public Uni<Download> selfEvaluationXlsx(Caller caller, String agency, String year) {
        return progress.agency(caller, agency, year, null, Lang.ZH).chain(p -> {
            List<String> codes = p.projects().stream().map(ProjectProgress::projectCode).toList();
            String yearText = String.valueOf(p.fiscalYear());
            // one project after the other (each a few queries on the pool), then the explanations' session
            return Multi.createFrom().iterable(codes)
                    .onItem().transformToUniAndConcatenate(code -> selfEvaluationForm(code, yearText))
                    .collect().asList()
                    .chain(forms -> explanations.latest(codes, ProjectFactsRepository.ALL_TIME)
                            .map(latest -> forms.stream().map(form -> withExplanations(form, latest)).toList()))
                    .chain(forms -> Uni.createFrom()
                            .item(() -> new Download(SelfEvaluationWorkbook.TITLE + "_" + p.agencyCode() + "_"
                                    + p.fiscalYear() + ".xlsx", SelfEvaluationWorkbook.write(forms,
                                    forms.isEmpty() ? p.agencyCode() : forms.get(0).agencyName(), p.fiscalYear())))
                            .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
        });
    }

    private static SelfEvaluationForm withExplanations(SelfEvaluationForm form,
                                                       Map<String, Map<Integer, ExplanationView>> latest) {
        return new SelfEvaluationForm(form.agencyName(), form.budgetAtStart(), form.fiscalAtStart(),
                form.otherAtStart(), form.budget(), form.executed(), form.goals(), form.evaluation(),
                latest.getOrDefault(form.evaluation().projectCode(), Map.of()));
    }

    /** One project's form, without its explanations yet: the self-evaluation, the year-end figures, the snapshot. */
    private Uni<SelfEvaluationForm> selfEvaluationForm(String code, String year) {
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
                        // 年初预算数 (the budget of the read model's snapshot, as the year-end figures use it)
                        Money start = ProjectDetail.initialBudget(snapshot);
                        String goals = snapshot.goals() == null || snapshot.goals().isEmpty() ? null
                                : String.join("\n", snapshot.goals());
                        return new SelfEvaluationForm(snapshot.agencyName(), start.total(), start.fiscal(),
                                start.other(), atYearEnd.budget(), atYearEnd.executed(), goals, evaluation, Map.of());
                    });
        });
    }

    /**
     * The 项目支出绩效目标执行监控表 of an agency's projects, under the walls of the progress table
     * ({@link ProgressService#agency(Caller, String, String, String, Lang)}): the projects and figures of
     * {@code GET /api/progress}, per project its indicators with the latest actual at the date (as
     * {@code GET /api/projects/{code}/indicators}) and the deviation explanations in force at the date.
     */
    public Uni<FileDownload> monitoringXlsx(Caller caller, String agency, String year, String asOf,
                                            TempFileSending sending) {
        return progress.agency(caller, agency, year, asOf, Lang.ZH).chain(p -> {
            List<String> codes = p.projects().stream().map(ProjectProgress::projectCode).toList();
            if (codes.isEmpty()) {
                return Uni.createFrom().item(new MonitoringForm(p, List.of()));
            }
            LocalDate date = p.asOf();
            // one after the other: the session of the explanations and the pool's queries do not overlap; the
            // snapshots were parsed by the facts' load (the second query only confirms their versions)
            return facts.load(codes, date)
                    .chain(loaded -> explanations.latest(codes, date)
                            .chain(latest -> facts.snapshots(codes).map(snapshots -> form(p, loaded, latest,
                                    snapshots))));
        }).chain(form -> Uni.createFrom()
                .item(() -> new FileDownload(monitoringFileName(form.progress()), sending.hold(toTempFile(form))))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    /** A file to download that lies in a temp file (its sender deletes it once sent). */
    public record FileDownload(String fileName, Path file) {
    }

    static final String TEMP_PREFIX = "budgetwatch-monitoring-";

    /** The workbook written to a new temp file (deleted again when writing it fails). Blocking. */
    private static Path toTempFile(MonitoringForm form) {
        Path file = null;
        try {
            file = Files.createTempFile(TEMP_PREFIX, ".xlsx");
            try (OutputStream out = new BufferedOutputStream(
                    Files.newOutputStream(file), 64 * 1024)) {
                MonitoringWorkbook.write(form, out);
            }
            return file;
        } catch (IOException | RuntimeException e) {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    e.addSuppressed(ignored);
                }
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    static String monitoringFileName(AgencyProgress p) {
        return MonitoringWorkbook.TITLE + "_" + p.agencyCode() + "_" + p.fiscalYear() + "_" + p.asOf() + ".xlsx";
    }

    private static MonitoringForm form(AgencyProgress p, List<ProjectFacts> loaded,
                                       Map<String, Map<Integer, ExplanationView>> latest,
                                       List<ProjectSnapshot> snapshotList) {
        Map<String, ProjectSnapshot> snapshots = new HashMap<>();
        snapshotList.forEach(s -> snapshots.put(s.projectCode(), s));
        Map<String, ProjectFacts> factsByCode = loaded.stream()
                .collect(Collectors.toMap(ProjectFacts::code, Function.identity(), (a, b) -> a));
        List<MonitoringForm.Project> projects = new ArrayList<>();
        for (ProjectProgress project : p.projects()) {
            String code = project.projectCode();
            ProjectSnapshot snapshot = snapshots.get(code);
            ProjectFacts f = factsByCode.get(code);
            Map<Integer, ExplanationView> explained = latest.getOrDefault(code, Map.of());
            // 年初预算数
            BigDecimal startTotal = snapshot == null ? project.budget().total()
                    : ProjectDetail.initialBudget(snapshot).total();
            List<MonitoringForm.IndicatorLine> lines = new ArrayList<>();
            if (f != null) {
                for (ProjectSnapshot.Indicator indicator : f.indicators()) {
                    lines.add(new MonitoringForm.IndicatorLine(indicator, f.actualFor(indicator, p.asOf()),
                            explained.get(indicator.seq())));
                }
            }
            String agencyName = snapshot != null && snapshot.agencyName() != null ? snapshot.agencyName()
                    : project.agencyCode();
            projects.add(new MonitoringForm.Project(project, agencyName, startTotal,
                    explained.get(StoredExplanations.FUNDS), lines));
        }
        return new MonitoringForm(p, projects);
    }
}
