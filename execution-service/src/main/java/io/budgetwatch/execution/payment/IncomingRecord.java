package io.budgetwatch.execution.payment;

/**
 * One record to ingest, as received: from a topic (with its position) or from an HTTP request
 * (position null). {@code value} is the original bytes.
 */
public record IncomingRecord(Source source, byte[] key, byte[] value, String topic, Integer partition, Long offset,
                             Long timestamp) {

    public enum Source { KAFKA, HTTP }

    public static IncomingRecord http(byte[] value) {
        return new IncomingRecord(Source.HTTP, null, value, null, null, null, null);
    }
}
