package io.budgetwatch.goals.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetwatch.common.audit.AuditEntry;
import io.budgetwatch.common.audit.AuditTrail;
import io.budgetwatch.common.outbox.Outbox;
import io.budgetwatch.common.persistence.Transactions;
import io.budgetwatch.common.problem.ProblemException;
import io.budgetwatch.common.security.AccessProblems;
import io.budgetwatch.common.security.Caller;
import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.events.ProjectSnapshot.Budget;
import io.budgetwatch.goals.adjustment.BudgetAdjustment;
import io.budgetwatch.goals.adjustment.BudgetAdjustmentRepository;
import io.budgetwatch.goals.agency.AgencyRepository;
import io.budgetwatch.goals.departmentgoal.DepartmentGoalRepository;
import io.budgetwatch.goals.document.parse.DocumentRejectedException;
import io.budgetwatch.goals.document.parse.GoalDocumentParser;
import io.budgetwatch.goals.document.parse.ParsedDocument;
import io.budgetwatch.goals.document.parse.ParsedIndicator;
import io.budgetwatch.goals.document.parse.ParsedProject;
import io.budgetwatch.goals.document.parse.QualityWarning;
import io.budgetwatch.goals.project.ProjectEvents;
import io.budgetwatch.goals.project.ProjectRepository;
import io.budgetwatch.goals.project.ProjectRepository.ProjectRow;
import io.budgetwatch.goals.project.ProjectRepository.ProjectWrite;
import io.budgetwatch.goals.support.Steps;
import io.budgetwatch.goals.support.Hashing;
import io.budgetwatch.goals.support.Money;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Imports a goal document: parses it on a worker thread, then stores the document, its department
 * goals, warnings, projects, project versions, budget adjustments and snapshot events in ONE
 * transaction. The same bytes as the latest version of the agency's document for the year are a
 * no-op answered with the stored report.
 */
@ApplicationScoped
public class GoalDocumentImporter {

    private static final Logger LOG = Logger.getLogger(GoalDocumentImporter.class);
    /** adjusted_by of an adjustment caused by a new document version. */
    public static final String DOCUMENT_ADJUSTER = "goal-document-import";

    @Inject
    Transactions transactions;

    /** Stateless and thread-safe; blocking (POI), so only called on a worker thread. */
    private final GoalDocumentParser parser = new GoalDocumentParser();

    @Inject
    GoalDocumentRepository documents;

    @Inject
    AgencyRepository agencies;

    @Inject
    DepartmentGoalRepository departmentGoals;

    @Inject
    ProjectRepository projects;

    @Inject
    BudgetAdjustmentRepository adjustments;

    @Inject
    ProjectEvents events;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    AuditTrail audit;

    @Inject
    ObjectMapper mapper;

    @Inject
    MeterRegistry registry;

    private Counter imported;

    @jakarta.annotation.PostConstruct
    void init() {
        imported = Counter.builder("budgetwatch.goal.documents.imported")
                .description("Goal documents stored as a new version (the same bytes as the latest version are not)")
                .register(registry);
    }

    /** created is false when the document was already the latest version (nothing written). */
    public record ImportOutcome(boolean created, ImportReport report) {
    }

    private enum Action { CREATE, CHANGE, UNCHANGED }

    /** A project of the document, checked and normalized, with what the import will do to it. */
    private record Incoming(ParsedProject parsed, String agencyCode, String agencyName, Budget budget,
                            List<String> goals, List<ProjectSnapshot.PlanPoint> plan,
                            List<ProjectSnapshot.Indicator> indicators, String contentSha256) {
        String code() {
            return parsed.code();
        }
    }

    private record Decision(Incoming incoming, Action action, ProjectRow existing, boolean adjustBudget) {
    }

