package io.budgetwatch.execution.payment;

import java.nio.ByteBuffer;

/**
 * One record to ingest, as received: from a topic (with its position) or from an HTTP request
 * (position null). Key and value are views of the original bytes; from Kafka they point into the
 * fetch buffer (no copy per record), {@link #key()} and {@link #value()} copy them out when a record
 * has to be stored (DLQ, held, conflict).
 */
public record IncomingRecord(Source source, ByteBuffer keyBytes, ByteBuffer valueBytes, String topic,
                             Integer partition, Long offset, Long timestamp) {

    public enum Source { KAFKA, HTTP }

    public static IncomingRecord http(byte[] value) {
        return of(Source.HTTP, null, value, null, null, null, null);
    }

    public static IncomingRecord of(Source source, byte[] key, byte[] value, String topic, Integer partition,
                                    Long offset, Long timestamp) {
        return new IncomingRecord(source, key == null ? null : ByteBuffer.wrap(key),
                value == null ? null : ByteBuffer.wrap(value), topic, partition, offset, timestamp);
    }

    /** The key's bytes (a copy), or null. */
    public byte[] key() {
        return bytes(keyBytes);
    }

    /** The value's bytes (a copy), or null. */
    public byte[] value() {
        return bytes(valueBytes);
    }

    /** The remaining bytes of a buffer as a new array (the buffer's position is left as it is), or null. */
    static byte[] bytes(ByteBuffer b) {
        if (b == null) {
            return null;
        }
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
