package io.budgetwatch.goals.project;

import io.budgetwatch.common.persistence.Transactions;
import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.events.ProjectSnapshot.Budget;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.hibernate.reactive.mutiny.Mutiny;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Projects, their current content (plan, goal lines, indicators) and their versions. Writes take part in
 * the caller's transaction; reads join the caller's session or open one.
 */
@ApplicationScoped
public class ProjectRepository implements PanacheRepositoryBase<Project, String> {

    @Inject
    Transactions transactions;

    /** What the import and the adjustment need to decide about a project; the row is locked. */
    public record ProjectRow(String code, int fiscalYear, String agencyCode, String documentAgencyCode, int version,
                             Budget budget, Budget declared, String contentSha256, boolean inLatestDocument) {

        static ProjectRow of(Project p) {
            return new ProjectRow(p.code, p.fiscalYear, p.agencyCode, p.documentAgencyCode, p.version, p.budget(),
                    p.declared(), p.contentSha256, p.inLatestDocument);
        }
    }

    /** All columns of a project row as written by the import. */
    public record ProjectWrite(String code, int fiscalYear, String agencyCode, String documentAgencyCode,
                               String name, String purpose, int tableNo, int version, Budget budget,
                               Budget declared, String contentSha256, UUID documentId, Instant now) {
    }

    public Uni<Map<String, ProjectRow>> lockRows(Collection<String> codes) {
        if (codes.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return find("code in ?1", Sort.by("code"), codes).withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .map(projects -> {
                    Map<String, ProjectRow> map = new LinkedHashMap<>();
                    projects.forEach(p -> map.put(p.code, ProjectRow.of(p)));
                    return map;
                });
    }

    public Uni<ProjectRow> lockRow(String code) {
        return findById(code, LockModeType.PESSIMISTIC_WRITE).map(p -> p == null ? null : ProjectRow.of(p));
    }

    /** Projects the agency's document for the year listed until now but does not list any more. */
    public Uni<List<ProjectRow>> lockNoLongerListed(String documentAgency, int year, Collection<String> listed) {
        String query = "documentAgencyCode = ?1 and fiscalYear = ?2 and inLatestDocument = true"
                + (listed.isEmpty() ? "" : " and code not in ?3");
        Object[] params = listed.isEmpty() ? new Object[]{documentAgency, year}
                : new Object[]{documentAgency, year, listed};
        return find(query, Sort.by("code"), params).withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .map(projects -> projects.stream().map(ProjectRow::of).toList());
    }

    public Uni<Void> insert(ProjectWrite w) {
        Project p = new Project();
        p.code = w.code();
        p.fiscalYear = w.fiscalYear();
        p.documentAgencyCode = w.documentAgencyCode();
        p.setOriginal(w.budget());
        p.inLatestDocument = true;
        p.sourceDocumentId = w.documentId();
        p.createdAt = w.now();
        write(p, w);
        return persist(p).replaceWithVoid();
    }

    /** A new document version changed the project: new content, new version, listed again. */
    public Uni<Void> updateFromDocument(ProjectWrite w) {
        return findById(w.code()).invoke(p -> {
            write(p, w);
            p.inLatestDocument = true;
            p.sourceDocumentId = w.documentId();
        }).replaceWithVoid();
    }

    private static void write(Project p, ProjectWrite w) {
        p.agencyCode = w.agencyCode();
        p.name = w.name();
        p.purpose = w.purpose();
        p.tableNo = w.tableNo();
        p.version = w.version();
        p.setBudget(w.budget());
        p.setDeclared(w.declared());
        p.contentSha256 = w.contentSha256();
        p.lastDocumentId = w.documentId();
        p.updatedAt = w.now();
    }

    /** The new document version lists the project unchanged: remember the document, no new version. */
    public Uni<Void> seenUnchanged(String code, int tableNo, UUID documentId, Instant now) {
        return findById(code).invoke(p -> {
            p.tableNo = tableNo;
            p.lastDocumentId = documentId;
            p.updatedAt = now;
        }).replaceWithVoid();
    }

    /** The latest document no longer lists the project: it is kept, flagged, and gets a new version. */
    public Uni<Void> markNotListed(String code, int version, Instant now) {
        return findById(code).invoke(p -> {
            p.inLatestDocument = false;
            p.version = version;
            p.updatedAt = now;
        }).replaceWithVoid();
    }

    public Uni<Void> updateBudget(String code, Budget budget, int version, Instant now) {
        return findById(code).invoke(p -> {
            p.setBudget(budget);
            p.version = version;
            p.updatedAt = now;
        }).replaceWithVoid();
    }

    /**
     * Replaces plan, goal lines and indicators with those of the new version (the old ones live in the
     * snapshot of their version). Bulk deletes first, so the new rows may reuse the sequence numbers.
     */
    public Uni<Void> replaceContent(String code, List<ProjectSnapshot.PlanPoint> plan, List<String> goals,
                                    List<ProjectSnapshot.Indicator> indicators) {
        return getSession().flatMap(session -> delete(session, "ProjectPlanPoint", code)
                .chain(() -> delete(session, "ProjectGoalLine", code))
                .chain(() -> delete(session, "ProjectIndicator", code))
                .chain(() -> addContent(code, plan, goals, indicators)));
    }

    /** The plan, goal lines and indicators of a project that has none yet (a new project). */
    public Uni<Void> addContent(String code, List<ProjectSnapshot.PlanPoint> plan, List<String> goals,
                                List<ProjectSnapshot.Indicator> indicators) {
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            ProjectPlanPoint point = new ProjectPlanPoint();
            point.projectCode = code;
            point.seq = i + 1;
            point.checkpoint = plan.get(i).checkpoint();
            point.cumulativePercent = plan.get(i).cumulativePercent();
            rows.add(point);
        }
        for (int i = 0; i < goals.size(); i++) {
            ProjectGoalLine line = new ProjectGoalLine();
            line.projectCode = code;
            line.seq = i + 1;
            line.text = goals.get(i);
            rows.add(line);
        }
        for (ProjectSnapshot.Indicator indicator : indicators) {
            rows.add(indicator(code, indicator));
        }
        return getSession().flatMap(session -> session.persistAll(rows.toArray()));
    }

