package io.budgetwatch.execution.payment;

import io.budgetwatch.execution.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.budgetwatch.execution.support.Fixtures.payment;
import static io.budgetwatch.execution.support.Fixtures.refund;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

/** POST /api/payments: same rules as the topic, answered item by item. */
@QuarkusTest
class PaymentHttpTest {

    static io.restassured.response.ValidatableResponse post(Object body) {
        return given().contentType(ContentType.JSON).body(Fixtures.bytes(body)).when().post("/api/payments").then();
    }

    @Test
    void theProjectLedgerPagesThroughEveryEntryInLedgerOrderAcrossWrites() {
        String project = Fixtures.publishProject("100000.00");
        String other = Fixtures.publishProject("100000.00");
        List<String> expected = new java.util.ArrayList<>();
        for (int write = 0; write < 4; write++) { // four writes; each also holds an entry of another project
            List<Map<String, Object>> items = new java.util.ArrayList<>();
            for (int i = 0; i <= write; i++) {
                String id = Fixtures.paymentId("PG");
                items.add(payment(id, project, (write + 1) + "." + i + "0", "FISCAL"));
                expected.add(id);
                items.add(payment(Fixtures.paymentId("PO"), other, "1.00", "OTHER"));
            }
            post(items).statusCode(202).body("accepted", is(items.size()));
        }
        List<String> paged = new java.util.ArrayList<>();
        long after = 0;
        int pages = 0;
        while (true) {
            io.restassured.path.json.JsonPath page = given().when()
                    .get("/api/projects/{code}/ledger?limit=3&afterSeq={after}", project, after)
                    .then().statusCode(200).body("entryCount", is(10)).extract().jsonPath();
            List<String> ids = page.getList("entries.entryId", String.class);
            List<Long> seqs = page.getList("entries.seq", Long.class);
            org.junit.jupiter.api.Assertions.assertTrue(ids.size() <= 3);
            seqs.forEach(seq -> org.junit.jupiter.api.Assertions.assertTrue(seq > 0));
            paged.addAll(ids);
            pages++;
            Long next = page.getObject("nextAfterSeq", Long.class);
            if (next == null) {
                break;
            }
            org.junit.jupiter.api.Assertions.assertEquals(seqs.get(seqs.size() - 1), next);
            after = next;
        }
        org.junit.jupiter.api.Assertions.assertEquals(expected, paged, "every entry once, in ledger order");
        org.junit.jupiter.api.Assertions.assertEquals(4, pages);
    }

    @Test
    void oneValidRecordIsAcceptedAndInTheLedgerRightAway() {
        String project = Fixtures.publishProject("5000.00");
        String id = Fixtures.paymentId("HTTP");
        post(payment(id, project, "123.45", "OTHER")).statusCode(202)
                .body("paymentId", is(id))
                .body("status", is("APPLIED"))
                .body("entries[0].amount", is("123.45"))
                .body("entries[0].projectExecutedTotal", is("123.45"));
        given().when().get("/api/projects/{code}/ledger", project).then().statusCode(200)
                .body("executed.other", is("123.45"))
                .body("entries[0].source", is("HTTP"));
        given().when().get("/api/payments/{id}", id).then().statusCode(200)
                .body("payee", is("秦皇岛市某某印刷有限公司"))
                .body("authorityDocNo", is("秦山财预〔2021〕12号"))
                .body("remaining", is("123.45"));
        // the same record again: an accepted no-op
        post(payment(id, project, "123.45", "OTHER")).statusCode(202).body("status", is("DUPLICATE"))
                .body("entries", nullValue());
    }

    @Test
    void aBadFieldIsA422ProblemNamingTheField() {
        String project = Fixtures.publishProject("5000.00");
        Map<String, Object> bad = payment(Fixtures.paymentId("HTTP"), project, "abc", "FISCAL");
        given().contentType(ContentType.JSON).header("Accept-Language", "en").body(Fixtures.bytes(bad))
                .when().post("/api/payments").then().statusCode(422)
                .contentType(containsString("application/problem+json"))
                .body("code", is("invalid-field"))
                .body("field", is("amount"))
                .body("detail", containsString("amount is not a decimal number"));
        Map<String, Object> incomplete = payment(Fixtures.paymentId("HTTP"), project, "1.00", "FISCAL");
        incomplete.remove("fundSource");
        incomplete.remove("kind");
        post(incomplete).statusCode(422)
                .body("code", is("missing-field"))
                .body("field", is("kind"))
                .body("detail", containsString("缺少必填字段 kind"))
                .body("errors.field", contains("kind", "fundSource"));
        given().when().get("/api/projects/{code}/ledger", project).then().body("entryCount", is(0));
    }

    @Test
    void malformedJsonIsA400Problem() {
        given().contentType(ContentType.JSON).body("{\"paymentId\": ").when().post("/api/payments").then()
                .statusCode(400).body("code", is("malformed-json"));
        given().contentType(ContentType.JSON).body("\"text\"").when().post("/api/payments").then()
                .statusCode(400).body("code", is("malformed-json"));
    }

