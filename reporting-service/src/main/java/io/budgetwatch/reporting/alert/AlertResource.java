package io.budgetwatch.reporting.alert;

import io.budgetwatch.common.problem.Lang;
import io.budgetwatch.common.problem.Params;
import io.budgetwatch.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

@Path("/api/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    @Inject
    Pool pool;

    @Inject
    AlertService alerts;

    @Inject
    Clock clock;

    /** Body of an acknowledgement (确认). */
    public record AcknowledgeRequest(String by, String comment) {
    }

    @GET
    @Operation(summary = "Alerts, newest first, filtered by agency, fiscal year, severity, project, acknowledgement")
    public Uni<List<AlertView>> list(@QueryParam("agency") String agency, @QueryParam("year") String year,
                                     @QueryParam("severity") String severity, @QueryParam("project") String project,
                                     @QueryParam("acknowledged") String acknowledged, HttpHeaders headers) {
        Integer fiscalYear = Params.year(year, "year");
        String agencyCode = Params.agency(agency, "agency");
        String sev = null;
        if (severity != null && !severity.isBlank()) {
            sev = severity.toUpperCase(Locale.ROOT);
            if (!sev.equals("WARNING") && !sev.equals("CRITICAL")) {
                throw ProblemException.badRequest("invalid-severity", "severity", "severity 只能是 WARNING 或 CRITICAL",
                        "severity must be WARNING or CRITICAL");
            }
        }
        Boolean ack = null;
        if (acknowledged != null && !acknowledged.isBlank()) {
            if (!acknowledged.equals("true") && !acknowledged.equals("false")) {
                throw ProblemException.badRequest("invalid-flag", "acknowledged", "acknowledged 只能是 true 或 false",
                        "acknowledged must be true or false");
            }
            ack = Boolean.valueOf(acknowledged);
        }
        Lang lang = Lang.fromAcceptLanguage(headers.getAcceptableLanguages());
        return pool.preparedQuery("""
                        SELECT * FROM alert
                        WHERE ($1::text IS NULL OR agency_code = $1) AND ($2::int IS NULL OR fiscal_year = $2)
                          AND ($3::text IS NULL OR severity = $3) AND ($4::text IS NULL OR project_code = $4)
                          AND ($5::bool IS NULL OR (acknowledged_at IS NOT NULL) = $5)
                        ORDER BY raised_at DESC, id LIMIT 1000""")
                .execute(Tuple.from(java.util.Arrays.asList(agencyCode, fiscalYear, sev,
                        blankToNull(project), ack)))
                .map(rows -> {
                    List<AlertView> list = new ArrayList<>();
                    rows.forEach(row -> list.add(view(row, lang, null)));
                    return list;
                });
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One alert with its webhook deliveries")
    public Uni<AlertView> get(@PathParam("id") String id, HttpHeaders headers) {
        Lang lang = Lang.fromAcceptLanguage(headers.getAcceptableLanguages());
        return pool.preparedQuery("SELECT * FROM alert WHERE id = $1").execute(Tuple.of(id))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().failure(ProblemException.notFound("unknown-alert", "id",
                                "未知预警：" + id, "Unknown alert: " + id));
                    }
                    Row alert = rows.iterator().next();
                    return pool.preparedQuery("SELECT * FROM alert_delivery WHERE alert_id = $1 ORDER BY webhook")
                            .execute(Tuple.of(id))
                            .map(deliveries -> {
                                List<AlertView.Delivery> list = new ArrayList<>();
                                for (Row d : deliveries) {
                                    list.add(new AlertView.Delivery(d.getString("webhook"), d.getString("status"),
                                            d.getInteger("attempts"), instant(d, "next_attempt_at"),
                                            d.getInteger("last_status"), d.getString("last_error"),
                                            instant(d, "delivered_at")));
                                }
                                return view(alert, lang, list);
                            });
                });
    }

    @POST
    @Path("/{id}/acknowledgement")
    @Operation(summary = "Acknowledge an alert with a comment (确认); once only")
    public Uni<AlertView> acknowledge(@PathParam("id") String id, AcknowledgeRequest request, HttpHeaders headers) {
        if (request == null || request.by() == null || request.by().isBlank()) {
            throw ProblemException.badRequest("missing-field", "by", "必须填写确认人", "'by' (who acknowledges) is required");
        }
        if (request.comment() == null || request.comment().isBlank()) {
            throw ProblemException.badRequest("missing-field", "comment", "必须填写确认说明（纠偏措施等）",
                    "'comment' is required (e.g. the corrective action)");
        }
        return pool.preparedQuery("""
                        UPDATE alert SET acknowledged_at = $2, acknowledged_by = $3, ack_comment = $4
                        WHERE id = $1 AND acknowledged_at IS NULL RETURNING id""")
                .execute(Tuple.of(id, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC), request.by().strip(),
                        request.comment().strip()))
                .flatMap(updated -> updated.size() > 0 ? get(id, headers)
                        : pool.preparedQuery("SELECT 1 FROM alert WHERE id = $1").execute(Tuple.of(id))
                        .flatMap(exists -> Uni.createFrom().failure(exists.size() == 0
                                ? ProblemException.notFound("unknown-alert", "id", "未知预警：" + id, "Unknown alert: " + id)
                                : ProblemException.conflict("already-acknowledged", "id", "该预警已确认，不能重复确认",
                                "The alert has already been acknowledged"))));
    }

    @POST
    @Path("/evaluate")
    @Operation(summary = "Run the deviation rules for a date (default today): every checkpoint up to it and the immediate rules")
    public Uni<AlertService.Summary> evaluate(@QueryParam("asOf") String asOf) {
        LocalDate date = Params.date(asOf, "asOf");
        return alerts.evaluateAsOf(date != null ? date : LocalDate.now(clock));
    }

    private static AlertView view(Row row, Lang lang, List<AlertView.Delivery> deliveries) {
        Object figures = row.getValue("figures");
        JsonObject json = figures instanceof JsonObject o ? o : new JsonObject(String.valueOf(figures));
        AlertView.Acknowledgement ack = row.getValue("acknowledged_at") == null ? null
                : new AlertView.Acknowledgement(instant(row, "acknowledged_at"), row.getString("acknowledged_by"),
                row.getString("ack_comment"));
        return new AlertView(row.getString("id"), row.getString("project_code"), row.getString("project_name"),
                row.getString("agency_code"), row.getInteger("fiscal_year"), row.getString("rule"),
                row.getString("severity"), row.getLocalDate("checkpoint"), row.getLocalDate("as_of"), json.getMap(),
                lang.pick(row.getString("message_zh"), row.getString("message_en")), row.getString("message_zh"),
                row.getString("message_en"), instant(row, "raised_at"), ack, deliveries);
    }

    private static java.time.Instant instant(Row row, String column) {
        OffsetDateTime t = row.getOffsetDateTime(column);
        return t == null ? null : t.toInstant();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