    private static Uni<Integer> delete(Mutiny.Session session, String entity, String code) {
        return session.createMutationQuery("delete from " + entity + " where projectCode = :code")
                .setParameter("code", code)
                .executeUpdate();
    }

    private static ProjectIndicator indicator(String code, ProjectSnapshot.Indicator indicator) {
        ProjectIndicator row = new ProjectIndicator();
        row.projectCode = code;
        row.seq = indicator.seq();
        row.level1 = indicator.level1();
        row.level2 = indicator.level2();
        row.level3 = indicator.level3();
        row.description = indicator.description();
        row.targetRaw = indicator.targetRaw();
        row.basis = indicator.basis();
        ProjectSnapshot.Target t = indicator.target();
        if (t != null) {
            row.targetKind = t.kind();
            row.operator = t.operator();
            row.targetValue = t.value();
            row.targetUpper = t.upper();
            row.unit = t.unit();
            row.baseValue = t.baseValue();
            row.baseUpper = t.baseUpper();
            row.baseUnit = t.baseUnit();
            row.deadline = t.deadline();
            row.direction = t.direction();
        }
        return row;
    }

    public Uni<Void> insertVersion(String code, int version, String cause, UUID documentId, Integer adjustmentSeq,
                                   String eventId, String snapshotJson, Instant now) {
        ProjectVersion v = new ProjectVersion();
        v.projectCode = code;
        v.version = version;
        v.cause = cause;
        v.documentId = documentId;
        v.adjustmentSeq = adjustmentSeq;
        v.eventId = eventId;
        v.snapshot = snapshotJson;
        v.createdAt = now;
        return getSession().flatMap(session -> session.persist(v));
    }

    /**
     * The project as stored, with the content of its current version; null when unknown. Writes pending
     * in the session are flushed first, so a snapshot says exactly what the database holds.
     */
    public Uni<ProjectState> load(String code) {
        return transactions.inSession(() -> getSession().flatMap(session -> session.flush()
                .chain(() -> session.find(Project.class, code))
                .flatMap(p -> p == null ? Uni.createFrom().nullItem() : state(session, p))));
    }

    /** What {@link #state} reads, one statement after the other (a session runs one at a time). */
    private static final class Content {
        String agencyName;
        int sourceDocumentVersion;
        int lastDocumentVersion;
        List<ProjectGoalLine> goals;
        List<ProjectPlanPoint> plan;
        List<ProjectIndicator> indicators;
        List<ProjectSnapshot.BudgetAdjustment> adjustments;
        List<ProjectSnapshot.QualityWarning> warnings;
    }

