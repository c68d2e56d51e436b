package io.budgetwatch.execution.voucher;

import io.budgetwatch.common.problem.Lang;
import io.budgetwatch.common.problem.Problem;
import io.budgetwatch.common.problem.ProblemException;
import io.budgetwatch.common.security.AccessProblems;
import io.budgetwatch.common.security.Caller;
import io.budgetwatch.common.security.Roles;
import io.budgetwatch.execution.contract.Rejection;
import io.budgetwatch.execution.ledger.EntryView;
import io.budgetwatch.execution.payment.IncomingRecord;
import io.budgetwatch.execution.payment.PaymentRequestItems;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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

/**
 * Treasury vouchers of the integrated budget system over HTTP, beside treasury.pay-vouchers: the same parsing, rules
 * and transaction. Refused items are answered, not sent to the DLQ. Access as for payments: only the treasury posts;
 * the agencies' readers look a voucher up within their agencies (another agency's voucher answers 404, as an unknown
 * one).
 */
@Path("/api/pay-vouchers")
@Tag(name = "pay-vouchers", description = "国库集中支付凭证（预算管理一体化） / treasury payment vouchers")
public class VoucherResource {

    @Inject
    Caller caller;

    @Inject
    VoucherProcessor processor;

    @Inject
    VoucherQueries queries;

    @POST
    @RolesAllowed(Roles.TREASURY)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit one voucher state (object) or several (array) of the integrated budget system",
            description = "Object: 202 with the item result (APPLIED, DUPLICATE or STALE), or a problem (422, 409 for "
                    + "another content under a state's UPDATE_TIME, 400 for malformed JSON). Array: 202 when every item "
                    + "is accepted, otherwise 207 with per-item results where refused items carry a problem body.")
    public Uni<Response> submit(@RequestBody(required = true, description = "One voucher record (object) or an array "
            + "of at most 10 000; the contract is execution-service/docs/pay-voucher.schema.json",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Object.class)))
                                byte[] body, @Context HttpHeaders headers) {
        Lang lang = Lang.fromAcceptLanguage(headers.getAcceptableLanguages());
        PaymentRequestItems.Items items = PaymentRequestItems.split(body);
        List<IncomingRecord> records = items.records().stream().map(IncomingRecord::http).toList();
        return processor.applySubmitted(processor.parse(records), caller.snapshot())
                .map(done -> items.single() ? single(done.get(0), lang) : batch(done, lang));
    }

    private Response single(VoucherCandidate c, Lang lang) {
        if (c.rejection() != null) {
            Rejection r = c.rejection();
            throw new ProblemException(r.reason().httpStatus(), r.reason().code(), r.field(), r.messageZh(),
                    r.messageEn(), fieldErrors(r, lang), null);
        }
        return Response.accepted(result(c, lang)).build();
    }

    private Response batch(List<VoucherCandidate> done, Lang lang) {
        List<VoucherViews.ItemResult> results = new ArrayList<>(done.size());
        int rejected = 0;
        for (VoucherCandidate c : done) {
            results.add(result(c, lang));
            if (c.rejection() != null) {
                rejected++;
            }
        }
        return Response.status(rejected == 0 ? 202 : 207).type(MediaType.APPLICATION_JSON)
                .entity(new VoucherViews.BatchAnswer(done.size(), done.size() - rejected, rejected, results)).build();
    }

    private VoucherViews.ItemResult result(VoucherCandidate c, Lang lang) {
        Problem problem = null;
        if (c.rejection() != null) {
            Rejection r = c.rejection();
            problem = new Problem("urn:budgetwatch:problem:" + r.reason().code(), null, r.reason().httpStatus(),
                    lang.pick(r.messageZh(), r.messageEn()), "/api/pay-vouchers[" + c.index() + "]", r.reason().code(),
                    r.field(), fieldErrors(r, lang), null);
        }
        List<EntryView> entries = c.entries().stream().map(EntryView::of).toList();
        return new VoucherViews.ItemResult(c.index(), c.payCertId(), c.payCertNo(), c.updateTime(), c.outcome().name(),
                c.outcome() == VoucherCandidate.Outcome.APPLIED ? c.counts() : null, c.stateId(),
                entries.isEmpty() ? null : entries, problem);
    }

    private static List<Problem.FieldError> fieldErrors(Rejection r, Lang lang) {
        return r.issues().stream()
                .map(i -> new Problem.FieldError(i.field(), i.code(), lang.pick(i.messageZh(), i.messageEn())))
                .toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.PLANNER, Roles.MANAGER, Roles.SUPERVISOR, Roles.AUDITOR})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A voucher by PAY_CERT_ID: every state received (APPLIED, STALE, CONFLICT), the one it is in "
            + "now and whether it counts (PAID, PENDING, CANCELLED), the ledger entries each state made, refusals")
    public Uni<VoucherViews.VoucherView> voucher(@PathParam("id") String id, @Context HttpHeaders headers) {
        Lang lang = Lang.fromAcceptLanguage(headers.getAcceptableLanguages());
        Caller who = caller.snapshot();
        return queries.find(id, lang).map(found -> {
            VoucherViews.VoucherView view = found.orElseThrow(() -> notFound(id));
            // a voucher is the agency's of the state it is in now
            if (!who.sees(view.agencyCode())) {
                throw AccessProblems.hidden(notFound(id), "pay voucher " + id);
            }
            return view;
        });
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("voucher-not-found", "id", "没有支付凭证主键为 " + id + " 的凭证",
                "No payment voucher with PAY_CERT_ID " + id);
    }
}
