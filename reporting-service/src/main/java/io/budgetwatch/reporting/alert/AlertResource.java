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

    /** Body of an acknowledgement (确认). */
    public record AcknowledgeRequest(String by, String comment) {
    }

    /**
     * {@code agency} may be omitted: a caller of one agency gets that one's alerts, a caller of several (or of
     * all) those of every agency in its scope. An agency outside the scope is 403; a {@code project} of another
     * agency simply matches nothing (the scope applies to every filter).
     */
    @GET
    @Operation(summary = "Alerts, newest first, filtered by agency, fiscal year, severity, project, acknowledgement "
            + "(always within the caller's agencies)")
    public Uni<List<AlertView>> list(@QueryParam("agency") String agency, @QueryParam("year") String year,
                                     @QueryParam("severity") String severity, @QueryParam("project") String project,
                                     @QueryParam("acknowledged") String acknowledged, HttpHeaders headers) {
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
        Lang lang = Lang.fromAcceptLanguage(headers.getAcceptableLanguages());
        return stored.list(new AlertFilter(agencyCode, fiscalYear, sev, blankToNull(project), ack,
                caller.agencyFilter()), lang);
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
        if (request == null || request.by() == null || request.by().isBlank()) {
            throw ProblemException.badRequest("missing-field", "by", "必须填写确认人", "'by' (who acknowledges) is required");
        }
        if (request.comment() == null || request.comment().isBlank()) {
            throw ProblemException.badRequest("missing-field", "comment", "必须填写确认说明（纠偏措施等）",
                    "'comment' is required (e.g. the corrective action)");
        }
        return stored.acknowledge(id, clock.instant(), request.by().strip(), request.comment().strip(),
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
