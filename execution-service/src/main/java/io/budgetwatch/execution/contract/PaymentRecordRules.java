package io.budgetwatch.execution.contract;

import io.budgetwatch.events.PaymentEvent;

import java.time.LocalDate;

/**
 * The rules of one payment record that its schema cannot state, applied after {@link PaymentParser} on every
 * path (Kafka and HTTP) and before the ledger's rules. Pure.
 * <ul>
 * <li>{@code originalPaymentId} is another voucher than the record itself;</li>
 * <li>{@code paidOn} lies in the fiscal year: not before 1 January ({@code paid-before-fiscal-year}), and after
 * 31 December only inside the settlement window ({@code paid-after-fiscal-year}).</li>
 * </ul>
 */
public final class PaymentRecordRules {

    private final int settlementWindowDays;

    /** {@code settlementWindowDays}: days after 31 December of the fiscal year in which payments still count. */
    public PaymentRecordRules(int settlementWindowDays) {
        if (settlementWindowDays < 0) {
            throw new IllegalArgumentException("settlement window must not be negative: " + settlementWindowDays);
        }
        this.settlementWindowDays = settlementWindowDays;
    }

    /** The parsed record, or the same record refused by the first rule it breaks. */
    public PaymentParser.Parsed check(PaymentParser.Parsed parsed) {
        if (!parsed.ok()) {
            return parsed;
        }
        Rejection broken = broken(parsed.event());
        return broken == null ? parsed : parsed.refusedBy(broken);
    }

    Rejection broken(PaymentEvent e) {
        if (e.paymentId().equals(e.originalPaymentId())) {
            return Rejection.of(RejectReason.INVALID_FIELD, "originalPaymentId", "originalPaymentId 不能与 paymentId 相同",
                    "originalPaymentId must differ from paymentId");
        }
        return paidOnProblem(e.paidOn(), e.fiscalYear(), "paidOn");
    }

    /**
     * Whether a payment date lies in its fiscal year (or the settlement window after it): null, or the refusal
     * naming {@code field} (paidOn of a payment record, XPAY_DATE of a treasury voucher).
     */
    public Rejection paidOnProblem(LocalDate paidOn, int year, String field) {
        if (paidOn.isBefore(LocalDate.of(year, 1, 1))) {
            return Rejection.of(RejectReason.PAID_BEFORE_FISCAL_YEAR, field,
                    "支付日期 " + paidOn + " 早于 " + year + " 预算年度（" + year + "-01-01 起）",
                    field + " " + paidOn + " is before fiscal year " + year + " (starting " + year + "-01-01)");
        }
        LocalDate last = LocalDate.of(year, 12, 31).plusDays(settlementWindowDays);
        if (paidOn.isAfter(last)) {
            String window = settlementWindowDays == 0 ? "" : "（含 " + settlementWindowDays + " 天清算期，至 " + last + "）";
            String windowEn = settlementWindowDays == 0 ? "" : " (with a settlement window of " + settlementWindowDays
                    + " days, until " + last + ")";
            return Rejection.of(RejectReason.PAID_AFTER_FISCAL_YEAR, field,
                    "支付日期 " + paidOn + " 晚于 " + year + " 预算年度" + window,
                    field + " " + paidOn + " is after fiscal year " + year + windowEn);
        }
        return null;
    }
}