    private static Uni<ProjectState> state(Mutiny.Session session, Project p) {
        Content c = new Content();
        return session.createSelectionQuery("select a.name, source.version, last.version from Agency a, "
                                + "GoalDocument source, GoalDocument last where a.code = :agency "
                                + "and source.id = :source and last.id = :last", Object[].class)
                .setParameter("agency", p.agencyCode)
                .setParameter("source", p.sourceDocumentId)
                .setParameter("last", p.lastDocumentId)
                .getSingleResult()
                .invoke(row -> {
                    c.agencyName = (String) row[0];
                    c.sourceDocumentVersion = (Integer) row[1];
                    c.lastDocumentVersion = (Integer) row[2];
                })
                .chain(() -> content(session, ProjectGoalLine.class, p.code)).invoke(list -> c.goals = list)
                .chain(() -> content(session, ProjectPlanPoint.class, p.code)).invoke(list -> c.plan = list)
                .chain(() -> content(session, ProjectIndicator.class, p.code)).invoke(list -> c.indicators = list)
                .chain(() -> adjustments(session, p.code)).invoke(list -> c.adjustments = list)
                .chain(() -> warnings(session, p)).invoke(list -> c.warnings = list)
                .map(ignored -> new ProjectState(p.code, p.fiscalYear, p.agencyCode, c.agencyName,
                        p.documentAgencyCode, p.name, p.purpose, p.tableNo, p.version, p.budget(), p.original(),
                        p.declared(), p.inLatestDocument, p.sourceDocumentId, c.sourceDocumentVersion,
                        p.lastDocumentId, c.lastDocumentVersion, p.createdAt, p.updatedAt,
                        c.goals.stream().map(line -> line.text).toList(),
                        c.plan.stream().map(point -> new ProjectSnapshot.PlanPoint(point.checkpoint,
                                point.cumulativePercent)).toList(),
                        c.indicators.stream().map(ProjectRepository::indicator).toList(),
                        c.adjustments, c.warnings));
    }

    /** Plan points, goal lines or indicators of a project, in order. */
    private static <T> Uni<List<T>> content(Mutiny.Session session, Class<T> type, String code) {
        return session.createSelectionQuery("from " + type.getSimpleName() + " where projectCode = :code "
                        + "order by seq", type)
                .setParameter("code", code)
                .getResultList();
    }

    private static ProjectSnapshot.Indicator indicator(ProjectIndicator row) {
        ProjectSnapshot.Target target = row.targetKind == null ? null : new ProjectSnapshot.Target(row.targetKind,
                row.operator, row.targetValue, row.targetUpper, row.unit, row.baseValue, row.baseUpper, row.baseUnit,
                row.deadline, row.direction);
        return new ProjectSnapshot.Indicator(row.seq, row.level1, row.level2, row.level3, row.description,
                row.targetRaw, target, row.basis);
    }

    /** The budget history as the snapshot carries it (the adjustment feature owns the entity). */
    private static Uni<List<ProjectSnapshot.BudgetAdjustment>> adjustments(Mutiny.Session session, String code) {
        return session.createSelectionQuery("select a.seq, a.previousTotal, a.total, a.fiscal, a.other, a.reason, "
                        + "a.effectiveOn, a.adjustedBy, a.recordedAt, a.source, a.documentVersion "
                        + "from BudgetAdjustment a where a.projectCode = :code order by a.seq", Object[].class)
                .setParameter("code", code)
                .getResultList()
                .map(rows -> rows.stream().map(r -> new ProjectSnapshot.BudgetAdjustment((Integer) r[0],
                        (BigDecimal) r[1], (BigDecimal) r[2], (BigDecimal) r[3], (BigDecimal) r[4], (String) r[5],
                        (LocalDate) r[6], (String) r[7], (Instant) r[8], (String) r[9], (Integer) r[10])).toList());
    }

