package io.budgetwatch.execution.dlq;

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

    /**
     * The id of a refusal: the source position of a record read from a topic, else (HTTP) the payment id and the
     * first 8 bytes of its content hash.
     */
    public static String eventId(String topic, Integer partition, Long offset, String paymentId, byte[] hash) {
        return topic != null
                ? "dlq:" + topic + ":" + partition + ":" + offset
                : "dlq:http:" + paymentId + ":" + java.util.HexFormat.of().formatHex(hash, 0, 8);
    }
}
