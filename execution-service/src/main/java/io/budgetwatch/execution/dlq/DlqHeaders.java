package io.budgetwatch.execution.dlq;

/** Headers of a message on treasury.payments.dlq (the value and key are the original bytes). */
public final class DlqHeaders {
    /** Reason code, e.g. {@code unknown-project} (see README). */
    public static final String REASON = "dlq-reason";
    /** The first offending field (absent when the reason is not about a field). */
    public static final String FIELD = "dlq-field";
    /** Message in Chinese (UTF-8). */
    public static final String MESSAGE = "dlq-message";
    /** Message in English. */
    public static final String MESSAGE_EN = "dlq-message-en";
    /** All field problems as a JSON array of {field, code, messageZh, messageEn}. */
    public static final String ERRORS = "dlq-errors";
    /** "true" when sending the same record again later can succeed (e.g. the project becomes known). */
    public static final String RETRYABLE = "dlq-retryable";
    public static final String PAYMENT_ID = "dlq-payment-id";
    /** KAFKA or HTTP (a held HTTP item that was finally refused). */
    public static final String SOURCE = "dlq-source";
    public static final String ORIGINAL_TOPIC = "dlq-original-topic";
    public static final String ORIGINAL_PARTITION = "dlq-original-partition";
    public static final String ORIGINAL_OFFSET = "dlq-original-offset";
    public static final String ORIGINAL_TIMESTAMP = "dlq-original-timestamp";
    public static final String REJECTED_AT = "dlq-rejected-at";

    private DlqHeaders() {
    }
}