    /** The quality warnings the project's last document gave it. */
    private static Uni<List<ProjectSnapshot.QualityWarning>> warnings(Mutiny.Session session, Project p) {
        return session.createSelectionQuery("select w.indicatorSeq, w.indicatorName, w.rule, w.messageZh, "
                        + "w.messageEn from DocumentWarning w where w.documentId = :document "
                        + "and w.projectCode = :code order by w.seq", Object[].class)
                .setParameter("document", p.lastDocumentId)
                .setParameter("code", p.code)
                .getResultList()
                .map(rows -> rows.stream().map(r -> new ProjectSnapshot.QualityWarning((Integer) r[0],
                        (String) r[1], (String) r[2], (String) r[3], (String) r[4])).toList());
    }

    /** [the agency running the project, the agency whose document lists it]; null for an unknown project. */
    public Uni<List<String>> agenciesOf(String code) {
        return transactions.inSession(() -> getSession().flatMap(session -> session.createSelectionQuery(
                                "select p.agencyCode, p.documentAgencyCode from Project p where p.code = :code",
                                Object[].class)
                        .setParameter("code", code)
                        .getResultList()))
                .map(rows -> rows.isEmpty() ? null : List.of((String) rows.get(0)[0], (String) rows.get(0)[1]));
    }

    public Uni<Boolean> exists(String code) {
        return transactions.inSession(() -> count("code", code)).map(n -> n > 0);
    }

    /**
     * Projects filtered by agency and year (both optional) and by the agencies in scope (null: all), in
     * document order. A project is an agency's when it runs it or its document lists it.
     */
    public Uni<List<ProjectSummary>> list(String agency, Integer year, Set<String> scope) {
        StringBuilder hql = new StringBuilder("select p.code, p.name, p.fiscalYear, p.agencyCode, a.name, p.version, "
                + "p.budgetTotal, p.budgetFiscal, p.budgetOther, "
                + "(select count(*) from ProjectIndicator i where i.projectCode = p.code), "
                + "(select count(*) from BudgetAdjustment b where b.projectCode = p.code), p.inLatestDocument "
                + "from Project p join Agency a on a.code = p.agencyCode where 1 = 1");
        if (agency != null) {
            hql.append(" and (p.agencyCode = :agency or p.documentAgencyCode = :agency)");
        }
        if (year != null) {
            hql.append(" and p.fiscalYear = :year");
        }
        if (scope != null) {
            hql.append(" and (p.agencyCode in :scope or p.documentAgencyCode in :scope)");
        }
        hql.append(" order by p.fiscalYear, p.documentAgencyCode, p.tableNo, p.code");
        return transactions.inSession(() -> getSession().flatMap(session -> {
            Mutiny.SelectionQuery<Object[]> query = session.createSelectionQuery(hql.toString(), Object[].class);
            if (agency != null) {
                query.setParameter("agency", agency);
            }
            if (year != null) {
                query.setParameter("year", year);
            }
            if (scope != null) {
                query.setParameter("scope", scope.isEmpty() ? Set.of("") : scope);
            }
            return query.getResultList();
        })).map(rows -> rows.stream().map(r -> new ProjectSummary((String) r[0], (String) r[1], (Integer) r[2],
                (String) r[3], (String) r[4], (Integer) r[5],
                new Budget((BigDecimal) r[6], (BigDecimal) r[7], (BigDecimal) r[8]), ((Long) r[9]).intValue(),
                ((Long) r[10]).intValue(), (Boolean) r[11])).toList());
    }

    public Uni<List<ProjectVersionInfo>> versions(String code) {
        return transactions.inSession(() -> getSession().flatMap(session -> session.createSelectionQuery(
                                "select v.version, v.cause, v.documentId, d.version, v.adjustmentSeq, v.eventId, "
                                        + "v.createdAt from ProjectVersion v "
                                        + "left join GoalDocument d on d.id = v.documentId "
                                        + "where v.projectCode = :code order by v.version", Object[].class)
                        .setParameter("code", code)
                        .getResultList()))
                .map(rows -> rows.stream().map(r -> new ProjectVersionInfo((Integer) r[0], (String) r[1],
                        (UUID) r[2], (Integer) r[3], (Integer) r[4], (String) r[5], (Instant) r[6])).toList());
    }

    /** The snapshot JSON exactly as published for that version; null when unknown. */
    public Uni<String> versionSnapshot(String code, int version) {
        return transactions.inSession(() -> getSession().flatMap(session -> session.find(ProjectVersion.class,
                        new ProjectVersion.Key(code, version))))
                .map(v -> v == null ? null : v.snapshot);
    }
}
