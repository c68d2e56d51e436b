package io.budgetwatch.reporting.alert;

import io.budgetwatch.common.problem.Lang;
import io.budgetwatch.common.problem.Params;
import io.budgetwatch.common.problem.ProblemException;
import io.budgetwatch.common.security.AccessProblems;
import io.budgetwatch.common.security.Caller;
import io.budgetwatch.common.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * Deviation alerts. Readers (planner, manager, supervisor, auditor) list and read the alerts of the agencies in
 * their scope; managers acknowledge them; administrators re-run the rules. Another agency's alert answers 404
 * as an unknown one (its id names its project); naming another agency in {@code agency} answers 403.
 */
@Path("/api/alerts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PLANNER, Roles.MANAGER, Roles.SUPERVISOR, Roles.AUDITOR})
public class AlertResource {

    @Inject
    Caller caller;

    @Inject
    StoredAlerts stored;

    @Inject
    AlertService alerts;

    @Inject
    Clock clock;

    /** At most this many alerts per bulk acknowledgement. */
    static final int MAX_BULK = 200;

    /** Body of an acknowledgement (确认); {@code explanationId}: optional, a deviation explanation of the project. */
    public record AcknowledgeRequest(String by, String comment, String explanationId) {
    }

    /** Body of a bulk acknowledgement: 1 to 200 alert ids, one person, one comment, optionally one explanation. */
    public record BulkAcknowledgeRequest(List<String> ids, String by, String comment, String explanationId) {
    }

    /** What a bulk acknowledgement did, per alert id, in the order given. */
    public record BulkAcknowledgement(List<Result> results) {

        /** {@code outcome}: ACKNOWLEDGED, ALREADY_ACKNOWLEDGED or UNKNOWN_ALERT (also another agency's alert). */
        public record Result(String id, String outcome) {
        }
    }

    /**
     * {@code agency} may be omitted: a caller of one agency gets that one's alerts, a caller of several (or of
     * all) those of every agency in its scope. An agency outside the scope is 403; a {@code project} of another
     * agency simply matches nothing (the scope applies to every filter).
     */
    @GET
    @Operation(summary = "Alerts, newest first, filtered by agency, fiscal year, severity, rule, project, "
            + "acknowledgement (always within the caller's agencies)")
    public Uni<List<AlertView>> list(@QueryParam("agency") String agency, @QueryParam("year") String year,
                                     @QueryParam("severity") String severity, @QueryParam("project") String project,
                                     @QueryParam("acknowledged") String acknowledged, @QueryParam("rule") String rule,
                                     HttpHeaders headers) {
        Integer fiscalYear = Params.year(year, "year");
        String agencyCode = caller.agencyFor(Params.agency(agency, "agency"));
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
        String ruleName = rule(rule);
        Lang lang = Lang.fromAcceptLanguage(headers.getAcceptableLanguages());
        return stored.list(new AlertFilter(agencyCode, fiscalYear, sev, blankToNull(project), ack,
                caller.agencyFilter(), ruleName), lang);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One alert with its webhook deliveries")
    public Uni<AlertView> get(@PathParam("id") String id, HttpHeaders headers) {
        Lang lang = Lang.fromAcceptLanguage(headers.getAcceptableLanguages());
        return stored.find(id, lang).map(view -> {
            if (view == null) {
                throw unknown(id);
            }
            if (!caller.sees(view.agencyCode())) {
                throw AccessProblems.hidden(unknown(id), "alert " + id);
            }
            return view;
        });
    }

    @POST
    @Path("/{id}/acknowledgement")
    @RolesAllowed(Roles.MANAGER)
    @Operation(summary = "Acknowledge an alert with a comment (确认); once only; managers of the alert's agency")
    public Uni<AlertView> acknowledge(@PathParam("id") String id, AcknowledgeRequest request, HttpHeaders headers) {
        if (request == null) {
            throw requiredBy();
        }
        String explanationId = explanationId(request.explanationId());
        return stored.acknowledge(id, clock.instant(), by(request.by()), comment(request.comment()), explanationId,
                        caller.snapshot())
                .flatMap(outcome -> switch (outcome) {
                    case ACKNOWLEDGED -> get(id, headers);
                    case UNKNOWN_ALERT -> Uni.createFrom().failure(unknown(id));
                    case NOT_YOURS -> Uni.createFrom().failure(AccessProblems.hidden(unknown(id), "alert " + id));
                    case ALREADY_ACKNOWLEDGED -> Uni.createFrom().failure(ProblemException.conflict(
                            "already-acknowledged", "id", "该预警已确认，不能重复确认",
                            "The alert has already been acknowledged"));
                });
    }

    @POST
    @Path("/acknowledgements")
    @RolesAllowed(Roles.MANAGER)
    @Operation(summary = "Acknowledge 1 to 200 alerts at once (批量确认) with one comment, each as the single "
            + "acknowledgement does and audited alike, all in one transaction; the outcome per id (another agency's "
            + "alert: UNKNOWN_ALERT); managers")
    public Uni<BulkAcknowledgement> acknowledgeAll(BulkAcknowledgeRequest request) {
        if (request == null || request.ids() == null || request.ids().isEmpty()) {
            throw ProblemException.badRequest("missing-field", "ids", "必须列出要确认的预警编号（1 至 200 个）",
                    "'ids' (1 to 200 alert ids) is required");
        }
        if (request.ids().size() > MAX_BULK) {
            throw ProblemException.badRequest("too-many-ids", "ids",
                    "一次最多确认 " + MAX_BULK + " 个预警，收到 " + request.ids().size() + " 个",
                    "At most " + MAX_BULK + " alerts per request, got " + request.ids().size());
        }
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(request.ids()));
        if (ids.stream().anyMatch(id -> id == null || id.isBlank())) {
            throw ProblemException.badRequest("invalid-id", "ids", "预警编号不能为空", "An alert id must not be blank");
        }
        String by = by(request.by());
        String comment = comment(request.comment());
        String explanationId = explanationId(request.explanationId());
        return stored.acknowledgeAll(ids, clock.instant(), by, comment, explanationId, caller.snapshot())
                .map(outcomes -> new BulkAcknowledgement(ids.stream().map(id -> new BulkAcknowledgement.Result(id,
                        switch (outcomes.get(id)) {
                            case NOT_YOURS, UNKNOWN_ALERT -> StoredAlerts.Acknowledgement.UNKNOWN_ALERT.name();
                            case ACKNOWLEDGED, ALREADY_ACKNOWLEDGED -> outcomes.get(id).name();
                        })).toList()));
    }

    private static String by(String by) {
        if (by == null || by.isBlank()) {
            throw requiredBy();
        }
        return by.strip();
    }

    private static ProblemException requiredBy() {
        return ProblemException.badRequest("missing-field", "by", "必须填写确认人", "'by' (who acknowledges) is required");
    }

    private static String comment(String comment) {
        if (comment == null || comment.isBlank()) {
            throw ProblemException.badRequest("missing-field", "comment", "必须填写确认说明（纠偏措施等）",
                    "'comment' is required (e.g. the corrective action)");
        }
        return comment.strip();
    }

    /** Optional; blank counts as absent. Whether it is one of the alert's project is checked with the alert. */
    private static String explanationId(String explanationId) {
        return blankToNull(explanationId == null ? null : explanationId.strip());
    }

    /** One of the rule codes of {@link Alert.Rule} (case-insensitive); absent: any rule. */
    private static String rule(String rule) {
        if (rule == null || rule.isBlank()) {
            return null;
        }
        String name = rule.strip().toUpperCase(Locale.ROOT);
        List<String> codes = Arrays.stream(Alert.Rule.values()).map(Enum::name).toList();
        if (!codes.contains(name)) {
            throw ProblemException.badRequest("invalid-rule", "rule",
                    "rule 须为以下之一：" + String.join("、", codes) + "，收到：" + rule,
                    "rule must be one of " + String.join(", ", codes) + ", got: " + rule);
        }
        return name;
    }

    @POST
    @Path("/evaluate")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Run the deviation rules for a date (default today): every checkpoint up to it and the "
            + "immediate rules; administrators, audited")
    public Uni<AlertService.Summary> evaluate(@QueryParam("asOf") String asOf) {
        LocalDate date = Params.date(asOf, "asOf");
        return alerts.evaluateAsOf(date != null ? date : LocalDate.now(clock), caller.snapshot());
    }

    private static ProblemException unknown(String id) {
        return ProblemException.notFound("unknown-alert", "id", "未知预警：" + id, "Unknown alert: " + id);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
