package io.budgetwatch.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Treasury payment record (支付凭证) on {@link Topics#TREASURY_PAYMENTS}, key = project code.
 * {@code paymentId} is the voucher id and the idempotency key. kind: PAYMENT, REFUND (退回) or
 * CORRECTION (更正); refunds and corrections name {@code originalPaymentId}.
 * fundSource: FISCAL (财政资金) or OTHER (其他资金).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PaymentEvent(
        String paymentId,
        String kind,
        String originalPaymentId,
        Integer fiscalYear,
        String agencyCode,
        String projectCode,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        String fundSource,
        LocalDate paidOn,
        String economicClass,
        String functionalClass,
        String authorityDocNo,
        String payee,
        String purpose) {
}
