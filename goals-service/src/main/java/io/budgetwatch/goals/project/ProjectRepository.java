package io.budgetwatch.goals.project;

import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.events.ProjectSnapshot.Budget;
import io.budgetwatch.goals.support.Db;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** SQL for projects, their current content (plan, goal lines, indicators) and their versions. */
@ApplicationScoped
public class ProjectRepository {

    @Inject
    Pool pool;

    /** What the import and the adjustment need to decide about a project; the row is locked. */
    public record ProjectRow(String code, int fiscalYear, String agencyCode, String documentAgencyCode, int version,
                             Budget budget, Budget declared, String contentSha256, boolean inLatestDocument) {
    }

    /** All columns of a project row as written by the import. */
    public record ProjectWrite(String code, int fiscalYear, String agencyCode, String documentAgencyCode,
                               String name, String purpose, int tableNo, int version, Budget budget,
                               Budget declared, String contentSha256, UUID documentId, Instant now) {
    }

    private static final String ROW_COLUMNS = "code, fiscal_year, agency_code, document_agency_code, version, "
            + "budget_total, budget_fiscal, budget_other, declared_total, declared_fiscal, declared_other, "
            + "content_sha256, in_latest_document";

    public Uni<Map<String, ProjectRow>> lockRows(SqlClient tx, Collection<String> codes) {
        return tx.preparedQuery("SELECT " + ROW_COLUMNS + " FROM project WHERE code = ANY($1) ORDER BY code FOR UPDATE")
                .execute(Tuple.of(codes.toArray(new String[0])))
                .map(rows -> {
                    Map<String, ProjectRow> map = new LinkedHashMap<>();
                    for (Row row : rows) {
                        ProjectRow project = toRow(row);
                        map.put(project.code(), project);
                    }
                    return map;
                });
    }

    public Uni<ProjectRow> lockRow(SqlClient tx, String code) {
        return tx.preparedQuery("SELECT " + ROW_COLUMNS + " FROM project WHERE code = $1 FOR UPDATE")
                .execute(Tuple.of(code))
                .map(rows -> rows.size() == 0 ? null : toRow(rows.iterator().next()));
    }

    /** Projects the agency's document for the year listed until now but does not list any more. */
    public Uni<List<ProjectRow>> lockNoLongerListed(SqlClient tx, String documentAgency, int year,
                                                    Collection<String> listed) {
        return tx.preparedQuery("SELECT " + ROW_COLUMNS + " FROM project WHERE document_agency_code = $1 "
                        + "AND fiscal_year = $2 AND in_latest_document AND NOT (code = ANY($3)) ORDER BY code FOR UPDATE")
                .execute(Tuple.of(documentAgency, year, listed.toArray(new String[0])))
                .map(rows -> {
                    List<ProjectRow> list = new ArrayList<>();
                    rows.forEach(row -> list.add(toRow(row)));
                    return list;
                });
    }

    private static ProjectRow toRow(Row row) {
        return new ProjectRow(row.getString("code"), row.getInteger("fiscal_year"), row.getString("agency_code"),
                row.getString("document_agency_code"), row.getInteger("version"), budget(row, "budget_"),
                budget(row, "declared_"), row.getString("content_sha256"), row.getBoolean("in_latest_document"));
    }

    static Budget budget(Row row, String prefix) {
        return new Budget(Db.decimal(row, prefix + "total"), Db.decimal(row, prefix + "fiscal"),
                Db.decimal(row, prefix + "other"));
    }

    public Uni<Void> insert(SqlClient tx, ProjectWrite p) {
        return tx.preparedQuery("INSERT INTO project (code, fiscal_year, agency_code, document_agency_code, name, "
                        + "purpose, table_no, version, budget_total, budget_fiscal, budget_other, original_total, "
                        + "original_fiscal, original_other, declared_total, declared_fiscal, declared_other, "
                        + "content_sha256, in_latest_document, source_document_id, last_document_id, created_at, "
                        + "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $9, $10, $11, $9, $10, "
                        + "$11, $12, TRUE, $13, $13, $14, $14)")
                .execute(Db.tuple(p.code(), p.fiscalYear(), p.agencyCode(), p.documentAgencyCode(), p.name(),
                        p.purpose(), p.tableNo(), p.version(), Db.num(p.budget().total()),
                        Db.num(p.budget().fiscal()), Db.num(p.budget().other()), p.contentSha256(), p.documentId(),
                        Db.ts(p.now())))
                .replaceWithVoid();
    }

