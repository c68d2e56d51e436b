package io.budgetwatch.execution.payment;

import com.fasterxml.jackson.databind.JsonNode;
import io.budgetwatch.events.Topics;
import io.budgetwatch.execution.dlq.DlqHeaders;
import io.budgetwatch.execution.support.Fixtures;
import io.budgetwatch.execution.support.TestClock;
import io.budgetwatch.execution.support.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.budgetwatch.execution.support.Fixtures.bytes;
import static io.budgetwatch.execution.support.Fixtures.payment;
import static io.budgetwatch.execution.support.Fixtures.refund;
import static io.budgetwatch.execution.support.Fixtures.send;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every refusal reason, over the real broker: the record lands on treasury.payments.dlq with its
 * original key and bytes and the reason headers, and nothing reaches the ledger.
 */
@QuarkusTest
class DeadLetterTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    TestClock clock;

    @Inject
    HeldPaymentExpiry expiry;

    /** The one DLQ record sent with this key. */
    static ConsumerRecord<byte[], byte[]> dlq(byte[] key) {
        List<ConsumerRecord<byte[], byte[]>> found = TestKafka.read(Topics.TREASURY_PAYMENTS_DLQ,
                r -> r.key() != null && Arrays.equals(r.key(), key), 1, WAIT);
        assertEquals(1, found.size(), "DLQ records with key " + new String(key, StandardCharsets.UTF_8));
        return found.get(0);
    }

    static ConsumerRecord<byte[], byte[]> dlqOf(String project, String paymentId) {
        List<ConsumerRecord<byte[], byte[]>> found = TestKafka.read(Topics.TREASURY_PAYMENTS_DLQ,
                r -> project.equals(TestKafka.key(r)) && paymentId.equals(TestKafka.header(r, DlqHeaders.PAYMENT_ID)),
                1, WAIT);
        assertEquals(1, found.size(), "DLQ records of " + paymentId);
        return found.get(0);
    }

    static void assertReason(ConsumerRecord<byte[], byte[]> r, String reason, String field, boolean retryable) {
        assertEquals(reason, TestKafka.header(r, DlqHeaders.REASON));
        assertEquals(field, TestKafka.header(r, DlqHeaders.FIELD));
        assertEquals(String.valueOf(retryable), TestKafka.header(r, DlqHeaders.RETRYABLE));
        assertNotNull(TestKafka.header(r, DlqHeaders.MESSAGE));
        assertNotNull(TestKafka.header(r, DlqHeaders.MESSAGE_EN));
        assertNotNull(TestKafka.header(r, Topics.HEADER_EVENT_ID));
        assertNotNull(TestKafka.header(r, DlqHeaders.REJECTED_AT));
    }

    /** Sends and returns the exact bytes sent. */
    static byte[] sendRaw(String key, Map<String, Object> record) {
        byte[] value = bytes(record);
        TestKafka.send(Topics.TREASURY_PAYMENTS, key, value);
        return value;
    }

    static void assertNoLedger(String project) {
        given().when().get("/api/projects/{code}/ledger", project).then().statusCode(200)
                .body("entryCount", is(0)).body("executed.total", is("0.00"));
    }

    @Test
    void malformedJsonKeepsItsOriginalKeyAndBytesEvenWhenTheyAreNotUtf8() {
        byte[] key = ("坏记录-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        byte[] value = {'{', '"', 'p', 'a', 'y', (byte) 0xff, (byte) 0xfe, 0, '"', ':', ' ', '1'};
        TestKafka.send(Topics.TREASURY_PAYMENTS, key, value);
        ConsumerRecord<byte[], byte[]> r = dlq(key);
        assertArrayEquals(value, r.value());
        assertReason(r, "malformed-json", null, false);
        assertEquals(Topics.TREASURY_PAYMENTS, TestKafka.header(r, DlqHeaders.ORIGINAL_TOPIC));
        assertNotNull(TestKafka.header(r, DlqHeaders.ORIGINAL_PARTITION));
        assertNotNull(TestKafka.header(r, DlqHeaders.ORIGINAL_OFFSET));
        assertNotNull(TestKafka.header(r, DlqHeaders.ORIGINAL_TIMESTAMP));
        assertEquals("KAFKA", TestKafka.header(r, DlqHeaders.SOURCE));
        assertEquals("dlq:" + Topics.TREASURY_PAYMENTS + ":" + TestKafka.header(r, DlqHeaders.ORIGINAL_PARTITION) + ":"
                + TestKafka.header(r, DlqHeaders.ORIGINAL_OFFSET), TestKafka.header(r, Topics.HEADER_EVENT_ID));
    }

    @Test
    void aJsonValueThatIsNotAnObjectIsMalformed() {
        byte[] key = ("array-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        byte[] value = "[1,2,3]".getBytes(StandardCharsets.UTF_8);
        TestKafka.send(Topics.TREASURY_PAYMENTS, key, value);
        ConsumerRecord<byte[], byte[]> r = dlq(key);
        assertArrayEquals(value, r.value());
        assertReason(r, "malformed-json", null, false);
    }

    @Test
    void missingFieldsAreNamedEveryOne() throws Exception {
        String project = Fixtures.publishProject("1000.00");
        String id = Fixtures.paymentId("PV");
        Map<String, Object> record = payment(id, project, "10.00", "FISCAL");
        record.remove("amount");
        record.remove("paidOn");
        byte[] sent = sendRaw(project, record);
        ConsumerRecord<byte[], byte[]> r = dlqOf(project, id);
        assertArrayEquals(sent, r.value());
        assertReason(r, "missing-field", "amount", false);
        JsonNode errors = Fixtures.JSON.readTree(TestKafka.header(r, DlqHeaders.ERRORS));
        assertEquals(2, errors.size());
        assertEquals("paidOn", errors.get(1).get("field").asText());
        assertTrue(TestKafka.header(r, DlqHeaders.MESSAGE).contains("缺少必填字段 amount"));
        assertNoLedger(project);
    }

    @Test
    void badFieldsAreNamed() {
        String project = Fixtures.publishProject("1000.00");
        String tooPrecise = Fixtures.paymentId("PV");
        String badKind = Fixtures.paymentId("PV");
        String negative = Fixtures.paymentId("PV");
        String badDate = Fixtures.paymentId("PV");
        sendRaw(project, payment(tooPrecise, project, "10.001", "FISCAL"));
        Map<String, Object> gift = payment(badKind, project, "10.00", "FISCAL");
        gift.put("kind", "GIFT");
        sendRaw(project, gift);
        sendRaw(project, payment(negative, project, "-5.00", "FISCAL"));
        Map<String, Object> date = payment(badDate, project, "10.00", "FISCAL");
        date.put("paidOn", "2021-13-01");
        sendRaw(project, date);
        assertReason(dlqOf(project, tooPrecise), "invalid-field", "amount", false);
        assertReason(dlqOf(project, badKind), "invalid-field", "kind", false);
        assertReason(dlqOf(project, negative), "invalid-field", "amount", false);
        assertReason(dlqOf(project, badDate), "invalid-field", "paidOn", false);
        assertNoLedger(project);
    }

    @Test
    void unknownProjectIsRetryable() {
        String unknown = Fixtures.projectCode();
        String id = Fixtures.paymentId("PV");
        byte[] sent = sendRaw(unknown, payment(id, unknown, "10.00", "FISCAL"));
        ConsumerRecord<byte[], byte[]> r = dlqOf(unknown, id);
        assertArrayEquals(sent, r.value());
        assertReason(r, "unknown-project", "projectCode", true);
        given().when().get("/api/payments/{id}", id).then().statusCode(200)
                .body("status", is("REJECTED")).body("rejections[0].reason", is("unknown-project"));
    }

    @Test
    void fiscalYearAndAgencyMustMatchTheProject() {
        String project = Fixtures.publishProject("1000.00");
        String year = Fixtures.paymentId("PV");
        String agency = Fixtures.paymentId("PV");
        Map<String, Object> wrongYear = payment(year, project, "10.00", "FISCAL");
        wrongYear.put("fiscalYear", 2022);
        wrongYear.put("paidOn", "2022-05-20"); // inside its own fiscal year: only the project's year differs
        sendRaw(project, wrongYear);
        Map<String, Object> wrongAgency = payment(agency, project, "10.00", "FISCAL");
        wrongAgency.put("agencyCode", "999999");
        sendRaw(project, wrongAgency);
        assertReason(dlqOf(project, year), "fiscal-year-mismatch", "fiscalYear", false);
        assertReason(dlqOf(project, agency), "agency-mismatch", "agencyCode", false);
        assertNoLedger(project);
    }

    @Test
    void refundsAreCheckedAgainstTheirOriginal() {
        String project = Fixtures.publishProject("10000.00");
        String other = Fixtures.publishProject("10000.00");
        String p = Fixtures.paymentId("PV");
        String tooMuch = Fixtures.paymentId("RF");
        String ok = Fixtures.paymentId("RF");
        String ofRefund = Fixtures.paymentId("RF");
        String elsewhere = Fixtures.paymentId("RF");
        String otherFund = Fixtures.paymentId("RF");
        send(payment(p, project, "100.00", "FISCAL"));
        send(refund(ok, p, project, "30.00", "FISCAL"));
        byte[] sent = sendRaw(project, refund(tooMuch, p, project, "70.01", "FISCAL"));
        send(refund(ofRefund, ok, project, "1.00", "FISCAL"));
        send(refund(elsewhere, p, other, "1.00", "FISCAL"));
        send(refund(otherFund, p, project, "1.00", "OTHER"));

        ConsumerRecord<byte[], byte[]> r = dlqOf(project, tooMuch);
        assertArrayEquals(sent, r.value());
        assertReason(r, "refund-exceeds-remaining", "amount", false);
        assertTrue(TestKafka.header(r, DlqHeaders.MESSAGE_EN).contains("70.00"), TestKafka.header(r, DlqHeaders.MESSAGE_EN));
        assertReason(dlqOf(project, ofRefund), "invalid-original", "originalPaymentId", false);
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> given().when()
                .get("/api/payments/{id}", elsewhere).then().statusCode(200).body("status", is("REJECTED")));
        assertReason(dlqOf(other, elsewhere), "original-mismatch", "projectCode", false);
        assertReason(dlqOf(project, otherFund), "original-mismatch", "fundSource", false);
        given().when().get("/api/projects/{code}/ledger", project).then().statusCode(200)
                .body("executed.total", is("70.00")).body("entryCount", is(2));
    }

    @Test
    void aRefundWhoseOriginalNeverArrivesIsRefusedAfterTheHoldPeriod() {
        String project = Fixtures.publishProject("10000.00");
        String missing = Fixtures.paymentId("PV");
        String r = Fixtures.paymentId("RF");
        byte[] sent = sendRaw(project, refund(r, missing, project, "5.00", "FISCAL"));
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> given().when()
                .get("/api/payments/{id}", r).then().statusCode(200).body("status", is("HELD")));
        try {
            clock.advance(Duration.ofDays(2));
            assertEquals(0, expiry.expireDue().await().atMost(WAIT), "held for 2 days only");
            clock.advance(Duration.ofDays(2));
            assertTrue(expiry.expireDue().await().atMost(WAIT) >= 1);
        } finally {
            clock.reset();
        }
        ConsumerRecord<byte[], byte[]> d = dlqOf(project, r);
        assertArrayEquals(sent, d.value());
        assertReason(d, "original-unknown", "originalPaymentId", true);
        assertEquals(Topics.TREASURY_PAYMENTS, TestKafka.header(d, DlqHeaders.ORIGINAL_TOPIC));
        given().when().get("/api/payments/{id}", r).then().statusCode(200)
                .body("status", is("REJECTED")).body("rejections[0].reason", is("original-unknown"));
        assertNoLedger(project);
    }

    @Test
    void aConflictingRecordIsRefusedWithItsBytes() {
        String project = Fixtures.publishProject("10000.00");
        String id = Fixtures.paymentId("PV");
        send(payment(id, project, "10.00", "FISCAL"));
        Map<String, Object> changed = payment(id, project, "10.00", "FISCAL");
        changed.put("payee", "另一家公司");
        byte[] sent = sendRaw(project, changed);
        ConsumerRecord<byte[], byte[]> r = dlqOf(project, id);
        assertArrayEquals(sent, r.value());
        assertReason(r, "payment-id-conflict", "paymentId", false);
        given().when().get("/api/projects/{code}/ledger", project).then().statusCode(200)
                .body("entries[0].payee", is("秦皇岛市某某印刷有限公司"));
    }
}