    /**
     * @param storedMediaType the media type kept with the original bytes (e.g. text/plain; charset=utf-8)
     * @param parserMediaType one of the parser's TEXT, DOCX, XLSX
     */
    public Uni<ImportOutcome> importDocument(byte[] body, String storedMediaType, String parserMediaType,
                                             Integer fiscalYearHint, Caller caller) {
        return Uni.createFrom().item(() -> parse(body, parserMediaType, fiscalYearHint))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .invoke(parsed -> {
                    // a planner imports the documents of its own agencies only
                    if (parsed.agencyCode() != null && !caller.sees(parsed.agencyCode())) {
                        throw AccessProblems.agencyForbidden(parsed.agencyCode());
                    }
                })
                .flatMap(parsed -> store(parsed, body, storedMediaType, Hashing.sha256(body), caller));
    }

    private ParsedDocument parse(byte[] body, String mediaType, Integer fiscalYearHint) {
        try {
            return parser.parse(body, mediaType, fiscalYearHint);
        } catch (DocumentRejectedException e) {
            throw rejected(e);
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // A document that breaks the parser is still bad input: refuse it, but log the cause.
            LOG.warnf(e, "Parser failed on a %s document of %d bytes", mediaType, body.length);
            throw new ProblemException(422, "document-unreadable", null,
                    "无法读取该文档：" + e.getClass().getSimpleName(),
                    "The document cannot be read: " + e.getClass().getSimpleName());
        }
    }

    /**
     * 422 naming where: field is the location (e.g. "表2 第5行 第3列（文本第118行）", or the label
     * concerned when there is no location), context has table/sheet/row/cell/line/field and the
     * location in both languages; the detail is location and reason in the caller's language.
     */
    static ProblemException rejected(DocumentRejectedException e) {
        String location = e.location();
        Map<String, Object> context = e.locationMap();
        return new ProblemException(422, e.code(), location.isEmpty() ? e.field() : location, e.describeZh(),
                e.describeEn(), null, context.isEmpty() ? null : context);
    }

    /** Stores an already parsed document as the system did it (used by tests). */
    public Uni<ImportOutcome> store(ParsedDocument doc, byte[] body, String mediaType, String sha256) {
        return store(doc, body, mediaType, sha256, Caller.system("goal-document-import"));
    }

    /** Stores an already parsed document (the import's second half), recording who did it in the audit trail. */
    public Uni<ImportOutcome> store(ParsedDocument doc, byte[] body, String mediaType, String sha256, Caller caller) {
        List<Incoming> incoming = check(doc);
        return transactions.inTransaction(() -> lock(doc.agencyCode(), doc.fiscalYear())
                        .chain(() -> documents.latest(doc.agencyCode(), doc.fiscalYear()))
                        .flatMap(latest -> latest != null && latest.sha256().equals(sha256)
                                ? Uni.createFrom().item(new ImportOutcome(false, latest.report()))
                                : write(doc, incoming, body, mediaType, sha256, caller,
                                latest == null ? 1 : latest.version() + 1)))
                .invoke(outcome -> {
                    if (outcome.created()) {
                        imported.increment();
                        outbox.nudge();
                    }
                });
    }

    /** Imports of one agency and year run one at a time, so versions and the duplicate check are exact. */
    private Uni<Void> lock(String agencyCode, int fiscalYear) {
        return documents.getSession().flatMap(session -> session.createNativeQuery(
                                "SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))) AS locked",
                                Integer.class)
                        .setParameter(1, "goal-document:" + agencyCode + ":" + fiscalYear)
                        .getSingleResult())
                .replaceWithVoid();
    }

