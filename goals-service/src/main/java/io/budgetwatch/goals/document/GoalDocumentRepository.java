package io.budgetwatch.goals.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetwatch.goals.document.parse.QualityWarning;
import io.budgetwatch.goals.support.Db;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** SQL for stored goal documents (append-only), their quality warnings and reports. */
@ApplicationScoped
public class GoalDocumentRepository {

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    /** The latest stored version for an agency and year. */
    public record Latest(UUID id, int version, String sha256, ImportReport report) {
    }

    /** The bytes as received. */
    public record Original(String mediaType, byte[] bytes, String agencyCode, int fiscalYear, int version) {
    }

    public Uni<Latest> latest(SqlClient client, String agencyCode, int fiscalYear) {
        return client.preparedQuery("SELECT id, version, sha256, report::text AS report FROM goal_document "
                        + "WHERE agency_code = $1 AND fiscal_year = $2 ORDER BY version DESC LIMIT 1")
                .execute(Tuple.of(agencyCode, fiscalYear))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Latest(row.getUUID("id"), row.getInteger("version"), row.getString("sha256"),
                            report(row.getString("report")));
                });
    }

    public Uni<Void> insert(SqlClient tx, ImportReport report, byte[] original) {
        return tx.preparedQuery("INSERT INTO goal_document (id, agency_code, fiscal_year, version, media_type, "
                        + "size_bytes, sha256, original, received_at, report) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
                        + "$9, $10::text::json)")
                .execute(Db.tuple(report.documentId(), report.agencyCode(), report.fiscalYear(), report.version(),
                        report.mediaType(), original.length, report.sha256(), Buffer.buffer(original),
                        Db.ts(report.receivedAt()), toJson(report)))
                .replaceWithVoid();
    }

    public Uni<Void> insertWarnings(SqlClient tx, UUID documentId, List<QualityWarning> warnings) {
        List<Tuple> rows = new ArrayList<>();
        for (int i = 0; i < warnings.size(); i++) {
            QualityWarning w = warnings.get(i);
            rows.add(Db.tuple(documentId, i + 1, w.projectCode(), w.indicatorSeq(), w.indicatorName(), w.rule(),
                    w.messageZh(), w.messageEn()));
        }
        return Db.batch(tx, "INSERT INTO quality_warning (document_id, seq, project_code, indicator_seq, "
                + "indicator_name, rule, message_zh, message_en) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", rows);
    }

    private static final String META = "d.id, d.agency_code, a.name AS agency_name, d.fiscal_year, d.version, "
            + "d.media_type, d.size_bytes, d.sha256, d.received_at, d.report::text AS report, "
            + "d.version = (SELECT max(x.version) FROM goal_document x WHERE x.agency_code = d.agency_code "
            + "AND x.fiscal_year = d.fiscal_year) AS latest ";

    public Uni<GoalDocumentView> find(UUID id) {
        return pool.preparedQuery("SELECT " + META + "FROM goal_document d JOIN agency a ON a.code = d.agency_code "
                        + "WHERE d.id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new GoalDocumentView(row.getUUID("id"), row.getString("agency_code"),
                            row.getString("agency_name"), row.getInteger("fiscal_year"), row.getInteger("version"),
                            row.getBoolean("latest"), row.getString("media_type"), row.getInteger("size_bytes"),
                            row.getString("sha256"), Db.instant(row, "received_at"), originalUrl(row.getUUID("id")),
                            report(row.getString("report")));
                });
    }

    public Uni<List<GoalDocumentSummary>> list(String agencyCode, Integer fiscalYear) {
        return pool.preparedQuery("SELECT " + META + "FROM goal_document d JOIN agency a ON a.code = d.agency_code "
                        + "WHERE ($1::text IS NULL OR d.agency_code = $1) AND ($2::int IS NULL OR d.fiscal_year = $2) "
                        + "ORDER BY d.fiscal_year, d.agency_code, d.version")
                .execute(Db.tuple(agencyCode, fiscalYear))
                .map(rows -> {
                    List<GoalDocumentSummary> list = new ArrayList<>();
                    for (Row row : rows) {
                        ImportReport report = report(row.getString("report"));
                        list.add(new GoalDocumentSummary(row.getUUID("id"), row.getString("agency_code"),
                                row.getString("agency_name"), row.getInteger("fiscal_year"),
                                row.getInteger("version"), row.getBoolean("latest"), row.getString("media_type"),
                                row.getInteger("size_bytes"), row.getString("sha256"), Db.instant(row, "received_at"),
                                report.projectCount(), report.indicatorCount(), report.totalBudget(),
                                report.warningCount(), originalUrl(row.getUUID("id"))));
                    }
                    return list;
                });
    }

    public Uni<Original> original(UUID id) {
        return pool.preparedQuery("SELECT media_type, original, agency_code, fiscal_year, version FROM goal_document "
                        + "WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Original(row.getString("media_type"), row.getBuffer("original").getBytes(),
                            row.getString("agency_code"), row.getInteger("fiscal_year"), row.getInteger("version"));
                });
    }

    static String originalUrl(UUID id) {
        return "/api/goal-documents/" + id + "/original";
    }

    String toJson(ImportReport report) {
        try {
            return mapper.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Import report cannot be serialized", e);
        }
    }

    ImportReport report(String json) {
        try {
            return mapper.readValue(json, ImportReport.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Stored import report cannot be read", e);
        }
    }
}
