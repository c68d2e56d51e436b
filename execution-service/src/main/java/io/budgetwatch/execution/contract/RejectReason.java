package io.budgetwatch.execution.contract;

/**
 * Why a payment record is refused. The code travels as the {@code dlq-reason} header and as the
 * problem {@code code}; {@code retryable} says whether sending the same record again later can succeed.
 */
public enum RejectReason {
    MALFORMED_JSON("malformed-json", 400, false),
    MISSING_FIELD("missing-field", 422, false),
    INVALID_FIELD("invalid-field", 422, false),
    PAID_BEFORE_FISCAL_YEAR("paid-before-fiscal-year", 422, false),
    PAID_AFTER_FISCAL_YEAR("paid-after-fiscal-year", 422, false),
    UNKNOWN_PROJECT("unknown-project", 422, true),
    FISCAL_YEAR_MISMATCH("fiscal-year-mismatch", 422, false),
    AGENCY_MISMATCH("agency-mismatch", 422, false),
    PAYMENT_ID_CONFLICT("payment-id-conflict", 409, false),
    REFUND_EXCEEDS_REMAINING("refund-exceeds-remaining", 422, false),
    ORIGINAL_UNKNOWN("original-unknown", 422, true),
    ORIGINAL_MISMATCH("original-mismatch", 422, false),
    INVALID_ORIGINAL("invalid-original", 422, false),
    /** A voucher's FUND_TYPE_CODE is not in the configured table (retryable once the table names it). */
    UNKNOWN_FUND_TYPE("unknown-fund-type", 422, true),
    /** A voucher state with the UPDATE_TIME of one received before, but other content: recorded, never applied. */
    VOUCHER_STATE_CONFLICT("voucher-state-conflict", 409, false);

    private final String code;
    private final int httpStatus;
    private final boolean retryable;

    RejectReason(String code, int httpStatus, boolean retryable) {
        this.code = code;
        this.httpStatus = httpStatus;
        this.retryable = retryable;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public boolean retryable() {
        return retryable;
    }
}