    /** A new document version changed the project: new content, new version, listed again. */
    public Uni<Void> updateFromDocument(SqlClient tx, ProjectWrite p) {
        return tx.preparedQuery("UPDATE project SET agency_code = $2, name = $3, purpose = $4, table_no = $5, "
                        + "version = $6, budget_total = $7, budget_fiscal = $8, budget_other = $9, "
                        + "declared_total = $10, declared_fiscal = $11, declared_other = $12, content_sha256 = $13, "
                        + "in_latest_document = TRUE, source_document_id = $14, last_document_id = $14, "
                        + "updated_at = $15 WHERE code = $1")
                .execute(Db.tuple(p.code(), p.agencyCode(), p.name(), p.purpose(), p.tableNo(), p.version(),
                        Db.num(p.budget().total()), Db.num(p.budget().fiscal()), Db.num(p.budget().other()),
                        Db.num(p.declared().total()), Db.num(p.declared().fiscal()),
                        Db.num(p.declared().other()), p.contentSha256(), p.documentId(), Db.ts(p.now())))
                .replaceWithVoid();
    }

    /** The new document version lists the project unchanged: remember the document, no new version. */
    public Uni<Void> seenUnchanged(SqlClient tx, String code, int tableNo, UUID documentId, Instant now) {
        return tx.preparedQuery("UPDATE project SET table_no = $2, last_document_id = $3, updated_at = $4 "
                        + "WHERE code = $1")
                .execute(Db.tuple(code, tableNo, documentId, Db.ts(now)))
                .replaceWithVoid();
    }

    /** The latest document no longer lists the project: it is kept, flagged, and gets a new version. */
    public Uni<Void> markNotListed(SqlClient tx, String code, int version, Instant now) {
        return tx.preparedQuery("UPDATE project SET in_latest_document = FALSE, version = $2, updated_at = $3 "
                        + "WHERE code = $1")
                .execute(Db.tuple(code, version, Db.ts(now)))
                .replaceWithVoid();
    }

    public Uni<Void> updateBudget(SqlClient tx, String code, Budget budget, int version, Instant now) {
        return tx.preparedQuery("UPDATE project SET budget_total = $2, budget_fiscal = $3, budget_other = $4, "
                        + "version = $5, updated_at = $6 WHERE code = $1")
                .execute(Db.tuple(code, Db.num(budget.total()), Db.num(budget.fiscal()), Db.num(budget.other()),
                        version, Db.ts(now)))
                .replaceWithVoid();
    }

