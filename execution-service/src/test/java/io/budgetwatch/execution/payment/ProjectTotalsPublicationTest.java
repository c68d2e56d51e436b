package io.budgetwatch.execution.payment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.budgetwatch.events.ProjectTotalsEvent;
import io.budgetwatch.events.Topics;
import io.budgetwatch.execution.ledger.LedgerRelay;
import io.budgetwatch.execution.support.Fixtures;
import io.budgetwatch.execution.support.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.budgetwatch.execution.payment.PaymentIngestionTest.awaitExecuted;
import static io.budgetwatch.execution.support.Fixtures.correction;
import static io.budgetwatch.execution.support.Fixtures.payment;
import static io.budgetwatch.execution.support.Fixtures.refund;
import static io.budgetwatch.execution.support.Fixtures.send;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * execution.project-totals: one event per ledger write and project, whose sums are the write's entries of the
 * project per day and fund, cut the same from the table as from memory. This class runs the relay from the table
 * only, in rounds of 7 entries, so that rounds end inside writes and a write of 10 entries is read in two parts;
 * {@link LedgerPublicationTest} checks the in-memory path with the same assertion.
 */
@QuarkusTest
@TestProfile(ProjectTotalsPublicationTest.TableOnlyRelay.class)
class ProjectTotalsPublicationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    public static class TableOnlyRelay implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("budgetwatch.execution.ledger-relay.memory-limit", "0",
                    "budgetwatch.execution.ledger-relay.batch-size", "7");
        }
    }

    @Inject
    LedgerRelay relay;

    @Inject
    Pool pool;

    @Test
    void eachWriteGivesOneEventPerProjectWithItsSumsPerDayAndFund() {
        String a = Fixtures.publishProject("100000.00");
        String b = Fixtures.publishProject("400.00");
        long fromTableBefore = relay.counters().get("ledgerPublishedFromTable");
        List<Map<String, Object>> write = new ArrayList<>();
        String[] days = {"2021-03-01", "2021-03-01", "2021-03-02", "2021-04-30", "2021-05-01"};
        for (int i = 0; i < 10; i++) { // one HTTP request: one ledger write of 10 entries on two projects
            Map<String, Object> p = payment(Fixtures.paymentId("PV"), i % 3 == 2 ? b : a, (100 + i) + ".10",
                    i % 2 == 0 ? "FISCAL" : "OTHER");
            p.put("paidOn", days[i % days.length]);
            write.add(p);
        }
        given().contentType("application/json").body(Fixtures.bytes(write)).post("/api/payments").then()
                .statusCode(202);
        awaitExecuted(b, "315.30", 3); // 102.10 + 105.10 + 108.10 on b (i = 2, 5, 8)
        String first = (String) write.get(0).get("paymentId");
        send(refund(Fixtures.paymentId("RF"), first, a, "40.05", "FISCAL"));
        send(correction(Fixtures.paymentId("CR"), (String) write.get(1).get("paymentId"), b, "90.00", "OTHER"));
        awaitExecuted(b, "405.30", 4); // overspends b

        assertProjectTotalsMatchLedger(pool, a);
        assertProjectTotalsMatchLedger(pool, b);
        // 10 payments, a refund, a correction's two entries: all read back from the table
        assertTrue(relay.counters().get("ledgerPublishedFromTable") >= fromTableBefore + 13);
    }

    /**
     * The project's events on execution.project-totals are, in order, one per ledger write holding its entries:
     * positions, count, sums per day and fund, running totals after the write and the overspend flag.
     */
    static void assertProjectTotalsMatchLedger(Pool pool, String project) {
        Map<Long, Expected> writes = new LinkedHashMap<>();
        for (Row row : pool.preparedQuery("""
                        SELECT write_id, seq, paid_on, fund_source, (amount * 100)::bigint AS fen, overspend,
                            project_total, project_fiscal, project_other
                        FROM ledger_entry WHERE project_code = $1 ORDER BY seq""")
                .execute(Tuple.of(project)).await().atMost(WAIT)) {
            Expected e = writes.computeIfAbsent(row.getLong("write_id"), w -> new Expected(row.getLong("seq")));
            e.toSeq = row.getLong("seq");
            e.entries++;
            e.days.merge(row.getLocalDate("paid_on") + " " + row.getString("fund_source"),
                    new long[] {row.getLong("fen"), 1}, (x, y) -> new long[] {x[0] + y[0], x[1] + y[1]});
            e.overspend |= row.getBoolean("overspend");
            e.totals = List.of(row.getBigDecimal("project_total"), row.getBigDecimal("project_fiscal"),
                    row.getBigDecimal("project_other"));
        }
        List<ConsumerRecord<byte[], byte[]>> records = TestKafka.read(Topics.PROJECT_TOTALS,
                r -> project.equals(TestKafka.key(r)), writes.size(), WAIT);
        assertEquals(writes.size(), records.size(), "project-totals events of " + project);
        int i = 0;
        for (Expected want : writes.values()) {
            ProjectTotalsEvent got = read(records.get(i++));
            assertEquals(ProjectTotalsEvent.eventId(project, want.fromSeq, want.toSeq), got.eventId());
            assertEquals(ProjectTotalsEvent.eventId(project, want.fromSeq, want.toSeq),
                    TestKafka.header(records.get(i - 1), Topics.HEADER_EVENT_ID));
            assertEquals(want.fromSeq, got.fromSeq());
            assertEquals(want.toSeq, got.toSeq());
            assertEquals(want.entries, got.entries());
            Map<String, long[]> gotDays = new LinkedHashMap<>();
            got.days().forEach(d -> gotDays.put(d.paidOn() + " " + d.fundSource(),
                    new long[] {d.amount().movePointRight(2).longValueExact(), d.entries()}));
            assertEquals(want.days.keySet().stream().sorted().toList(), List.copyOf(gotDays.keySet()),
                    "days of " + got.eventId() + ", in date and fund order");
            want.days.forEach((k, v) -> assertEquals(List.of(v[0], v[1]), List.of(gotDays.get(k)[0],
                    gotDays.get(k)[1]), k));
            assertEquals(want.totals, List.of(got.projectExecutedTotal(), got.projectExecutedFiscal(),
                    got.projectExecutedOther()));
            assertEquals(want.overspend, got.overspend());
            assertEquals(Fixtures.AGENCY, got.agencyCode());
        }
    }

    private static ProjectTotalsEvent read(ConsumerRecord<byte[], byte[]> record) {
        try {
            return JSON.readValue(record.value(), ProjectTotalsEvent.class);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static final class Expected {
        final long fromSeq;
        long toSeq;
        int entries;
        final Map<String, long[]> days = new LinkedHashMap<>();
        boolean overspend;
        List<BigDecimal> totals;

        Expected(long fromSeq) {
            this.fromSeq = fromSeq;
        }
    }
}
