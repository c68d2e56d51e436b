package io.budgetwatch.execution.dlq;

import io.budgetwatch.events.Topics;

/**
 * One refused record to send to treasury.payments.dlq, written in the transaction that refused it.
 * {@code eventId} identifies the refusal (from the source position), so a refusal repeated after a
 * crash is stored once.
 */
public record DlqRecord(
        String eventId,
        byte[] key,
        byte[] payload,
        String reason,
        String field,
        String messageZh,
        String messageEn,
        String errorsJson,
        String paymentId,
        String projectCode,
        String source,
        String sourceTopic,
        Integer sourcePartition,
        Long sourceOffset,
        Long sourceTimestamp) {

    /** The DLQ topic of a refusal of a record read from (or, HTTP: null, posted for) {@code sourceTopic}. */
    public static String dlqTopic(String sourceTopic) {
        return Topics.TREASURY_PAY_VOUCHERS.equals(sourceTopic) ? Topics.TREASURY_PAY_VOUCHERS_DLQ
                : Topics.TREASURY_PAYMENTS_DLQ;
    }

    /**
     * The id of a refusal: the source position of a record read from a topic, else (HTTP) the payment id and the
     * first 8 bytes of its content hash.
     */
    public static String eventId(String topic, Integer partition, Long offset, String paymentId, byte[] hash) {
        return topic != null
                ? "dlq:" + topic + ":" + partition + ":" + offset
                : "dlq:http:" + paymentId + ":" + java.util.HexFormat.of().formatHex(hash, 0, 8);
    }

    /** Every field problem of a refusal as the JSON array of the {@code dlq-errors} header. */
    public static String errorsJson(io.budgetwatch.execution.contract.Rejection r) {
        StringBuilder sb = new StringBuilder("[");
        for (io.budgetwatch.execution.contract.Rejection.FieldIssue issue : r.issues()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append("{\"field\":").append(quote(issue.field()))
                    .append(",\"code\":").append(quote(issue.code()))
                    .append(",\"messageZh\":").append(quote(issue.messageZh()))
                    .append(",\"messageEn\":").append(quote(issue.messageEn())).append('}');
        }
        return sb.append(']').toString();
    }

    private static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
