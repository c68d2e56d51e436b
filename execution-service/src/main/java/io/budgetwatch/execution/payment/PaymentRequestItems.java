package io.budgetwatch.execution.payment;

import io.budgetwatch.execution.contract.PaymentParser;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.budgetwatch.common.problem.ProblemException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Cuts the body of {@code POST /api/payments} and {@code POST /api/pay-vouchers} (one record, or an array of records) into the bytes of each
 * record exactly as sent, so that an HTTP record is parsed by the same {@link PaymentParser} as a Kafka record:
 * the text of a number (1e3) and every character reach the contract's rules unchanged.
 */
public final class PaymentRequestItems {

    /** Items accepted per request; larger loads belong on Kafka. */
    static final int MAX_ITEMS = 10_000;

    private static final JsonFactory JSON = new JsonFactory();

    /** The records of a body, and whether it was one object (not an array). */
    public record Items(List<byte[]> records, boolean single) {
    }

    private PaymentRequestItems() {
    }

    /** The body's records; a body that is not one JSON object or array of values is a 4xx problem. */
    public static Items split(byte[] body) {
        if (body == null || body.length == 0) {
            throw malformed(null);
        }
        try (JsonParser p = JSON.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_OBJECT) {
                p.skipChildren();
                requireEnd(p);
                return new Items(List.of(body), true);
            }
            if (first != JsonToken.START_ARRAY) {
                throw malformed(null);
            }
            List<byte[]> records = new ArrayList<>();
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw malformed(null);
                }
                if (records.size() == MAX_ITEMS) {
                    throw new ProblemException(413, "too-many-items", null, "一次最多提交 " + MAX_ITEMS + " 条记录",
                            "At most " + MAX_ITEMS + " items per request", null, Map.of("maxItems", MAX_ITEMS));
                }
                int from = (int) p.currentTokenLocation().getByteOffset();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    p.skipChildren();
                } else {
                    p.finishToken();
                }
                int to = (int) p.currentLocation().getByteOffset();
                records.add(Arrays.copyOfRange(body, from, to));
            }
            requireEnd(p);
            if (records.isEmpty()) {
                throw ProblemException.badRequest("empty-batch", null, "数组为空", "The array is empty");
            }
            return new Items(records, false);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw malformed(PaymentParser.printable(e.getOriginalMessage(), 300));
        } catch (IOException e) {
            throw malformed(PaymentParser.printable(e.getMessage(), 300));
        }
    }

    private static void requireEnd(JsonParser p) throws IOException {
        if (p.nextToken() != null) {
            throw malformed("trailing content after the JSON value");
        }
    }

    private static ProblemException malformed(String why) {
        return ProblemException.badRequest("malformed-json", null,
                "请求体须为 JSON 对象或数组" + (why == null ? "" : "：" + why),
                "The body must be a JSON object or array" + (why == null ? "" : ": " + why));
    }
}