    private Uni<ImportOutcome> write(ParsedDocument doc, List<Incoming> incoming, byte[] body,
                                     String mediaType, String sha256, Caller caller, int version) {
        UUID documentId = UUID.randomUUID();
        Instant now = clock.instant();
        List<String> codes = incoming.stream().map(Incoming::code).toList();
        return upsertAgencies(doc, incoming, now)
                .chain(() -> projects.lockRows(codes))
                .flatMap(existing -> {
                    checkOwnership(doc, existing);
                    return projects.lockNoLongerListed(doc.agencyCode(), doc.fiscalYear(), codes)
                            .flatMap(notListed -> {
                                List<Decision> decisions = decide(incoming, existing);
                                ImportReport report = report(doc, decisions, notListed, documentId, version,
                                        mediaType, body.length, sha256, now);
                                return documents.insert(report, body)
                                        .chain(() -> departmentGoals.insert(documentId, doc.agencyCode(),
                                                doc.fiscalYear(), nullToEmpty(doc.duties())))
                                        .chain(() -> documents.insertWarnings(documentId,
                                                nullToEmpty(doc.warnings())))
                                        .chain(() -> Steps.sequentially(decisions,
                                                d -> apply(d, doc, documentId, version, now)))
                                        .chain(() -> Steps.sequentially(notListed,
                                                row -> withdraw(row, documentId, now)))
                                        .chain(documents::getSession)
                                        .flatMap(session -> audit.record(session, caller, auditEntry(report)))
                                        .replaceWith(new ImportOutcome(true, report));
                            });
                });
    }

