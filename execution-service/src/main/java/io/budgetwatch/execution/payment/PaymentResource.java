package io.budgetwatch.execution.payment;

import io.budgetwatch.execution.contract.Rejection;
import io.budgetwatch.common.problem.Lang;
import io.budgetwatch.common.problem.Problem;
import io.budgetwatch.common.problem.ProblemException;
import io.budgetwatch.common.security.AccessProblems;
import io.budgetwatch.common.security.Caller;
import io.budgetwatch.common.security.Roles;
import io.budgetwatch.execution.ledger.EntryView;
import io.budgetwatch.execution.project.ProjectAccess;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Payments over HTTP for systems that cannot speak Kafka: the same parsing, rules and transaction as
 * the treasury.payments consumer. Refused items are answered, not sent to the DLQ.
 * <p>
 * Access: only the treasury's client posts; the agencies' readers (planner, manager, supervisor, auditor) look
 * payments up within their agencies (another agency's payment answers 404, as an unknown one); conflicts are
 * for the finance bureau's supervisors, auditors and the operators (admin), filtered to their agencies; the
 * ingestion counters carry no agency data (readers and admin).
 */
@Path("/api")
@Tag(name = "payments", description = "支付记录受理与查询 / payment ingestion and lookup")
public class PaymentResource {

    @Inject
    Caller caller;

    @Inject
    ProjectAccess access;

    @Inject
    PaymentBatchProcessor processor;

    @Inject
    PaymentQueries queries;

    @Inject
    IngestStats stats;

    @POST
    @Path("/payments")
    @RolesAllowed(Roles.TREASURY)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit one payment record (object) or several (array)",
            description = "Object: 202 with the item result, or a problem (422, 409 for a payment id conflict, 400 for "
                    + "malformed JSON). Array: 202 when every item is accepted (APPLIED, DUPLICATE or HELD), otherwise "
                    + "207 with per-item results where refused items carry a problem body.")
    public Uni<Response> submit(@RequestBody(required = true, description = "One payment record (object) or an array "
            + "of at most 10 000; the contract is execution-service/docs/payment-event.schema.json", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = io.budgetwatch.events.PaymentEvent.class)))
                                byte[] body, @Context HttpHeaders headers) {
        Lang lang = Lang.fromAcceptLanguage(headers.getAcceptableLanguages());
        PaymentRequestItems.Items items = PaymentRequestItems.split(body);
        List<Candidate> candidates = processor.parseSent(items.records());
        // one audit record for the whole request, in the transaction of its ledger write
        return processor.applySubmitted(candidates, caller.snapshot()).map(done -> items.single()
                ? singleAnswer(done.get(0), lang)
                : batchAnswer(done, lang));
    }

    private Response singleAnswer(Candidate c, Lang lang) {
        if (c.outcome() == Candidate.Outcome.REJECTED) {
            Rejection r = c.rejection();
            throw new ProblemException(r.reason().httpStatus(), r.reason().code(), r.field(), r.messageZh(),
                    r.messageEn(), fieldErrors(r, lang), c.context());
        }
        return Response.accepted(result(c, lang)).build();
    }

    private Response batchAnswer(List<Candidate> done, Lang lang) {
        List<PaymentViews.ItemResult> results = new ArrayList<>(done.size());
        int rejected = 0;
        for (Candidate c : done) {
            results.add(result(c, lang));
            if (c.outcome() == Candidate.Outcome.REJECTED) {
                rejected++;
            }
        }
        PaymentViews.BatchAnswer answer = new PaymentViews.BatchAnswer(done.size(), done.size() - rejected, rejected,
                results);
        return Response.status(rejected == 0 ? 202 : 207).entity(answer).type(MediaType.APPLICATION_JSON).build();
    }

    private PaymentViews.ItemResult result(Candidate c, Lang lang) {
        Problem problem = null;
        if (c.outcome() == Candidate.Outcome.REJECTED) {
            Rejection r = c.rejection();
            problem = new Problem("urn:budgetwatch:problem:" + r.reason().code(), null, r.reason().httpStatus(),
                    lang.pick(r.messageZh(), r.messageEn()), "/api/payments[" + c.index() + "]", r.reason().code(),
                    r.field(), fieldErrors(r, lang), c.context());
        }
        List<EntryView> entries = c.entries().stream().map(EntryView::of).toList();
        String waitingFor = c.outcome() == Candidate.Outcome.HELD ? c.event().originalPaymentId() : null;
        return new PaymentViews.ItemResult(c.index(), c.paymentId(), c.outcome().name(),
                entries.isEmpty() ? null : entries, waitingFor, problem);
    }

    private static List<Problem.FieldError> fieldErrors(Rejection r, Lang lang) {
        return r.issues().stream()
                .map(i -> new Problem.FieldError(i.field(), i.code(), lang.pick(i.messageZh(), i.messageEn())))
                .toList();
    }

    @GET
    @Path("/payments/{paymentId}")
    @RolesAllowed({Roles.PLANNER, Roles.MANAGER, Roles.SUPERVISOR, Roles.AUDITOR})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A payment record: status (APPLIED, HELD, REJECTED), its ledger entries, refunds and "
            + "corrections against it, what remains of it, conflicts and refusals under its id")
    public Uni<PaymentViews.PaymentView> payment(@PathParam("paymentId") String paymentId,
                                                 @Context HttpHeaders headers) {
        Lang lang = Lang.fromAcceptLanguage(headers.getAcceptableLanguages());
        Caller who = caller.snapshot();
        return queries.find(paymentId, lang).map(found -> {
            PaymentViews.PaymentView view = found.orElseThrow(() -> paymentNotFound(paymentId));
            // a payment is its agency's; one known only by its refusals has none: for callers who see every agency
            if (!who.sees(view.agencyCode())) {
                throw AccessProblems.hidden(paymentNotFound(paymentId), "payment " + paymentId);
            }
            return withVisibleRelated(view, who);
        });
    }

    private static ProblemException paymentNotFound(String paymentId) {
        return ProblemException.notFound("payment-not-found", "paymentId", "没有支付凭证号为 " + paymentId + " 的记录",
                "No payment record with id " + paymentId);
    }

    /** Refunds and corrections booked on another agency's project (a correction may move money there) are left out. */
    private PaymentViews.PaymentView withVisibleRelated(PaymentViews.PaymentView v, Caller who) {
        if (who.seesAllAgencies()) {
            return v;
        }
        List<PaymentViews.Related> refunds = v.refunds().stream().filter(r -> access.visible(r.projectCode(), who))
                .toList();
        List<PaymentViews.Related> corrections = v.corrections().stream()
                .filter(r -> access.visible(r.projectCode(), who)).toList();
        if (refunds.size() == v.refunds().size() && corrections.size() == v.corrections().size()) {
            return v;
        }
        String correctedBy = corrections.size() == v.corrections().size() ? v.correctedBy() : null;
        return new PaymentViews.PaymentView(v.paymentId(), v.status(), v.kind(), v.originalPaymentId(),
                v.fiscalYear(), v.agencyCode(), v.projectCode(), v.amount(), v.fundSource(), v.paidOn(),
                v.economicClass(), v.functionalClass(), v.authorityDocNo(), v.payee(), v.purpose(), v.source(),
                v.recordedAt(), v.overspend(), v.remaining(), correctedBy, v.waitingFor(), v.entries(), refunds,
                corrections, v.conflicts(), v.rejections());
    }

    @GET
    @Path("/payment-conflicts")
    @RolesAllowed({Roles.SUPERVISOR, Roles.AUDITOR, Roles.ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Records refused because their payment id was already received with other content "
            + "(of the projects of the caller's agencies)")
    public Uni<List<PaymentViews.ConflictView>> conflicts(@QueryParam("projectCode") String projectCode,
                                                          @QueryParam("paymentId") String paymentId,
                                                          @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ProblemException.badRequest("invalid-parameter", "limit", "limit 须在 1 至 1000 之间",
                    "limit must be between 1 and 1000");
        }
        return queries.conflicts(blank(projectCode), blank(paymentId), limit, caller.agencyFilter());
    }

    @Inject
    io.budgetwatch.execution.ledger.LedgerRelay ledgerRelay;

    @GET
    @Path("/ingestion-stats")
    @RolesAllowed({Roles.PLANNER, Roles.MANAGER, Roles.SUPERVISOR, Roles.AUDITOR, Roles.ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Counters of this instance since start (records, applied, duplicates, held, rejected...)")
    public Map<String, Long> stats() {
        Map<String, Long> counters = stats.snapshot();
        counters.putAll(ledgerRelay.counters());
        return counters;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
