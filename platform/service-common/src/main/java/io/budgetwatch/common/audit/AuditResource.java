package io.budgetwatch.common.audit;

import io.budgetwatch.common.problem.Params;
import io.budgetwatch.common.problem.ProblemException;
import io.budgetwatch.common.security.Caller;
import io.budgetwatch.common.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/** The audit trail of this service, for auditors and administrators (the same endpoint in every service). */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit", description = "审计记录: every state change and refused authorisation, append-only")
@RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
public class AuditResource {

    static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    @Inject
    AuditStore store;

    @Inject
    Caller caller;

    /** A page of records, newest first. */
    public record AuditPage(int offset, int limit, List<AuditStore.AuditView> records) {
    }

    @GET
    @Operation(summary = "Audit records, newest first: from/to are Asia/Shanghai dates (to inclusive); actor is a "
            + "subject or user name; limit (default 100, at most 1000) and offset page through them")
    public Uni<AuditPage> list(@QueryParam("from") String from, @QueryParam("to") String to,
                               @QueryParam("actor") String actor, @QueryParam("agency") String agency,
                               @QueryParam("action") String action, @QueryParam("limit") String limit,
                               @QueryParam("offset") String offset) {
        LocalDate fromDay = Params.date(from, "from");
        LocalDate toDay = Params.date(to, "to");
        String agencyCode = agency == null ? null : caller.agencyFor(Params.agency(agency, "agency"));
        int size = number(limit, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int skip = number(offset, "offset", 0, 0, Integer.MAX_VALUE);
        AuditStore.Filter filter = new AuditStore.Filter(start(fromDay), toDay == null ? null : start(toDay.plusDays(1)),
                blankToNull(actor), agencyCode, blankToNull(action), caller.agencyFilter());
        return store.page(filter, size, skip).map(records -> new AuditPage(skip, size, records));
    }

    private static OffsetDateTime start(LocalDate day) {
        return day == null ? null : day.atStartOfDay(BUSINESS_ZONE).toOffsetDateTime();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static int number(String value, String field, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("invalid-" + field, field, field + " 须为 " + min + " 至 " + max + " 的整数",
                field + " must be a whole number from " + min + " to " + max);
    }
}