    private Uni<Void> upsertAgencies(ParsedDocument doc, List<Incoming> incoming, Instant now) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put(doc.agencyCode(), doc.agencyName());
        for (Incoming project : incoming) {
            names.putIfAbsent(project.agencyCode(), project.agencyName());
        }
        return Steps.sequentially(new ArrayList<>(names.entrySet()),
                e -> agencies.upsert(e.getKey(), e.getValue(), now)).replaceWithVoid();
    }

    private static void checkOwnership(ParsedDocument doc, Map<String, ProjectRow> existing) {
        for (ProjectRow row : existing.values()) {
            if (!row.documentAgencyCode().equals(doc.agencyCode()) || row.fiscalYear() != doc.fiscalYear()) {
                throw new ProblemException(409, "project-code-taken", "projects[" + row.code() + "]",
                        "项目编码 " + row.code() + " 已属于预算单位 " + row.documentAgencyCode() + " 的 "
                                + row.fiscalYear() + " 年度绩效目标文档",
                        "Project code " + row.code() + " already belongs to the " + row.fiscalYear()
                                + " goal document of agency " + row.documentAgencyCode(),
                        null, Map.of("projectCode", row.code(), "agencyCode", row.documentAgencyCode(),
                        "fiscalYear", row.fiscalYear()));
            }
        }
    }

    private static List<Decision> decide(List<Incoming> incoming, Map<String, ProjectRow> existing) {
        List<Decision> decisions = new ArrayList<>();
        for (Incoming project : incoming) {
            ProjectRow row = existing.get(project.code());
            if (row == null) {
                decisions.add(new Decision(project, Action.CREATE, null, false));
                continue;
            }
            // The document changes the budget only if its own figure changed since the previous version:
            // an unchanged figure keeps a manual adjustment made in between.
            boolean declaredChanged = !sameBudget(row.declared(), project.budget());
            boolean adjust = declaredChanged && !sameBudget(row.budget(), project.budget());
            boolean changed = declaredChanged || !row.inLatestDocument()
                    || !row.contentSha256().equals(project.contentSha256());
            decisions.add(new Decision(project, changed ? Action.CHANGE : Action.UNCHANGED, row, adjust));
        }
        return decisions;
    }

    private Uni<Void> apply(Decision d, ParsedDocument doc, UUID documentId, int documentVersion,
                            Instant now) {
        Incoming p = d.incoming();
        switch (d.action()) {
            case CREATE -> {
                ProjectWrite write = new ProjectWrite(p.code(), doc.fiscalYear(), p.agencyCode(), doc.agencyCode(),
                        p.parsed().name(), p.parsed().purpose(), p.parsed().tableNo(), 1, p.budget(), p.budget(),
                        p.contentSha256(), documentId, now);
                return projects.insert(write)
                        .chain(() -> projects.addContent(p.code(), p.plan(), p.goals(), p.indicators()))
                        .chain(() -> events.publishCurrentVersion(p.code(), ProjectEvents.CAUSE_DOCUMENT,
                                documentId, null))
                        .replaceWithVoid();
            }
            case CHANGE -> {
                ProjectRow row = d.existing();
                int version = row.version() + 1;
                Budget current = d.adjustBudget() ? p.budget() : row.budget();
                ProjectWrite write = new ProjectWrite(p.code(), doc.fiscalYear(), p.agencyCode(), doc.agencyCode(),
                        p.parsed().name(), p.parsed().purpose(), p.parsed().tableNo(), version, current, p.budget(),
                        p.contentSha256(), documentId, now);
                Uni<Integer> adjustment = d.adjustBudget()
                        ? adjustments.insert(new BudgetAdjustmentRepository.AdjustmentWrite(p.code(),
                        row.budget(), p.budget(), "目标文档第" + documentVersion + "版 / goal document version "
                        + documentVersion, effectiveDate(doc.fiscalYear()), DOCUMENT_ADJUSTER, now,
                        BudgetAdjustment.SOURCE_DOCUMENT, documentId, documentVersion, version, null, null))
                        : Uni.createFrom().nullItem();
                return adjustment.flatMap(seq -> projects.updateFromDocument(write)
                                .chain(() -> projects.replaceContent(p.code(), p.plan(), p.goals(),
                                        p.indicators()))
                                .chain(() -> events.publishCurrentVersion(p.code(), ProjectEvents.CAUSE_DOCUMENT,
                                        documentId, seq)))
                        .replaceWithVoid();
            }
            default -> {
                return projects.seenUnchanged(p.code(), p.parsed().tableNo(), documentId, now);
            }
        }
    }

    /** A project the new version no longer lists: kept, flagged, new version announced. */
    private Uni<Void> withdraw(ProjectRow row, UUID documentId, Instant now) {
        return projects.markNotListed(row.code(), row.version() + 1, now)
                .chain(() -> events.publishCurrentVersion(row.code(), ProjectEvents.CAUSE_DOCUMENT, documentId,
                        null))
                .replaceWithVoid();
    }

    private static AuditEntry auditEntry(ImportReport r) {
        return AuditEntry.done("goal-document.import", r.documentId().toString(), r.agencyCode(),
                r.fiscalYear() + " 年绩效目标文档第 " + r.version() + " 版 / version " + r.version() + ": "
                        + r.projectCount() + " projects (created " + r.createdProjects().size() + ", changed "
                        + r.changedProjects().size() + ", unchanged " + r.unchangedProjects().size() + ", no longer listed "
                        + r.notListedProjects().size() + "), " + r.budgetAdjustments().size()
                        + " budget adjustments, total " + r.totalBudget().toPlainString() + " yuan, sha256 "
                        + r.sha256());
    }

    /** A document's budget change takes effect the day it is received, kept inside the fiscal year. */
    private LocalDate effectiveDate(int fiscalYear) {
        LocalDate today = LocalDate.now(clock);
        LocalDate first = LocalDate.of(fiscalYear, 1, 1);
        LocalDate last = LocalDate.of(fiscalYear, 12, 31);
        return today.isBefore(first) ? first : today.isAfter(last) ? last : today;
    }

    private static ImportReport report(ParsedDocument doc, List<Decision> decisions, List<ProjectRow> notListed,
                                       UUID documentId, int version, String mediaType, int size, String sha256,
                                       Instant now) {
        List<String> codes = new ArrayList<>();
        List<String> created = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<ImportReport.Adjustment> budgetAdjustments = new ArrayList<>();
        BigDecimal total = Money.yuan(BigDecimal.ZERO);
        int indicatorCount = 0;
        for (Decision d : decisions) {
            Incoming p = d.incoming();
            codes.add(p.code());
            total = total.add(p.budget().total());
            indicatorCount += p.indicators().size();
            switch (d.action()) {
                case CREATE -> created.add(p.code());
                case CHANGE -> changed.add(p.code());
                default -> unchanged.add(p.code());
            }
            if (d.adjustBudget()) {
                budgetAdjustments.add(new ImportReport.Adjustment(p.code(), d.existing().budget().total(),
                        p.budget().total(), p.budget().fiscal(), p.budget().other()));
            }
        }
        List<ImportReport.Warning> warnings = nullToEmpty(doc.warnings()).stream()
                .map(w -> new ImportReport.Warning(w.projectCode(), w.indicatorSeq(), w.indicatorName(), w.rule(),
                        null, w.messageZh(), w.messageEn()))
                .toList();
        return new ImportReport(documentId, doc.agencyCode(), doc.agencyName(), doc.fiscalYear(), version, mediaType,
                size, sha256, now, doc.moneyUnit(), codes, codes.size(), indicatorCount,
                nullToEmpty(doc.duties()).size(), total, created, changed, unchanged,
                notListed.stream().map(ProjectRow::code).toList(), budgetAdjustments, warnings.size(), warnings);
    }

    // ---------------------------------------------------------------------------------------------
    // Checks: the parser refuses what it cannot read; these guard the database's own rules so that a
    // surprising parse result is a 422, never a 500 or a silently rounded amount.

    private List<Incoming> check(ParsedDocument doc) {
        if (doc.agencyCode() == null || doc.agencyCode().isBlank()) {
            throw invalid("agency-missing", "agency", "文档中找不到预算单位编码", "The document names no agency code");
        }
        if (doc.fiscalYear() < 2000 || doc.fiscalYear() > 2099) {
            throw invalid("fiscal-year-out-of-range", "fiscalYear", "预算年度超出范围：" + doc.fiscalYear(),
                    "The fiscal year is out of range: " + doc.fiscalYear());
        }
        Set<String> seen = new HashSet<>();
        List<Incoming> incoming = new ArrayList<>();
        for (ParsedProject p : nullToEmpty(doc.projects())) {
            String field = "projects[" + p.code() + "]";
            if (p.code() == null || p.code().isBlank()) {
                throw invalid("project-code-missing", "table " + p.tableNo(), "第 " + p.tableNo() + " 张表缺少项目编码",
                        "Table " + p.tableNo() + " has no project code");
            }
            if (!seen.add(p.code())) {
                throw invalid("duplicate-project-code", field, "项目编码 " + p.code() + " 在文档中出现多次",
                        "Project code " + p.code() + " appears more than once in the document");
            }
            if (p.name() == null || p.name().isBlank()) {
                throw invalid("project-name-missing", field, "项目 " + p.code() + " 缺少项目名称",
                        "Project " + p.code() + " has no name");
            }
            Budget budget = new Budget(amount(p.total(), field + ".total"), amount(p.fiscal(), field + ".fiscal"),
                    amount(p.other(), field + ".other"));
            if (budget.total().compareTo(budget.fiscal().add(budget.other())) != 0) {
                throw invalid("budget-split-mismatch", field + ".total", "项目 " + p.code() + " 的预算数 "
                                + budget.total() + " 不等于财政资金与其他资金之和 " + budget.fiscal().add(budget.other()),
                        "Project " + p.code() + ": total " + budget.total() + " is not fiscal plus other "
                                + budget.fiscal().add(budget.other()));
            }
            List<ProjectSnapshot.PlanPoint> plan = nullToEmpty(p.plan());
            for (ProjectSnapshot.PlanPoint point : plan) {
                if (point.checkpoint() == null || point.cumulativePercent() == null
                        || point.cumulativePercent().signum() < 0
                        || point.cumulativePercent().compareTo(BigDecimal.valueOf(100)) > 0) {
                    throw invalid("plan-percent-out-of-range", field + ".plan", "项目 " + p.code()
                            + " 的资金支出计划有缺失或超出 0–100 的值", "Project " + p.code()
                            + " has a plan checkpoint that is missing or outside 0-100 %");
                }
            }
            Set<Integer> seqs = new HashSet<>();
            List<ProjectSnapshot.Indicator> indicators = new ArrayList<>();
            for (ParsedIndicator i : nullToEmpty(p.indicators())) {
                if (!seqs.add(i.seq())) {
                    throw invalid("duplicate-indicator-seq", field + ".indicators[" + i.seq() + "]",
                            "项目 " + p.code() + " 的指标序号 " + i.seq() + " 重复",
                            "Project " + p.code() + " has indicator number " + i.seq() + " twice");
                }
                indicators.add(new ProjectSnapshot.Indicator(i.seq(), i.level1(), i.level2(), i.level3(),
                        i.description(), i.targetRaw() == null ? "" : i.targetRaw(), i.target(), i.basis()));
            }
            String agencyCode = p.agencyCode() == null || p.agencyCode().isBlank() ? doc.agencyCode() : p.agencyCode();
            String agencyName = p.agencyName() == null || p.agencyName().isBlank() ? doc.agencyName() : p.agencyName();
            List<String> goals = nullToEmpty(p.goals());
            incoming.add(new Incoming(p, agencyCode, agencyName, budget, goals, plan, indicators,
                    fingerprint(agencyCode, agencyName, p, goals, plan, indicators)));
        }
        return incoming;
    }

    private static BigDecimal amount(BigDecimal value, String field) {
        if (value == null) {
            throw invalid("amount-missing", field, "缺少金额", "An amount is missing");
        }
        if (value.signum() < 0) {
            throw invalid("negative-amount", field, "金额不能为负数：" + value.toPlainString(),
                    "An amount is negative: " + value.toPlainString());
        }
        if (!Money.hasAtMostTwoDecimals(value)) {
            throw invalid("amount-precision", field, "金额换算为元后超过两位小数：" + value.toPlainString(),
                    "An amount has more than two decimals in yuan: " + value.toPlainString());
        }
        if (value.compareTo(Money.MAX) > 0) {
            throw invalid("amount-too-large", field, "金额超出上限：" + value.toPlainString(),
                    "An amount is too large: " + value.toPlainString());
        }
        return Money.yuan(value);
    }

    private static ProblemException invalid(String code, String field, String zh, String en) {
        return ProblemException.unprocessable(code, field, zh, en);
    }

    /** Identifies the content of a project version apart from its budget (compared separately). */
    private String fingerprint(String agencyCode, String agencyName, ParsedProject p, List<String> goals,
                               List<ProjectSnapshot.PlanPoint> plan, List<ProjectSnapshot.Indicator> indicators) {
        List<Object> content = new ArrayList<>(Arrays.asList(agencyCode, agencyName, p.name(), p.purpose(), goals));
        for (ProjectSnapshot.PlanPoint point : plan) {
            content.add(Arrays.asList(point.checkpoint().toString(), plain(point.cumulativePercent())));
        }
        for (ProjectSnapshot.Indicator i : indicators) {
            ProjectSnapshot.Target t = i.target();
            content.add(Arrays.asList(i.seq(), i.level1(), i.level2(), i.level3(), i.description(), i.targetRaw(),
                    i.basis()));
            content.add(t == null ? null : Arrays.asList(t.kind(), t.operator(), plain(t.value()), plain(t.upper()),
                    t.unit(), plain(t.baseValue()), plain(t.baseUpper()), t.baseUnit(),
                    t.deadline() == null ? null : t.deadline().toString(), t.direction()));
        }
        try {
            return Hashing.sha256(mapper.writeValueAsString(content));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros().toPlainString();
    }

    private static boolean sameBudget(Budget a, Budget b) {
        return Money.sameAmount(a.total(), b.total()) && Money.sameAmount(a.fiscal(), b.fiscal())
                && Money.sameAmount(a.other(), b.other());
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
