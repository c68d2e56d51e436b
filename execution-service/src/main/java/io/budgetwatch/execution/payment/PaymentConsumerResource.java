package io.budgetwatch.execution.payment;

import io.budgetwatch.common.audit.AuditEntry;
import io.budgetwatch.common.audit.AuditTrail;
import io.budgetwatch.common.security.Caller;
import io.budgetwatch.common.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Operators pause consumption of treasury.payments (e.g. while a budget document is re-imported, or
 * to let a backlog build up and drain it) and resume it. Per instance, not persisted: a restarted
 * instance consumes. Records wait on the topic meanwhile; HTTP submissions are not affected.
 * Administrators only. A pause or resume is recorded in the audit trail before it takes effect (it changes
 * no stored row, so there is no transaction to share: a request whose record cannot be written changes nothing).
 */
@Path("/api/admin/payments-consumer")
@Tag(name = "payments", description = "支付记录受理与查询 / payment ingestion and lookup")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class PaymentConsumerResource {

    static final String TARGET = "treasury.payments consumer";

    @Inject
    PaymentConsumer consumer;

    @Inject
    AuditTrail audit;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "Whether this instance consumes treasury.payments")
    public PaymentConsumer.ConsumptionState state() {
        return consumer.state();
    }

    @POST
    @Path("/pause")
    @Operation(summary = "Stop consuming after the batch in flight (暂停受理); `paused` turns true once it is done")
    public Uni<PaymentConsumer.ConsumptionState> pause() {
        boolean before = consumer.state().pauseRequested();
        return audit.recordAlone(caller.snapshot(), AuditEntry.done("payments-consumer.pause", TARGET, null,
                        "暂停受理 / consumption paused" + (before ? " (already requested)" : "")))
                .map(recorded -> consumer.pause());
    }

    @POST
    @Path("/resume")
    @Operation(summary = "Consume again from where the ledger stands (恢复受理)")
    public Uni<PaymentConsumer.ConsumptionState> resume() {
        boolean before = consumer.state().pauseRequested();
        return audit.recordAlone(caller.snapshot(), AuditEntry.done("payments-consumer.resume", TARGET, null,
                        "恢复受理 / consumption resumed" + (before ? "" : " (was not paused)")))
                .map(recorded -> consumer.resume());
    }
}
