package io.budgetwatch.execution.voucher;

import com.fasterxml.jackson.databind.JsonNode;
import io.budgetwatch.events.Topics;
import io.budgetwatch.execution.support.Fixtures;
import io.budgetwatch.execution.support.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.budgetwatch.execution.voucher.Vouchers.certId;
import static io.budgetwatch.execution.voucher.Vouchers.lower;
import static io.budgetwatch.execution.voucher.Vouchers.paid;
import static io.budgetwatch.execution.voucher.Vouchers.pending;
import static io.budgetwatch.execution.voucher.Vouchers.with;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Voucher states over POST /api/pay-vouchers, against the real PostgreSQL and broker: pending then paid, re-sends
 * moving the ledger by compensating entries, deletion, stale and conflicting states, both element name cases, and
 * the entries reaching execution.ledger and execution.project-totals as payments do.
 */
@QuarkusTest
class VoucherIngestionTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    static io.restassured.response.ValidatableResponse post(Object body) {
        return given().contentType(ContentType.JSON).body(Fixtures.bytes(body)).post("/api/pay-vouchers").then();
    }

    static JsonPath ledger(String project) {
        return given().queryParam("limit", 1000).get("/api/projects/{code}/ledger", project).then().statusCode(200)
                .extract().jsonPath();
    }

    static JsonPath voucher(String id) {
        return given().get("/api/pay-vouchers/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void pendingThenPaidCountsOnceAtThePaidAmount() {
        String project = Fixtures.publishProject("10000.00");
        String id = certId();
        post(pending(id, project, "1000.00", "2021-05-10 09:00:00")).statusCode(202).body("status", is("APPLIED"))
                .body("counts", is(false)).body("entries", nullValue());
        assertEquals("0.00", ledger(project).getString("executed.total"));
        JsonPath shown = voucher(id);
        assertEquals("PENDING", shown.getString("status"));
        assertTrue(shown.get("counted") == null);

        post(paid(id, project, "998.50", "2021-05-12 10:30:00", "2021-05-12 10:31:05")).statusCode(202)
                .body("status", is("APPLIED")).body("counts", is(true)).body("entries.size()", is(1))
                .body("entries[0].amount", is("998.50"));
        // the same paid state again (a re-send): nothing moves
        post(paid(id, project, "998.50", "2021-05-12 10:30:00", "2021-05-12 10:31:05")).statusCode(202)
                .body("status", is("DUPLICATE"));
        JsonPath l = ledger(project);
        assertEquals("998.50", l.getString("executed.total"));
        assertEquals("998.50", l.getString("executed.fiscal"));
        assertEquals(1, l.getInt("entryCount"));
        assertEquals("VOUCHER", l.getString("entries[0].kind"));
        assertEquals("2021-05-12", l.getString("entries[0].paidOn"));
        assertEquals("NO" + id.substring(2, 14), l.getString("entries[0].paymentId"));
        assertEquals(id + "#20210512103105", l.getString("entries[0].entryId"));
        assertEquals("秦皇岛市某某印刷有限公司", l.getString("entries[0].payee"));

        shown = voucher(id);
        assertEquals("PAID", shown.getString("status"));
        assertEquals("998.50", shown.getString("counted.amount"));
        assertEquals("2021-05-12 10:31:05", shown.getString("updateTime"));
        assertEquals(List.of("APPLIED", "APPLIED"), shown.getList("states.status"));
        assertEquals(List.of(false, true), shown.getList("states.current"));
        assertEquals(List.of(false, true), shown.getList("states.counts"));
        assertEquals(0, shown.getList("states[0].entries").size());
        assertEquals(1, shown.getList("states[1].entries").size());
        assertEquals("998.50", shown.getString("states[1].record.xpay_amt"));
        assertEquals("中共秦皇岛市山海关区委统战部本级", shown.getString("states[1].record.agency_name"));
    }

    @Test
    void laterResendsMoveTheLedgerByTheDifferenceAndDeletionReversesIt() {
        String project = Fixtures.publishProject("10000.00");
        String id = certId();
        post(paid(id, project, "1000.00", "2021-05-12", "2021-05-12 10:00:00")).statusCode(202);
        post(paid(id, project, "950.00", "2021-05-12", "2021-05-13 09:00:00")).statusCode(202)
                .body("entries.size()", is(1)).body("entries[0].amount", is("-50.00"))
                .body("entries[0].projectExecutedTotal", is("950.00"));
        assertEquals("950.00", ledger(project).getString("executed.total"));

        // an earlier state arriving late: recorded as stale, never applied
        post(paid(id, project, "700.00", "2021-05-12", "2021-05-12 12:00:00")).statusCode(202)
                .body("status", is("STALE")).body("entries", nullValue());
        // another content under a time already received: a conflict, recorded, refused, never applied
        post(paid(id, project, "1.00", "2021-05-12", "2021-05-13 09:00:00")).statusCode(409)
                .body("code", is("voucher-state-conflict")).body("field", is("UPDATE_TIME"));
        assertEquals("950.00", ledger(project).getString("executed.total"));

        // IS_DELETED = 1 (作废): what it counted is reversed
        post(with(paid(id, project, "950.00", "2021-05-12", "2021-05-20 08:00:00"), "IS_DELETED", "1"))
                .statusCode(202).body("status", is("APPLIED")).body("counts", is(false))
                .body("entries[0].role", is("REVERSAL")).body("entries[0].amount", is("-950.00"));
        JsonPath l = ledger(project);
        assertEquals("0.00", l.getString("executed.total"));
        assertEquals(List.of("1000.00", "-50.00", "-950.00"), l.getList("entries.amount"));

        JsonPath shown = voucher(id);
        assertEquals("CANCELLED", shown.getString("status"));
        assertEquals(List.of("APPLIED", "STALE", "APPLIED", "CONFLICT", "APPLIED"), shown.getList("states.status"));
        assertEquals(List.of(false, false, false, false, true), shown.getList("states.current"));
        // every entry points at the state that made it
        List<Integer> entriesPerState = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            entriesPerState.add(shown.getList("states[" + i + "].entries").size());
        }
        assertEquals(List.of(1, 0, 1, 0, 1), entriesPerState);
        assertEquals(id + "#20210520080000#reversal", shown.getString("states[4].entries[0].entryId"));
    }

    @Test
    void aVoucherMovedToAnotherProjectLeavesTheOldOneAndCountsOnTheNew() {
        String from = Fixtures.publishProject("5000.00");
        String to = Fixtures.publishProject("5000.00");
        String id = certId();
        post(paid(id, from, "800.00", "2021-06-01", "2021-06-01 10:00:00")).statusCode(202);
        post(with(paid(id, to, "800.00", "2021-06-01", "2021-06-02 10:00:00"), "FUND_TYPE_CODE", "5"))
                .statusCode(202).body("entries.role", is(List.of("REVERSAL", "PRIMARY")));
        assertEquals("0.00", ledger(from).getString("executed.total"));
        JsonPath l = ledger(to);
        assertEquals("800.00", l.getString("executed.total"));
        assertEquals("800.00", l.getString("executed.other"));
        assertEquals(to, voucher(id).getString("projectCode"));
    }

    @Test
    void upperAndLowerCaseElementNamesGiveIdenticalResults() {
        String upperProject = Fixtures.publishProject("10000.00");
        String lowerProject = Fixtures.publishProject("10000.00");
        String upperId = certId();
        String lowerId = certId();
        Map<String, Object> up = paid(upperId, upperProject, "1234.56", "2021-05-12 10:30:00", "2021-05-12 10:31:05");
        Map<String, Object> low = lower(paid(lowerId, lowerProject, "1234.56", "2021-05-12 10:30:00",
                "2021-05-12 10:31:05"));
        post(up).statusCode(202).body("status", is("APPLIED"));
        post(low).statusCode(202).body("status", is("APPLIED"));
        JsonPath a = ledger(upperProject);
        JsonPath b = ledger(lowerProject);
        for (String field : new String[] {"executed.total", "executed.fiscal", "executed.other", "entryCount",
                "entries[0].amount", "entries[0].paidOn", "entries[0].fundSource", "entries[0].payee",
                "entries[0].purpose", "entries[0].kind"}) {
            assertEquals(a.getString(field), b.getString(field), field);
        }
        // the upper-case record again in lower case is the same state: a duplicate
        post(lower(up)).statusCode(202).body("status", is("DUPLICATE"));
        assertEquals(1, voucher(upperId).getList("states").size());
    }

    @Test
    void anArrayIsAnsweredPerItemAndRefusalsCarryTheirReason() {
        String project = Fixtures.publishProject("10000.00");
        String id = certId();
        List<Object> body = List.of(
                paid(id, project, "100.00", "2021-05-12", "2021-05-12 10:00:00"),
                with(paid(certId(), project, "100.00", "2021-05-12", "2021-05-12 10:00:00"), "FUND_TYPE_CODE", "77"),
                with(paid(certId(), project, "100.00", "2021-05-12", "2021-05-12 10:00:00"), "XPAY_AMT", "1e3"),
                with(paid(certId(), Fixtures.projectCode(), "100.00", "2021-05-12", "2021-05-12 10:00:00"),
                        "FISCAL_YEAR", 2021));
        JsonPath answer = post(body).statusCode(207).extract().jsonPath();
        assertEquals(List.of("APPLIED", "REJECTED", "REJECTED", "REJECTED"), answer.getList("results.status"));
        assertEquals("unknown-fund-type", answer.getString("results[1].problem.code"));
        assertEquals("FUND_TYPE_CODE", answer.getString("results[1].problem.field"));
        assertEquals("invalid-field", answer.getString("results[2].problem.code"));
        assertEquals("XPAY_AMT", answer.getString("results[2].problem.field"));
        assertEquals("unknown-project", answer.getString("results[3].problem.code"));
        assertEquals("100.00", ledger(project).getString("executed.total"));
        post(with(paid(certId(), project, "1.00", "2021-05-12", "2021-05-12 10:00:00"), "FUND_TYPE_CODE", "4"))
                .statusCode(422).body("code", is("unknown-fund-type"));
        given().get("/api/pay-vouchers/{id}", certId()).then().statusCode(404).body("code", is("voucher-not-found"));
    }

    /** Voucher entries leave through the ledger relay as payments do: execution.ledger and execution.project-totals. */
    @Test
    void voucherEntriesReachTheLedgerAndTotalsTopicsAsPaymentsDo() {
        String project = Fixtures.publishProject("10000.00");
        String id = certId();
        post(paid(id, project, "300.00", "2021-05-12", "2021-05-12 10:00:00")).statusCode(202);
        post(paid(id, project, "320.00", "2021-05-12", "2021-05-14 10:00:00")).statusCode(202);
        List<ConsumerRecord<byte[], byte[]>> entries = TestKafka.read(Topics.LEDGER,
                r -> project.equals(TestKafka.key(r)), 2, WAIT);
        assertEquals(2, entries.size());
        assertEquals(id + "#20210514100000", TestKafka.header(entries.get(1), Topics.HEADER_EVENT_ID));
        JsonNode second = json(entries.get(1));
        assertEquals("VOUCHER", second.get("kind").asText());
        assertEquals("20.00", second.get("amount").asText());
        assertEquals("320.00", second.get("projectExecutedTotal").asText());
        List<ConsumerRecord<byte[], byte[]>> totals = TestKafka.read(Topics.PROJECT_TOTALS,
                r -> project.equals(TestKafka.key(r)), 2, WAIT);
        assertEquals(2, totals.size());
        BigDecimal sum = BigDecimal.ZERO;
        for (ConsumerRecord<byte[], byte[]> t : totals) {
            for (JsonNode day : json(t).get("days")) {
                assertEquals("2021-05-12", day.get("paidOn").asText());
                sum = sum.add(new BigDecimal(day.get("amount").asText()));
            }
        }
        assertEquals(new BigDecimal("320.00"), sum);
        assertEquals("320.00", json(totals.get(1)).get("projectExecutedTotal").asText());
        assertFalse(json(totals.get(1)).get("overspend").asBoolean());
        assertTrue(json(totals.get(0)).get("eventId").asText().startsWith(project + "@"));
    }

    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    private String xmin(String sql, String id) {
        return pool.preparedQuery(sql).execute(io.vertx.mutiny.sqlclient.Tuple.of(id)).await().atMost(WAIT)
                .iterator().next().getString(0);
    }

    @Test
    void aPostIsAuditedInTheTransactionOfItsStatesWhichCannotBeChanged() {
        String project = Fixtures.publishProject("10000.00");
        String id = certId();
        post(pending(id, project, "10.00", "2021-05-10 09:00:00")).statusCode(202);
        post(pending(id, project, "10.00", "2021-05-10 09:00:00")).statusCode(202).body("status", is("DUPLICATE"));
        List<Map<String, Object>> records = given().get("/api/audit?action=pay-voucher.post&limit=1000").then()
                .statusCode(200).extract().jsonPath().getList("records");
        List<Map<String, Object>> mine = records.stream().filter(r -> id.equals(r.get("target"))).toList();
        assertEquals(1, mine.size(), "one record: the duplicate stored nothing");
        assertEquals(Fixtures.AGENCY, mine.get(0).get("agencyCode"));
        assertTrue(((String) mine.get(0).get("summary")).contains("1 records, applied 1"),
                (String) mine.get(0).get("summary"));
        assertEquals(xmin("SELECT xmin::text FROM voucher_state WHERE pay_cert_id = $1", id),
                xmin("SELECT xmin::text FROM audit_record WHERE action = 'pay-voucher.post' AND target = $1", id));
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> pool.preparedQuery(
                "UPDATE voucher_state SET status = 'STALE' WHERE pay_cert_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(id)).await().atMost(WAIT));
    }

    static JsonNode json(ConsumerRecord<byte[], byte[]> r) {
        try {
            return Fixtures.JSON.readTree(r.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
