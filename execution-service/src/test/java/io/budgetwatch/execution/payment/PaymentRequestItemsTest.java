package io.budgetwatch.execution.payment;

import io.budgetwatch.common.problem.ProblemException;
import io.budgetwatch.execution.contract.RandomPaymentRecords;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The records of an HTTP body reach the payment parser as the bytes that were sent, whatever they hold. */
class PaymentRequestItemsTest {

    @Test
    void theRecordsOfAnArrayAreTheBytesAsSent() {
        Random random = new Random(7);
        int split = 0;
        for (int i = 0; i < 2_000; i++) {
            List<String> records = new ArrayList<>();
            for (int n = 1 + random.nextInt(5); n > 0; n--) {
                records.add(RandomPaymentRecords.record(random).strip());
            }
            String body = " [ " + String.join(" ,\n", records) + " ] ";
            PaymentRequestItems.Items items;
            try {
                items = PaymentRequestItems.split(body.getBytes(StandardCharsets.UTF_8));
            } catch (ProblemException e) {
                continue; // a record that is not JSON breaks the whole array
            }
            assertFalse(items.single());
            assertEquals(records.size(), items.records().size());
            for (int k = 0; k < records.size(); k++) {
                assertArrayEquals(records.get(k).getBytes(StandardCharsets.UTF_8), items.records().get(k));
            }
            split++;
        }
        assertTrue(split > 1_000, "bodies split " + split);
    }

    @Test
    void anObjectIsOneRecordAndOtherBodiesAreRefused() {
        String one = "{\"paymentId\":\"PV-1\",\"amount\":1e3}";
        PaymentRequestItems.Items items = PaymentRequestItems.split(one.getBytes(StandardCharsets.UTF_8));
        assertTrue(items.single());
        assertEquals(one, new String(items.records().get(0), StandardCharsets.UTF_8));
        PaymentRequestItems.Items scalars = PaymentRequestItems.split("[1, \"x\", null, {}]".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("1", "\"x\"", "null", "{}"),
                scalars.records().stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList());
        for (String bad : new String[] {"", "1", "\"x\"", "[", "[]", "{} {}", "[{}] x", "[{},]"}) {
            ProblemException e = assertThrows(ProblemException.class,
                    () -> PaymentRequestItems.split(bad.getBytes(StandardCharsets.UTF_8)), bad);
            assertEquals(400, e.status(), bad);
        }
    }
}
