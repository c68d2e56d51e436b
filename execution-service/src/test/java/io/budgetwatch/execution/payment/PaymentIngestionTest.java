package io.budgetwatch.execution.payment;

import com.fasterxml.jackson.databind.JsonNode;
import io.budgetwatch.events.Topics;
import io.budgetwatch.execution.support.Fixtures;
import io.budgetwatch.execution.support.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.budgetwatch.execution.support.Fixtures.correction;
import static io.budgetwatch.execution.support.Fixtures.payment;
import static io.budgetwatch.execution.support.Fixtures.refund;
import static io.budgetwatch.execution.support.Fixtures.send;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** treasury.payments over the real broker into the ledger in the real database, and out on execution.ledger. */
@QuarkusTest
class PaymentIngestionTest {

    @jakarta.inject.Inject
    RecentIds recentIds;

    @jakarta.inject.Inject
    IngestStats stats;

    private static final Duration WAIT = Duration.ofSeconds(30);

    static JsonPath ledger(String project) {
        return given().queryParam("limit", 1000).when().get("/api/projects/{code}/ledger", project)
                .then().statusCode(200).extract().jsonPath();
    }

    static void awaitExecuted(String project, String total, int entries) {
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath l = ledger(project);
            assertEquals(total, l.getString("executed.total"));
            assertEquals(entries, l.getInt("entryCount"));
        });
    }

    static List<ConsumerRecord<byte[], byte[]>> ledgerEvents(String project, int expected) {
        List<ConsumerRecord<byte[], byte[]>> events = TestKafka.read(Topics.LEDGER,
                r -> project.equals(TestKafka.key(r)), expected, WAIT);
        assertEquals(expected, events.size(), "ledger events of " + project);
        return events;
    }

    static JsonNode json(ConsumerRecord<byte[], byte[]> record) {
        try {
            return Fixtures.JSON.readTree(record.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void paymentsReachTheLedgerWithTotalsByFundSourceAndArePublished() {
        String project = Fixtures.publishProject("10000.00");
        String p1 = Fixtures.paymentId("PV");
        String p2 = Fixtures.paymentId("PV");
        send(payment(p1, project, "1200.50", "FISCAL"));
        send(payment(p2, project, "300", "OTHER"));

        awaitExecuted(project, "1500.50", 2);
        JsonPath l = ledger(project);
        assertEquals("1200.50", l.getString("executed.fiscal"));
        assertEquals("300.00", l.getString("executed.other"));
        assertEquals("15.01", l.getString("executionRatePercent"));
        assertFalse(l.getBoolean("overspend"));
        assertEquals(List.of(p1, p2), l.getList("entries.entryId"));
        assertEquals("统战工作宣传资料印刷", l.getString("entries[0].purpose"));

        List<ConsumerRecord<byte[], byte[]>> events = ledgerEvents(project, 2);
        JsonNode first = json(events.get(0));
        assertEquals(p1, first.get("entryId").asText());
        assertEquals(p1, TestKafka.header(events.get(0), Topics.HEADER_EVENT_ID));
        assertEquals("LedgerEntryEvent", TestKafka.header(events.get(0), Topics.HEADER_EVENT_TYPE));
        assertEquals("1200.50", first.get("amount").asText());
        assertEquals("PAYMENT", first.get("kind").asText());
        assertEquals("1200.50", first.get("projectExecutedTotal").asText());
        JsonNode second = json(events.get(1));
        assertEquals("300.00", second.get("amount").asText());
        assertEquals("1500.50", second.get("projectExecutedTotal").asText());
        // Ledger positions: what consumers deduplicate by; the project's later entry has the higher one.
        assertTrue(first.get("seq").asLong() > 0, first.toString());
        assertTrue(second.get("seq").asLong() > first.get("seq").asLong(), second.toString());
        assertEquals("300.00", second.get("projectExecutedOther").asText());
        assertEquals("2021-07-01T01:00:00Z", second.get("recordedAt").asText());
    }

    @Test
    void theSameRecordTwiceIsANoOpAndOtherContentUnderTheSameIdIsAConflict() {
        String project = Fixtures.publishProject("10000.00");
        String id = Fixtures.paymentId("PV");
        Map<String, Object> original = payment(id, project, "100.00", "FISCAL");
        send(original);
        awaitExecuted(project, "100.00", 1);

        // same content, written differently: "100" instead of "100.00", other field order
        Map<String, Object> again = new java.util.TreeMap<>(original);
        again.put("amount", "100");
        send(again);
        Map<String, Object> changed = payment(id, project, "999.00", "FISCAL");
        send(changed);
        String marker = Fixtures.paymentId("PV");
        send(payment(marker, project, "1.00", "FISCAL"));

        awaitExecuted(project, "101.00", 2);
        await().atMost(WAIT).untilAsserted(() -> given().queryParam("projectCode", project)
                .when().get("/api/payment-conflicts").then().statusCode(200)
                .body("size()", org.hamcrest.Matchers.is(1))
                .body("[0].paymentId", org.hamcrest.Matchers.is(id))
                .body("[0].incoming.amount", org.hamcrest.Matchers.is("999.00"))
                .body("[0].source", org.hamcrest.Matchers.is("KAFKA")));
        given().when().get("/api/payments/{id}", id).then().statusCode(200)
                .body("amount", org.hamcrest.Matchers.is("100.00"))
                .body("conflicts", org.hamcrest.Matchers.is(1))
                .body("rejections[0].reason", org.hamcrest.Matchers.is("payment-id-conflict"));
        // only the original was published
        List<ConsumerRecord<byte[], byte[]>> events = ledgerEvents(project, 2);
        assertEquals(List.of(id, marker), events.stream().map(e -> json(e).get("entryId").asText()).toList());
    }

    @Test
    void aDuplicateThisInstanceNoLongerRemembersIsCaughtByTheLedgerKeyAndRetried() {
        String project = Fixtures.publishProject("10000.00");
        String id = Fixtures.paymentId("PV");
        send(payment(id, project, "70.00", "FISCAL"));
        awaitExecuted(project, "70.00", 1);
        recentIds.clear(); // as after a restart
        long missesBefore = stats.snapshot().get("optimisticDedupeMisses");
        send(payment(id, project, "70.00", "FISCAL"));
        Map<String, Object> conflicting = payment(id, project, "71.00", "FISCAL");
        String marker = Fixtures.paymentId("PV");
        send(conflicting);
        send(payment(marker, project, "5.00", "FISCAL"));
        awaitExecuted(project, "75.00", 2);
        assertTrue(stats.snapshot().get("optimisticDedupeMisses") > missesBefore);
        given().queryParam("paymentId", id).when().get("/api/payment-conflicts").then().statusCode(200)
                .body("[0].incoming.amount", org.hamcrest.Matchers.is("71.00"));
    }

    @Test
    void refundsLowerTheExecutedAmountAndAreCappedByWhatRemains() {
        String project = Fixtures.publishProject("10000.00");
        String p = Fixtures.paymentId("PV");
        String r1 = Fixtures.paymentId("RF");
        String r2 = Fixtures.paymentId("RF");
        send(payment(p, project, "1000.00", "FISCAL"));
        send(refund(r1, p, project, "200.00", "FISCAL"));
        send(refund(r2, p, project, "800.00", "FISCAL"));

        awaitExecuted(project, "0.00", 3);
        given().when().get("/api/payments/{id}", p).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.is("APPLIED"))
                .body("remaining", org.hamcrest.Matchers.is("0.00"))
                .body("refunds.paymentId", org.hamcrest.Matchers.contains(r1, r2))
                .body("refunds.amount", org.hamcrest.Matchers.contains("200.00", "800.00"));
        given().when().get("/api/payments/{id}", r1).then().statusCode(200)
                .body("kind", org.hamcrest.Matchers.is("REFUND"))
                .body("amount", org.hamcrest.Matchers.is("200.00"))
                .body("entries[0].amount", org.hamcrest.Matchers.is("-200.00"));
        List<ConsumerRecord<byte[], byte[]>> events = ledgerEvents(project, 3);
        assertEquals("-200.00", json(events.get(1)).get("amount").asText());
        assertEquals(p, json(events.get(1)).get("originalPaymentId").asText());
        assertEquals("0.00", json(events.get(2)).get("projectExecutedTotal").asText());
    }

    @Test
    void aCorrectionMovesWhatRemainsOfThePaymentToAnotherProjectAndAmount() {
        String from = Fixtures.publishProject("10000.00");
        String to = Fixtures.publishProject("10000.00");
        String p = Fixtures.paymentId("PV");
        String r = Fixtures.paymentId("RF");
        String c = Fixtures.paymentId("CR");
        send(payment(p, from, "1000.00", "FISCAL"));
        send(refund(r, p, from, "100.00", "FISCAL"));
        awaitExecuted(from, "900.00", 2);
        send(correction(c, p, to, "850.00", "OTHER"));

        awaitExecuted(from, "0.00", 3);
        awaitExecuted(to, "850.00", 1);
        assertEquals("850.00", ledger(to).getString("executed.other"));
        given().when().get("/api/payments/{id}", c).then().statusCode(200)
                .body("entries.entryId", org.hamcrest.Matchers.contains(c + "#reversal", c))
                .body("entries.amount", org.hamcrest.Matchers.contains("-900.00", "850.00"))
                .body("entries.projectCode", org.hamcrest.Matchers.contains(from, to));
        given().when().get("/api/payments/{id}", p).then().statusCode(200)
                .body("correctedBy", org.hamcrest.Matchers.is(c))
                .body("remaining", org.hamcrest.Matchers.is("0.00"));

        JsonNode reversal = json(ledgerEvents(from, 3).get(2));
        assertEquals(c + "#reversal", reversal.get("entryId").asText());
        assertEquals("CORRECTION", reversal.get("kind").asText());
        assertEquals("-900.00", reversal.get("amount").asText());
        assertEquals("FISCAL", reversal.get("fundSource").asText());
        assertEquals(p, reversal.get("originalPaymentId").asText());
        JsonNode moved = json(ledgerEvents(to, 1).get(0));
        assertEquals("850.00", moved.get("amount").asText());
        assertEquals("OTHER", moved.get("fundSource").asText());
    }

    @Test
    void aRefundArrivingBeforeItsOriginalIsHeldAndAppliedWhenTheOriginalArrives() {
        String project = Fixtures.publishProject("10000.00");
        String p = Fixtures.paymentId("PV");
        String r = Fixtures.paymentId("RF");
        send(refund(r, p, project, "40.00", "FISCAL"));
        await().atMost(WAIT).untilAsserted(() -> given().when().get("/api/payments/{id}", r).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.is("HELD"))
                .body("waitingFor", org.hamcrest.Matchers.is(p)));
        assertEquals(0, ledger(project).getInt("entryCount"));
        // the held record is already known by its id: the same record again is a duplicate, not a second hold
        send(refund(r, p, project, "40.00", "FISCAL"));

        send(payment(p, project, "100.00", "FISCAL"));
        awaitExecuted(project, "60.00", 2);
        given().when().get("/api/payments/{id}", r).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.is("APPLIED"));
        given().when().get("/api/payments/{id}", p).then().statusCode(200)
                .body("remaining", org.hamcrest.Matchers.is("60.00"));
        List<ConsumerRecord<byte[], byte[]>> events = ledgerEvents(project, 2);
        assertEquals(p, json(events.get(0)).get("entryId").asText());
        assertEquals("-40.00", json(events.get(1)).get("amount").asText());
    }

    @Test
    void aPaymentTakingTheProjectPastItsBudgetIsAcceptedAndFlaggedOverspend() {
        String project = Fixtures.publishProject("1000.00");
        String a = Fixtures.paymentId("PV");
        String b = Fixtures.paymentId("PV");
        String c = Fixtures.paymentId("PV");
        send(payment(a, project, "1000.00", "FISCAL"));
        send(payment(b, project, "0.01", "FISCAL"));
        awaitExecuted(project, "1000.01", 2);
        JsonPath l = ledger(project);
        assertTrue(l.getBoolean("overspend"));
        assertEquals(List.of(false, true), l.getList("entries.overspend"));
        assertEquals("100.00", new BigDecimal(l.getString("executionRatePercent")).setScale(2).toPlainString());

        // a budget adjustment (new snapshot version) raises the budget: later entries compare with it
        Fixtures.publish(Fixtures.project(project, 2, "5000.00", "5000.00", "0.00"));
        await().atMost(WAIT).untilAsserted(() -> assertEquals("5000.00", ledger(project).getString("budget.total")));
        send(payment(c, project, "1.00", "FISCAL"));
        awaitExecuted(project, "1001.01", 3);
        assertFalse(ledger(project).getBoolean("overspend"));
        List<ConsumerRecord<byte[], byte[]>> events = ledgerEvents(project, 3);
        assertTrue(json(events.get(1)).get("overspend").asBoolean());
        assertFalse(json(events.get(2)).get("overspend").asBoolean());
    }
}