    /** Replaces plan, goal lines and indicators with those of the new version (old ones live in the snapshot). */
    public Uni<Void> replaceContent(SqlClient tx, String code, List<ProjectSnapshot.PlanPoint> plan,
                                    List<String> goals, List<ProjectSnapshot.Indicator> indicators) {
        List<Tuple> planRows = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            ProjectSnapshot.PlanPoint point = plan.get(i);
            planRows.add(Db.tuple(code, i + 1, point.checkpoint(), Db.num(point.cumulativePercent())));
        }
        List<Tuple> goalRows = new ArrayList<>();
        for (int i = 0; i < goals.size(); i++) {
            goalRows.add(Db.tuple(code, i + 1, goals.get(i)));
        }
        List<Tuple> indicatorRows = new ArrayList<>();
        for (ProjectSnapshot.Indicator indicator : indicators) {
            ProjectSnapshot.Target t = indicator.target();
            indicatorRows.add(Db.tuple(code, indicator.seq(), indicator.level1(), indicator.level2(),
                    indicator.level3(), indicator.description(), indicator.targetRaw(),
                    t == null ? null : t.kind(), t == null ? null : t.operator(),
                    t == null ? null : Db.num(t.value()), t == null ? null : Db.num(t.upper()),
                    t == null ? null : t.unit(), t == null ? null : Db.num(t.baseValue()),
                    t == null ? null : Db.num(t.baseUpper()), t == null ? null : t.baseUnit(),
                    t == null ? null : t.deadline(), t == null ? null : t.direction(), indicator.basis()));
        }
        Tuple byCode = Tuple.of(code);
        return tx.preparedQuery("DELETE FROM plan_point WHERE project_code = $1").execute(byCode)
                .chain(() -> tx.preparedQuery("DELETE FROM goal_line WHERE project_code = $1").execute(byCode))
                .chain(() -> tx.preparedQuery("DELETE FROM indicator WHERE project_code = $1").execute(byCode))
                .chain(() -> Db.batch(tx, "INSERT INTO plan_point (project_code, seq, checkpoint, cumulative_percent) "
                        + "VALUES ($1, $2, $3, $4)", planRows))
                .chain(() -> Db.batch(tx, "INSERT INTO goal_line (project_code, seq, text) VALUES ($1, $2, $3)",
                        goalRows))
                .chain(() -> Db.batch(tx, "INSERT INTO indicator (project_code, seq, level1, level2, level3, "
                        + "description, target_raw, target_kind, operator, value, upper, unit, base_value, "
                        + "base_upper, base_unit, deadline, direction, basis) VALUES ($1, $2, $3, $4, $5, $6, $7, "
                        + "$8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)", indicatorRows));
    }

    public Uni<Void> insertVersion(SqlClient tx, String code, int version, String cause, UUID documentId,
                                   Integer adjustmentSeq, String eventId, String snapshotJson, Instant now) {
        return tx.preparedQuery("INSERT INTO project_version (project_code, version, cause, document_id, "
                        + "adjustment_seq, event_id, snapshot, created_at) VALUES ($1, $2, $3, $4, $5, $6, "
                        + "$7::text::json, $8)")
                .execute(Db.tuple(code, version, cause, documentId, adjustmentSeq, eventId, snapshotJson,
                        Db.ts(now)))
                .replaceWithVoid();
    }

    /** The project as stored, with the content of its current version; null when unknown. */
    public Uni<ProjectState> load(SqlClient client, String code) {
        Tuple byCode = Tuple.of(code);
        return client.preparedQuery("SELECT p.*, a.name AS agency_name, sd.version AS source_document_version, "
                        + "ld.version AS last_document_version FROM project p "
                        + "JOIN agency a ON a.code = p.agency_code "
                        + "JOIN goal_document sd ON sd.id = p.source_document_id "
                        + "JOIN goal_document ld ON ld.id = p.last_document_id WHERE p.code = $1")
                .execute(byCode)
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    Row p = rows.iterator().next();
                    // The client queues commands on one connection, so these can be issued together.
                    return Uni.combine().all().unis(
                                    client.preparedQuery("SELECT text FROM goal_line WHERE project_code = $1 "
                                            + "ORDER BY seq").execute(byCode),
                                    client.preparedQuery("SELECT checkpoint, cumulative_percent FROM plan_point "
                                            + "WHERE project_code = $1 ORDER BY seq").execute(byCode),
                                    client.preparedQuery("SELECT * FROM indicator WHERE project_code = $1 "
                                            + "ORDER BY seq").execute(byCode),
                                    loadAdjustments(client, code),
                                    client.preparedQuery("SELECT indicator_seq, indicator_name, rule, message_zh, "
                                                    + "message_en FROM quality_warning WHERE document_id = $1 "
                                                    + "AND project_code = $2 ORDER BY seq")
                                            .execute(Tuple.of(p.getUUID("last_document_id"), code)))
                            .with((goals, plan, indicators, adjustments, warnings) ->
                                    state(p, goals, plan, indicators, adjustments, warnings));
                });
    }

    private static ProjectState state(Row p, RowSet<Row> goalRows, RowSet<Row> planRows, RowSet<Row> indicatorRows,
                                      List<ProjectSnapshot.BudgetAdjustment> adjustments,
                                      RowSet<Row> warningRows) {
        List<String> goals = new ArrayList<>();
        goalRows.forEach(row -> goals.add(row.getString("text")));
        List<ProjectSnapshot.PlanPoint> plan = new ArrayList<>();
        planRows.forEach(row -> plan.add(new ProjectSnapshot.PlanPoint(row.getLocalDate("checkpoint"),
                Db.decimal(row, "cumulative_percent"))));
        List<ProjectSnapshot.Indicator> indicators = new ArrayList<>();
        indicatorRows.forEach(row -> indicators.add(indicator(row)));
        List<ProjectSnapshot.QualityWarning> warnings = new ArrayList<>();
        warningRows.forEach(row -> warnings.add(new ProjectSnapshot.QualityWarning(row.getInteger("indicator_seq"),
                row.getString("indicator_name"), row.getString("rule"), row.getString("message_zh"),
                row.getString("message_en"))));
        return new ProjectState(p.getString("code"), p.getInteger("fiscal_year"), p.getString("agency_code"),
                p.getString("agency_name"), p.getString("document_agency_code"), p.getString("name"),
                p.getString("purpose"), p.getInteger("table_no"), p.getInteger("version"), budget(p, "budget_"),
                budget(p, "original_"), budget(p, "declared_"), p.getBoolean("in_latest_document"),
                p.getUUID("source_document_id"), p.getInteger("source_document_version"),
                p.getUUID("last_document_id"), p.getInteger("last_document_version"), Db.instant(p, "created_at"),
                Db.instant(p, "updated_at"), goals, plan, indicators, adjustments, warnings);
    }

    private static ProjectSnapshot.Indicator indicator(Row row) {
        String kind = row.getString("target_kind");
        ProjectSnapshot.Target target = kind == null ? null : new ProjectSnapshot.Target(kind,
                row.getString("operator"), Db.decimal(row, "value"), Db.decimal(row, "upper"), row.getString("unit"),
                Db.decimal(row, "base_value"), Db.decimal(row, "base_upper"), row.getString("base_unit"),
                row.getLocalDate("deadline"), row.getString("direction"));
        return new ProjectSnapshot.Indicator(row.getInteger("seq"), row.getString("level1"), row.getString("level2"),
                row.getString("level3"), row.getString("description"), row.getString("target_raw"), target,
                row.getString("basis"));
    }

    public Uni<List<ProjectSnapshot.BudgetAdjustment>> loadAdjustments(SqlClient client, String code) {
        return client.preparedQuery("SELECT * FROM budget_adjustment WHERE project_code = $1 ORDER BY seq")
                .execute(Tuple.of(code))
                .map(rows -> {
                    List<ProjectSnapshot.BudgetAdjustment> list = new ArrayList<>();
                    rows.forEach(row -> list.add(new ProjectSnapshot.BudgetAdjustment(row.getInteger("seq"),
                            Db.decimal(row, "previous_total"), Db.decimal(row, "total"), Db.decimal(row, "fiscal"),
                            Db.decimal(row, "other"), row.getString("reason"), row.getLocalDate("effective_on"),
                            row.getString("adjusted_by"), Db.instant(row, "recorded_at"), row.getString("source"),
                            row.getInteger("document_version"))));
                    return list;
                });
    }

    public Uni<Boolean> exists(String code) {
        return pool.preparedQuery("SELECT 1 FROM project WHERE code = $1").execute(Tuple.of(code))
                .map(rows -> rows.size() > 0);
    }

    public Uni<ProjectState> load(String code) {
        return load(pool, code);
    }

    /** Projects filtered by agency and year (both optional), in document order. */
    public Uni<List<ProjectSummary>> list(String agency, Integer year) {
        return pool.preparedQuery("SELECT p.code, p.name, p.fiscal_year, p.agency_code, a.name AS agency_name, "
                        + "p.version, p.budget_total, p.budget_fiscal, p.budget_other, p.in_latest_document, "
                        + "(SELECT count(*) FROM indicator i WHERE i.project_code = p.code) AS indicator_count, "
                        + "(SELECT count(*) FROM budget_adjustment b WHERE b.project_code = p.code) AS adjustment_count "
                        + "FROM project p JOIN agency a ON a.code = p.agency_code "
                        + "WHERE ($1::text IS NULL OR p.agency_code = $1 OR p.document_agency_code = $1) "
                        + "AND ($2::int IS NULL OR p.fiscal_year = $2) "
                        + "ORDER BY p.fiscal_year, p.document_agency_code, p.table_no, p.code")
                .execute(Db.tuple(agency, year))
                .map(rows -> {
                    List<ProjectSummary> list = new ArrayList<>();
                    for (Row row : rows) {
                        list.add(new ProjectSummary(row.getString("code"), row.getString("name"),
                                row.getInteger("fiscal_year"), row.getString("agency_code"),
                                row.getString("agency_name"), row.getInteger("version"), budget(row, "budget_"),
                                row.getLong("indicator_count").intValue(),
                                row.getLong("adjustment_count").intValue(), row.getBoolean("in_latest_document")));
                    }
                    return list;
                });
    }

    public Uni<List<ProjectVersionInfo>> versions(String code) {
        return pool.preparedQuery("SELECT v.version, v.cause, v.document_id, d.version AS document_version, "
                        + "v.adjustment_seq, v.event_id, v.created_at FROM project_version v "
                        + "LEFT JOIN goal_document d ON d.id = v.document_id WHERE v.project_code = $1 "
                        + "ORDER BY v.version")
                .execute(Tuple.of(code))
                .map(rows -> {
                    List<ProjectVersionInfo> list = new ArrayList<>();
                    for (Row row : rows) {
                        list.add(new ProjectVersionInfo(row.getInteger("version"), row.getString("cause"),
                                row.getUUID("document_id"), row.getInteger("document_version"),
                                row.getInteger("adjustment_seq"), row.getString("event_id"),
                                Db.instant(row, "created_at")));
                    }
                    return list;
                });
    }

    /** The snapshot JSON exactly as published for that version; null when unknown. */
    public Uni<String> versionSnapshot(String code, int version) {
        return pool.preparedQuery("SELECT snapshot::text AS snapshot FROM project_version "
                        + "WHERE project_code = $1 AND version = $2")
                .execute(Tuple.of(code, version))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("snapshot"));
    }
}
