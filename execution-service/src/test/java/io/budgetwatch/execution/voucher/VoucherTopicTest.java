package io.budgetwatch.execution.voucher;

import io.budgetwatch.events.Topics;
import io.budgetwatch.execution.dlq.DlqHeaders;
import io.budgetwatch.execution.support.Fixtures;
import io.budgetwatch.execution.support.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.budgetwatch.execution.voucher.Vouchers.certId;
import static io.budgetwatch.execution.voucher.Vouchers.paid;
import static io.budgetwatch.execution.voucher.Vouchers.pending;
import static io.budgetwatch.execution.voucher.Vouchers.with;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * treasury.pay-vouchers over the real broker: re-sends in any order end in the same ledger, refusals land on
 * treasury.pay-vouchers.dlq with the original bytes and reason headers.
 */
@QuarkusTest
class VoucherTopicTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    static void send(Map<String, Object> voucher) {
        TestKafka.send(Topics.TREASURY_PAY_VOUCHERS, (String) voucher.get("PRO_CODE"), Fixtures.bytes(voucher));
    }

    /**
     * The states of 40 vouchers: pending, paid, paid again with another amount (every third moved to the second
     * project, every fourth to other funds), every fifth then deleted. {@code projects} are the two projects.
     */
    static List<List<Map<String, Object>>> states(String[] projects, int seed) {
        Random random = new Random(seed);
        List<List<Map<String, Object>>> vouchers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = certId();
            String amount = (100 + random.nextInt(900)) + "." + (10 + random.nextInt(90));
            String changed = new BigDecimal(amount).add(new BigDecimal(random.nextInt(200) - 100)).max(BigDecimal.ONE)
                    .setScale(2).toPlainString();
            String date = "2021-0" + (3 + i % 6) + "-1" + (i % 9);
            List<Map<String, Object>> s = new ArrayList<>();
            s.add(pending(id, projects[0], amount, date + " 08:00:00"));
            s.add(paid(id, projects[0], amount, date + " 15:00:00", date + " 15:00:01"));
            Map<String, Object> third = paid(id, projects[i % 3 == 0 ? 1 : 0], changed, date + " 15:00:00",
                    date + " 18:30:00");
            s.add(i % 4 == 0 ? with(third, "FUND_TYPE_CODE", "6") : third);
            if (i % 5 == 0) {
                s.add(with(with(third, "IS_DELETED", 1), "UPDATE_TIME", "2021-11-30 09:00:00"));
            }
            vouchers.add(s);
        }
        return vouchers;
    }

    /** Executed total and fiscal part per project after each voucher's last state: what the ledger must hold. */
    static Map<String, BigDecimal[]> expected(List<List<Map<String, Object>>> vouchers, String[] projects) {
        Map<String, BigDecimal[]> sums = new LinkedHashMap<>();
        for (String p : projects) {
            sums.put(p, new BigDecimal[] {BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2)});
        }
        for (List<Map<String, Object>> s : vouchers) {
            Map<String, Object> last = s.get(s.size() - 1);
            if (last.get("XPAY_DATE") != null && !"1".equals(String.valueOf(last.get("IS_DELETED")))) {
                BigDecimal a = new BigDecimal((String) last.get("XPAY_AMT"));
                BigDecimal[] sum = sums.get((String) last.get("PRO_CODE"));
                sum[0] = sum[0].add(a);
                if ("1".equals(last.get("FUND_TYPE_CODE"))) {
                    sum[1] = sum[1].add(a);
                }
            }
        }
        return sums;
    }

    /** The same vouchers (own ids) under other projects. */
    static List<List<Map<String, Object>>> copy(List<List<Map<String, Object>>> vouchers, String[] from, String[] to) {
        List<List<Map<String, Object>>> out = new ArrayList<>();
        for (List<Map<String, Object>> s : vouchers) {
            String id = certId();
            List<Map<String, Object>> c = new ArrayList<>();
            for (Map<String, Object> state : s) {
                Map<String, Object> m = with(with(state, "PAY_CERT_ID", id), "PAY_CERT_NO", "NO" + id.substring(2, 14));
                m.put("PRO_CODE", state.get("PRO_CODE").equals(from[0]) ? to[0] : to[1]);
                c.add(m);
            }
            out.add(c);
        }
        return out;
    }

    static JsonPath ledger(String project) {
        return io.restassured.RestAssured.given().queryParam("limit", 0).get("/api/projects/{code}/ledger", project)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void resendsInAnyOrderEndInTheSameLedger() {
        String[] inOrder = {Fixtures.publishProject("100000.00"), Fixtures.publishProject("100000.00")};
        String[] reversed = {Fixtures.publishProject("100000.00"), Fixtures.publishProject("100000.00")};
        String[] shuffled = {Fixtures.publishProject("100000.00"), Fixtures.publishProject("100000.00")};
        List<List<Map<String, Object>>> a = states(inOrder, 16);
        List<List<Map<String, Object>>> b = copy(a, inOrder, reversed);
        List<List<Map<String, Object>>> c = copy(a, inOrder, shuffled);
        List<Map<String, Object>> sendA = new ArrayList<>();
        a.forEach(sendA::addAll);
        List<Map<String, Object>> sendB = new ArrayList<>();
        b.forEach(sendB::addAll);
        Collections.reverse(sendB);
        List<Map<String, Object>> sendC = new ArrayList<>();
        c.forEach(sendC::addAll);
        Collections.shuffle(sendC, new Random(20210512));
        for (List<Map<String, Object>> batch : List.of(sendA, sendB, sendC)) {
            batch.forEach(VoucherTopicTest::send);
        }
        Map<String, BigDecimal[]> expected = expected(a, inOrder);
        assertTrue(expected.get(inOrder[0]).length == 2 && expected.get(inOrder[0])[0].signum() > 0);
        String[][] sets = {inOrder, reversed, shuffled};
        for (String[] set : sets) {
            for (int p = 0; p < 2; p++) {
                String project = set[p];
                BigDecimal[] want = expected.get(inOrder[p]);
                await().atMost(WAIT).untilAsserted(() -> {
                    JsonPath l = ledger(project);
                    assertEquals(want[0].toPlainString(), l.getString("executed.total"), project);
                    assertEquals(want[1].toPlainString(), l.getString("executed.fiscal"), project);
                });
            }
        }
        // the voucher's view agrees: the last state counts, whatever arrived first
        List<Map<String, Object>> lastB = b.get(1);
        JsonPath v = io.restassured.RestAssured.given().get("/api/pay-vouchers/{id}", lastB.get(0).get("PAY_CERT_ID"))
                .then().statusCode(200).extract().jsonPath();
        assertEquals(lastB.get(lastB.size() - 1).get("UPDATE_TIME"), v.getString("updateTime"));
        assertEquals(lastB.size(), v.getList("states").size());
    }

    static ConsumerRecord<byte[], byte[]> dlqOf(String id) {
        List<ConsumerRecord<byte[], byte[]>> found = TestKafka.read(Topics.TREASURY_PAY_VOUCHERS_DLQ,
                r -> id.equals(TestKafka.header(r, DlqHeaders.PAYMENT_ID)), 1, WAIT);
        assertEquals(1, found.size(), "DLQ records of " + id);
        return found.get(0);
    }

    @Test
    void unmappedFundTypesBadAmountsAndConflictsGoToTheDeadLetterTopicWithReasons() {
        String project = Fixtures.publishProject("10000.00");
        String unmapped = certId();
        String badAmount = certId();
        String conflicting = certId();
        byte[] unmappedBytes = Fixtures.bytes(with(paid(unmapped, project, "10.00", "2021-05-12", "2021-05-12 10:00:00"),
                "FUND_TYPE_CODE", "4"));
        byte[] badAmountBytes = Fixtures.bytes(Vouchers.lower(with(paid(badAmount, project, "10.00", "2021-05-12",
                "2021-05-12 10:00:00"), "XPAY_AMT", "１０.00")));
        TestKafka.send(Topics.TREASURY_PAY_VOUCHERS, project, unmappedBytes);
        TestKafka.send(Topics.TREASURY_PAY_VOUCHERS, project, badAmountBytes);
        send(paid(conflicting, project, "20.00", "2021-05-12", "2021-05-12 10:00:00"));
        send(paid(conflicting, project, "21.00", "2021-05-12", "2021-05-12 10:00:00"));

        ConsumerRecord<byte[], byte[]> r = dlqOf(unmapped);
        assertEquals("unknown-fund-type", TestKafka.header(r, DlqHeaders.REASON));
        assertEquals("FUND_TYPE_CODE", TestKafka.header(r, DlqHeaders.FIELD));
        assertEquals("true", TestKafka.header(r, DlqHeaders.RETRYABLE));
        assertEquals("RejectedPayVoucher", TestKafka.header(r, Topics.HEADER_EVENT_TYPE));
        assertEquals(Topics.TREASURY_PAY_VOUCHERS, TestKafka.header(r, DlqHeaders.ORIGINAL_TOPIC));
        assertArrayEquals(unmappedBytes, r.value());
        assertArrayEquals(project.getBytes(StandardCharsets.UTF_8), r.key());

        r = dlqOf(badAmount);
        assertEquals("invalid-field", TestKafka.header(r, DlqHeaders.REASON));
        assertEquals("XPAY_AMT", TestKafka.header(r, DlqHeaders.FIELD));
        assertEquals("false", TestKafka.header(r, DlqHeaders.RETRYABLE));
        assertArrayEquals(badAmountBytes, r.value());

        r = dlqOf(conflicting);
        assertEquals("voucher-state-conflict", TestKafka.header(r, DlqHeaders.REASON));
        assertTrue(new String(r.value(), StandardCharsets.UTF_8).contains("\"XPAY_AMT\":\"21.00\""));

        // only the first state of the conflicting voucher counts; the refusals are shown with the voucher
        await().atMost(WAIT).untilAsserted(() -> assertEquals("20.00", ledger(project).getString("executed.total")));
        JsonPath v = io.restassured.RestAssured.given().get("/api/pay-vouchers/{id}", conflicting).then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of("APPLIED", "CONFLICT"), v.getList("states.status"));
        assertEquals("voucher-state-conflict", v.getString("rejections[0].reason"));
        io.restassured.RestAssured.given().get("/api/pay-vouchers/{id}", unmapped).then().statusCode(404);
        // a voucher's refusals are not a payment's
        io.restassured.RestAssured.given().get("/api/payments/{id}", unmapped).then().statusCode(404);
    }
}
