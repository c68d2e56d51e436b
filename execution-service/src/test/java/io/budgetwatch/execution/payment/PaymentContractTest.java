package io.budgetwatch.execution.payment;

import io.budgetwatch.events.Topics;
import io.budgetwatch.execution.dlq.DlqHeaders;
import io.budgetwatch.execution.support.Fixtures;
import io.budgetwatch.execution.support.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.budgetwatch.execution.payment.DeadLetterTest.assertNoLedger;
import static io.budgetwatch.execution.payment.DeadLetterTest.assertReason;
import static io.budgetwatch.execution.payment.DeadLetterTest.dlqOf;
import static io.budgetwatch.execution.support.Fixtures.bytes;
import static io.budgetwatch.execution.support.Fixtures.payment;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The records that issue 11 found applied although the published contract refuses them, on both paths: over HTTP
 * (object and array) each answers its reason and field; over Kafka each lands on the DLQ with the bytes as sent and
 * its reason; nothing reaches the ledger.
 */
@QuarkusTest
class PaymentContractTest {

    /** One refused form of a record: what to change in a valid record, and the reason and field expected. */
    record Refused(String what, String field, String jsonValue, String reason) {
    }

    private static final List<Refused> REFUSED = List.of(
            new Refused("exponent as text", "amount", "\"1e3\"", "invalid-field"),
            new Refused("exponent as a JSON number", "amount", "1e3", "invalid-field"),
            new Refused("full-width digits", "amount", "\"１００\"", "invalid-field"),
            new Refused("leading space", "amount", "\" 10.00\"", "invalid-field"),
            new Refused("trailing dot", "amount", "\"10.\"", "invalid-field"),
            new Refused("leading dot", "amount", "\".5\"", "invalid-field"),
            new Refused("plus sign", "amount", "\"+10\"", "invalid-field"),
            new Refused("a 2021 payment dated 2020", "paidOn", "\"2020-12-31\"", "paid-before-fiscal-year"),
            new Refused("a 2021 payment dated 2022 without a settlement window", "paidOn", "\"2022-01-01\"",
                    "paid-after-fiscal-year"),
            new Refused("NUL in the payee", "payee", "\"印刷\\u0000公司\"", "invalid-field"),
            new Refused("unpaired surrogate in the purpose", "purpose", "\"\\ud800\"", "invalid-field"),
            new Refused("a year with a fraction", "fiscalYear", "2021.0", "invalid-field"),
            new Refused("a payee of the wrong type", "payee", "true", "invalid-field"));

    /** A valid record of {@code project} whose {@code field} is written as {@code jsonValue}, as bytes. */
    private static byte[] record(String id, String project, Refused r) {
        Map<String, Object> p = payment(id, project, "10.00", "FISCAL");
        String placeholder = "@@" + r.field() + "@@";
        p.put(r.field(), placeholder);
        String json = new String(bytes(p), StandardCharsets.UTF_8).replace("\"" + placeholder + "\"", r.jsonValue());
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eachRefusedFormAnswersItsReasonOverHttpAndNothingIsApplied() {
        String project = Fixtures.publishProject("100000.00");
        // the project is known once a valid payment is applied
        given().contentType(ContentType.JSON).body(bytes(payment(Fixtures.paymentId("PV"), project, "1.00", "FISCAL")))
                .when().post("/api/payments").then().statusCode(202).body("status", is("APPLIED"));
        for (Refused r : REFUSED) {
            String id = Fixtures.paymentId("PV");
            given().contentType(ContentType.JSON).header("Accept-Language", "en").body(record(id, project, r))
                    .when().post("/api/payments")
                    .then().statusCode(422).contentType(startsWith("application/problem+json"))
                    .body("code", is(r.reason())).body("field", is(r.field()))
                    .body("errors[0].field", is(r.field()));
        }
        given().when().get("/api/projects/{code}/ledger", project).then().statusCode(200)
                .body("entryCount", is(1)).body("executed.total", is("1.00"));
    }

    @Test
    void inAnArrayEachRefusedItemCarriesItsReasonAndTheValidOneIsApplied() {
        String project = Fixtures.publishProject("100000.00");
        List<String> items = new ArrayList<>();
        for (Refused r : REFUSED) {
            items.add(new String(record(Fixtures.paymentId("PV"), project, r), StandardCharsets.UTF_8));
        }
        String valid = Fixtures.paymentId("PV");
        items.add(new String(bytes(payment(valid, project, "2.50", "FISCAL")), StandardCharsets.UTF_8));
        var answer = given().contentType(ContentType.JSON).body("[" + String.join(",\n", items) + "]")
                .when().post("/api/payments").then().statusCode(207)
                .body("received", is(REFUSED.size() + 1)).body("rejected", is(REFUSED.size()))
                .extract().jsonPath();
        for (int i = 0; i < REFUSED.size(); i++) {
            Refused r = REFUSED.get(i);
            org.junit.jupiter.api.Assertions.assertEquals("REJECTED", answer.getString("results[" + i + "].status"), r.what());
            org.junit.jupiter.api.Assertions.assertEquals(r.reason(), answer.getString("results[" + i + "].problem.code"),
                    r.what());
            org.junit.jupiter.api.Assertions.assertEquals(r.field(), answer.getString("results[" + i + "].problem.field"),
                    r.what());
        }
        org.junit.jupiter.api.Assertions.assertEquals("APPLIED", answer.getString("results[" + REFUSED.size() + "].status"));
        given().when().get("/api/projects/{code}/ledger", project).then().statusCode(200)
                .body("entryCount", is(1)).body("executed.total", is("2.50"));
    }

    @Test
    void overKafkaEachRefusedFormGoesToTheDeadLetterTopicWithItsBytes() {
        String project = Fixtures.publishProject("100000.00");
        Map<String, byte[]> sent = new LinkedHashMap<>();
        Map<String, Refused> byId = new LinkedHashMap<>();
        for (Refused r : REFUSED) {
            String id = Fixtures.paymentId("PV");
            byte[] value = record(id, project, r);
            TestKafka.send(Topics.TREASURY_PAYMENTS, project, value);
            sent.put(id, value);
            byId.put(id, r);
        }
        for (Map.Entry<String, byte[]> e : sent.entrySet()) {
            Refused r = byId.get(e.getKey());
            ConsumerRecord<byte[], byte[]> dlq = dlqOf(project, e.getKey());
            assertArrayEquals(e.getValue(), dlq.value(), r.what());
            assertReason(dlq, r.reason(), r.field(), false);
            String message = TestKafka.header(dlq, DlqHeaders.MESSAGE_EN);
            assertTrue(message.indexOf('\u0000') < 0, "no NUL in the reason: " + message);
        }
        assertNoLedger(project);
    }
}
