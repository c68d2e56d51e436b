package io.budgetwatch.execution.payment;

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
 */
@Path("/api/admin/payments-consumer")
@Tag(name = "payments", description = "支付记录受理与查询 / payment ingestion and lookup")
@Produces(MediaType.APPLICATION_JSON)
public class PaymentConsumerResource {

    @Inject
    PaymentConsumer consumer;

    @GET
    @Operation(summary = "Whether this instance consumes treasury.payments")
    public PaymentConsumer.ConsumptionState state() {
        return consumer.state();
    }

    @POST
    @Path("/pause")
    @Operation(summary = "Stop consuming after the batch in flight (暂停受理); `paused` turns true once it is done")
    public PaymentConsumer.ConsumptionState pause() {
        return consumer.pause();
    }

    @POST
    @Path("/resume")
    @Operation(summary = "Consume again from where the ledger stands (恢复受理)")
    public PaymentConsumer.ConsumptionState resume() {
        return consumer.resume();
    }
}
