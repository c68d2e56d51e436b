package io.budgetwatch.execution.payment;

import io.budgetwatch.events.PaymentEvent;

/** A refund or correction waiting in held_payment for its original. */
public record HeldRecord(
        String paymentId,
        String originalPaymentId,
        PaymentEvent event,
        byte[] hash,
        byte[] rawKey,
        byte[] rawValue,
        IncomingRecord.Source source,
        String sourceTopic,
        Integer sourcePartition,
        Long sourceOffset) {
}