    @Test
    void businessRefusalsOfOneRecordAreProblemsToo() {
        String unknown = Fixtures.projectCode();
        post(payment(Fixtures.paymentId("HTTP"), unknown, "1.00", "FISCAL")).statusCode(422)
                .body("code", is("unknown-project")).body("field", is("projectCode"));
        String project = Fixtures.publishProject("5000.00");
        String id = Fixtures.paymentId("HTTP");
        post(payment(id, project, "10.00", "FISCAL")).statusCode(202);
        post(payment(id, project, "11.00", "FISCAL")).statusCode(409)
                .body("code", is("payment-id-conflict")).body("field", is("paymentId"));
        post(refund(Fixtures.paymentId("HTTP"), id, project, "10.01", "FISCAL")).statusCode(422)
                .body("code", is("refund-exceeds-remaining"))
                .body("context.remaining", is("10.00"));
        given().queryParam("paymentId", id).when().get("/api/payment-conflicts").then().statusCode(200)
                .body("[0].incoming.amount", is("11.00")).body("[0].source", is("HTTP"));
    }

    @Test
    void anArrayIsAnsweredItemByItem() {
        String project = Fixtures.publishProject("5000.00");
        String a = Fixtures.paymentId("HTTP");
        String b = Fixtures.paymentId("HTTP");
        post(List.of(payment(a, project, "1.00", "FISCAL"), payment(b, project, "2.00", "FISCAL"),
                payment(a, project, "1.00", "FISCAL"))).statusCode(202)
                .body("received", is(3)).body("accepted", is(3)).body("rejected", is(0))
                .body("results.status", contains("APPLIED", "APPLIED", "DUPLICATE"));

        String c = Fixtures.paymentId("HTTP");
        String d = Fixtures.paymentId("HTTP");
        Map<String, Object> bad = payment(d, project, "2.00", "CASH");
        post(List.of(payment(c, project, "3.00", "FISCAL"), bad, payment(a, project, "9.99", "FISCAL"))).statusCode(207)
                .body("accepted", is(1)).body("rejected", is(2))
                .body("results.status", contains("APPLIED", "REJECTED", "REJECTED"))
                .body("results[1].problem.code", is("invalid-field"))
                .body("results[1].problem.field", is("fundSource"))
                .body("results[1].problem.status", is(422))
                .body("results[2].problem.code", is("payment-id-conflict"))
                .body("results[2].problem.status", is(409));
        given().when().get("/api/projects/{code}/ledger", project).then().statusCode(200)
                .body("executed.total", is("6.00")).body("entryCount", is(3));
    }

    @Test
    void aRefundBeforeItsOriginalInTheSameRequestIsAppliedOnceTheOriginalIsIn() {
        String project = Fixtures.publishProject("5000.00");
        String p = Fixtures.paymentId("HTTP");
        String r = Fixtures.paymentId("HTTP");
        post(List.of(refund(r, p, project, "4.00", "FISCAL"), payment(p, project, "10.00", "FISCAL"))).statusCode(202)
                .body("results.status", contains("APPLIED", "APPLIED"))
                .body("results[0].entries[0].amount", is("-4.00"));
        given().when().get("/api/projects/{code}/ledger", project).then()
                .body("executed.total", is("6.00"))
                .body("entries.entryId", contains(p, r));
    }

    @Test
    void aRefundOfARefundInTheSameBatchIsRefusedNotHeld() {
        String project = Fixtures.publishProject("5000.00");
        String p = Fixtures.paymentId("HTTP");
        String r1 = Fixtures.paymentId("HTTP");
        String r2 = Fixtures.paymentId("HTTP");
        post(List.of(payment(p, project, "10.00", "FISCAL"), refund(r1, p, project, "4.00", "FISCAL"),
                refund(r2, r1, project, "1.00", "FISCAL"))).statusCode(207)
                .body("results.status", contains("APPLIED", "APPLIED", "REJECTED"))
                .body("results[2].problem.code", is("invalid-original"))
                .body("results[2].problem.field", is("originalPaymentId"));
        given().when().get("/api/payments/{id}", r2).then().statusCode(404);
    }

    @Test
    void aRefundOfAnUnknownOriginalIsHeld() {
        String project = Fixtures.publishProject("5000.00");
        String missing = Fixtures.paymentId("HTTP");
        String r = Fixtures.paymentId("HTTP");
        post(refund(r, missing, project, "4.00", "FISCAL")).statusCode(202)
                .body("status", is("HELD")).body("waitingFor", is(missing));
        given().when().get("/api/payments/{id}", r).then().statusCode(200)
                .body("status", is("HELD")).body("amount", is("4.00")).body("entries", hasSize(0));
        post(payment(missing, project, "4.00", "FISCAL")).statusCode(202);
        given().when().get("/api/payments/{id}", r).then().statusCode(200).body("status", is("APPLIED"));
        given().when().get("/api/projects/{code}/ledger", project).then().body("executed.total", is("0.00"));
    }

    @Test
    void anUnknownPaymentIsA404Problem() {
        given().when().get("/api/payments/{id}", "NO-SUCH-PAYMENT").then().statusCode(404)
                .contentType(containsString("application/problem+json"))
                .body("code", is("payment-not-found"));
        given().when().get("/api/projects/{code}/ledger", "NO-SUCH-PROJECT").then().statusCode(404)
                .body("code", is("project-not-found"));
    }
}
