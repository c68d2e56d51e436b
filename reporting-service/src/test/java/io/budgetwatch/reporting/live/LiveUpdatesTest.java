package io.budgetwatch.reporting.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.events.Topics;
import io.budgetwatch.reporting.LedgerPositions;
import io.budgetwatch.testsupport.KafkaTestClient;
import io.budgetwatch.testsupport.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/live} end to end: changes written by the real consumers and endpoints (from the real topics) arrive
 * as {@code change} messages at the callers who see their agency, and only at them; a notice of a rolled-back
 * transaction never arrives; the heartbeat ({@code %test}: every second instead of 15 s).
 */
@QuarkusTest
class LiveUpdatesTest {

    static final String A = "977701";
    static final String B = "977702";

    @TestHTTPResource("/")
    URI base;

    @Inject
    ObjectMapper mapper;

    @Inject
    LiveFeed feed;

    @Inject
    Pool pool;

    @BeforeEach
    void listening() {
        await().atMost(Duration.ofSeconds(30)).until(() -> feed.listens() > 0);
    }

    @Test
    void aLedgerWriteReachesTheCallersOfItsAgencyAndNoOtherOne() throws Exception {
        String pa = "130303219777010000001";
        String pb = "130303219777020000001";
        try (SseClient a = open(TestTokens.user("manager-" + A).roles("manager").agencies(A).sign());
             SseClient b = open(TestTokens.user("manager-" + B).roles("manager").agencies(B).sign());
             SseClient all = open(TestTokens.user("supervisor-all").roles("supervisor").sign())) {
            assertEquals(200, a.response().statusCode());
            assertTrue(a.response().headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            SseClient.Message first = a.messages().get(0);
            assertEquals(List.of(": ping"), first.comments(), "the stream opens with a ping");
            assertEquals("3000", first.retry(), "and tells the browser how long to wait before reconnecting");

            publish(Topics.PROJECTS, pa, snapshot(A, pa, "1000000.00"));
            await().atMost(Duration.ofSeconds(30)).until(() -> a.changes().contains(change("project", A, pa)));

            List<Long> latencies = new ArrayList<>();
            try (KafkaTestClient kafka = KafkaTestClient.connect()) {
                for (int i = 1; i <= 5; i++) {
                    String payload = mapper.writeValueAsString(totals("live-a-" + i, A, pa, "10.00"));
                    long published = System.nanoTime();
                    kafka.send(Topics.PROJECT_TOTALS, pa, payload);
                    int n = i;
                    await().atMost(Duration.ofSeconds(30)).until(() -> payments(a, A, pa) == n);
                    long arrived = a.messages().stream().filter(m -> change("payment", A, pa).equals(m.data()))
                            .skip(n - 1).findFirst().orElseThrow().arrivedNanos();
                    latencies.add(Duration.ofNanos(arrived - published).toMillis());
                }
            }
            System.out.println("LIVE LATENCY execution.project-totals publish (broker ack) -> SSE message, ms: "
                    + latencies + ", median " + latencies.stream().sorted().toList().get(2));
            await().atMost(Duration.ofSeconds(30)).until(() -> payments(all, A, pa) == 5);

            // the other agency's change arrives at its caller: by then, anything of A would have arrived before it
            publish(Topics.PROJECTS, pb, snapshot(B, pb, "1000000.00"));
            publish(Topics.PROJECT_TOTALS, pb, totals("live-b-1", B, pb, "20.00"));
            await().atMost(Duration.ofSeconds(30)).until(() -> b.changes().contains(change("payment", B, pb)));
            await().atMost(Duration.ofSeconds(30)).until(() -> a.messages().size() > 1
                    && all.changes().contains(change("payment", B, pb)));
            assertFalse(b.changes().stream().anyMatch(c -> c.contains(A) || c.contains(pa)), b.changes().toString());
            assertFalse(a.changes().stream().anyMatch(c -> c.contains(B) || c.contains(pb)), a.changes().toString());
            // (snapshots and totals are two topics: their changes may arrive in either order)
            await().atMost(Duration.ofSeconds(30)).until(() -> all.changes().contains(change("project", B, pb)));
        }
    }

    @Test
    void anAlertItsAcknowledgementAnExplanationAndAnIndicatorReportAreAnnounced() throws Exception {
        String code = "130303219777010000002";
        String manager = TestTokens.user("manager-" + A).roles("manager").agencies(A).sign();
        try (SseClient a = open(manager)) {
            publish(Topics.PROJECTS, code, snapshot(A, code, "100.00"));
            publish(Topics.PROJECT_TOTALS, code, totals("live-alert-1", A, code, "101.00"));
            String alert = change("alert", A, code);
            await().atMost(Duration.ofSeconds(30)).until(() -> a.changes().contains(alert));
            assertEquals(1, a.changes().stream().filter(alert::equals).count(), "the overspend raised");

            given().header("Authorization", "Bearer " + manager).contentType("application/json")
                    .body("{\"by\":\"张会计\",\"comment\":\"已暂停支付\"}")
                    .post("/api/alerts/" + code + ":OVERSPEND:v1/acknowledgement").then().statusCode(200);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> a.changes().stream().filter(alert::equals).count() == 2);

            given().header("Authorization", "Bearer "
                            + TestTokens.user("planner-" + A).roles("planner").agencies(A).sign())
                    .contentType("application/json")
                    .body("{\"explanationId\":\"live-1\",\"monitoringDate\":\"2021-06-30\","
                            + "\"causes\":{\"FUNDING\":\"资金拨付滞后\"},\"likelihood\":\"POSSIBLE\","
                            + "\"expectedFullYear\":{\"amount\":\"100.00\"},\"correctiveMeasures\":\"加快支付\"}")
                    .post("/api/projects/" + code + "/deviation-explanations").then().statusCode(201);
            await().atMost(Duration.ofSeconds(30)).until(() -> a.changes().contains(change("explanation", A, code)));

            publish(Topics.INDICATOR_REPORTS, code, new io.budgetwatch.events.IndicatorReportEvent("live-indicator-1",
                    code, 2021, A, 1, "完成率", new BigDecimal("80"), "%", null, LocalDate.of(2021, 6, 30), "张会计",
                    null, Instant.parse("2021-06-30T02:00:00Z")));
            await().atMost(Duration.ofSeconds(30)).until(() -> a.changes().contains(change("indicator", A, code)));
        }
    }

    @Test
    void aNoticeOfARolledBackTransactionNeverArrives() throws Exception {
        try (SseClient a = open(TestTokens.user("auditor-" + A).roles("auditor").agencies(A).sign())) {
            assertThrows(IllegalStateException.class, () -> pool.withTransaction(tx -> LiveNotices.send(tx,
                            LiveNotices.Kind.PAYMENT, List.of(new LiveNotices.Change(A, 2021, "ROLLEDBACK1")))
                    .chain(() -> Uni.createFrom().failure(new IllegalStateException("rolled back"))))
                    .await().atMost(Duration.ofSeconds(10)));
            pool.withTransaction(tx -> LiveNotices.send(tx, LiveNotices.Kind.PAYMENT,
                    List.of(new LiveNotices.Change(A, 2021, "COMMITTED1")))).await().atMost(Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> a.changes().contains(change("payment", A, "COMMITTED1")));
            assertFalse(a.changes().stream().anyMatch(c -> c.contains("ROLLEDBACK1")), a.changes().toString());
        }
    }

    @Test
    void manyProjectsOfAnAgencyInOneTransactionAreOneNotice() throws Exception {
        try (SseClient a = open(TestTokens.user("planner-" + A).roles("planner").agencies(A).sign())) {
            List<LiveNotices.Change> many = new ArrayList<>();
            IntStream.rangeClosed(1, LiveNotices.PROJECTS_PER_AGENCY + 1)
                    .forEach(i -> many.add(new LiveNotices.Change(A, 2020, "MANY" + i)));
            many.add(many.get(0)); // the same project twice: one notice
            pool.withTransaction(tx -> LiveNotices.send(tx, LiveNotices.Kind.INDICATOR, many))
                    .await().atMost(Duration.ofSeconds(10));
            List<LiveNotices.Change> few = new ArrayList<>();
            IntStream.rangeClosed(1, LiveNotices.PROJECTS_PER_AGENCY).forEach(i -> few.add(new LiveNotices.Change(A,
                    2019, "FEW" + i)));
            few.add(few.get(0));
            pool.withTransaction(tx -> LiveNotices.send(tx, LiveNotices.Kind.INDICATOR, few))
                    .await().atMost(Duration.ofSeconds(10));
            String agencyWide = "{\"type\":\"indicator\",\"agencyCode\":\"" + A + "\",\"fiscalYear\":2020,"
                    + "\"projectCode\":null}";
            await().atMost(Duration.ofSeconds(30)).until(() -> a.changes().stream()
                    .filter(c -> c.contains("\"fiscalYear\":2019")).count() == LiveNotices.PROJECTS_PER_AGENCY);
            assertEquals(List.of(agencyWide), a.changes().stream().filter(c -> c.contains("\"fiscalYear\":2020"))
                    .toList());
            assertEquals(1, a.changes().stream().filter(c -> c.contains("\"FEW1\"")).count());
        }
    }

    @Test
    void aCallerWhoSeesEveryAgencyTakesABatchTouchingTwoThousandAgencies() throws Exception {
        try (SseClient all = open(TestTokens.user("supervisor-all").roles("supervisor").sign())) {
            List<LiveNotices.Change> changes = new ArrayList<>();
            IntStream.range(0, 2000).forEach(i -> changes.add(new LiveNotices.Change("9909" + (10000 + i), 2018,
                    "BURST" + i)));
            long start = System.nanoTime();
            pool.withTransaction(tx -> LiveNotices.send(tx, LiveNotices.Kind.PAYMENT, changes))
                    .await().atMost(Duration.ofSeconds(30));
            long sent = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).until(() -> all.changes().stream()
                    .filter(c -> c.contains("\"fiscalYear\":2018")).count() == 2000);
            System.out.printf("LIVE BURST 2000 notices: sent and committed in %d ms, all on the stream after %d ms%n",
                    Duration.ofNanos(sent - start).toMillis(), Duration.ofNanos(System.nanoTime() - start).toMillis());
            assertFalse(all.ended(), "the stream stays open");
        }
    }

    @Test
    void aStreamEndsWhenTheTokenThatOpenedItExpires() throws Exception {
        try (SseClient shortLived = open(TestTokens.user("manager-" + A).roles("manager").agencies(A).expiresIn(4)
                .sign())) {
            assertFalse(shortLived.ended());
            await().atMost(Duration.ofSeconds(20)).until(shortLived::ended);
        }
    }

    @Test
    void theStreamPingsWhileNothingChanges() throws Exception {
        try (SseClient a = open(TestTokens.user("manager-" + A).roles("manager").agencies(A).sign())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> a.messages().stream()
                    .filter(m -> m.comments().equals(List.of(": ping")) && m.data() == null).count() >= 3);
            assertTrue(a.messages().stream().skip(1).allMatch(m -> m.retry() == null), "retry is sent once");
        }
        // readers only
        given().noFilters().header("Authorization", "Bearer "
                        + TestTokens.user("treasury").roles("treasury").sign())
                .get(LiveResource.PATH).then().statusCode(403);
        given().noFilters().get(LiveResource.PATH).then().statusCode(401);
    }

    @Test
    void whenTheListenerLosesItsConnectionItListensAgainAndTheOpenStreamsEnd() throws Exception {
        String token = TestTokens.user("manager-" + A).roles("manager").agencies(A).sign();
        int listens = feed.listens();
        try (SseClient before = open(token)) {
            int killed = pool.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                            + "WHERE query ILIKE 'LISTEN%" + LiveNotices.CHANNEL + "%'").execute()
                    .await().atMost(Duration.ofSeconds(10)).size();
            assertEquals(1, killed, "one listening connection");
            // the notices of the gap are lost: the open streams end, so that their pages reconnect and re-fetch
            await().atMost(Duration.ofSeconds(30)).until(before::ended);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> feed.listens() > listens);
        try (SseClient after = open(token)) {
            pool.withTransaction(tx -> LiveNotices.send(tx, LiveNotices.Kind.ALERT,
                    List.of(new LiveNotices.Change(A, 2021, "AFTERRECONNECT")))).await().atMost(Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> after.changes().contains(change("alert", A, "AFTERRECONNECT")));
        }
    }

    private SseClient open(String token) throws Exception {
        SseClient client = SseClient.open(base, token);
        // the first ping is sent once the stream takes the feed's changes
        await().atMost(Duration.ofSeconds(10)).until(() -> !client.messages().isEmpty());
        assertNotNull(client.messages().get(0));
        return client;
    }

    private static long payments(SseClient client, String agency, String code) {
        return client.changes().stream().filter(change("payment", agency, code)::equals).count();
    }

    static String change(String type, String agency, String code) {
        return "{\"type\":\"" + type + "\",\"agencyCode\":\"" + agency + "\",\"fiscalYear\":2021,\"projectCode\":"
                + (code == null ? "null" : "\"" + code + "\"") + "}";
    }

    private void publish(String topic, String key, Object event) throws Exception {
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(topic, key, mapper.writeValueAsString(event));
        }
    }

    private static ProjectSnapshot snapshot(String agency, String code, String budget) {
        return new ProjectSnapshot(1, code + ":v1", Instant.parse("2021-01-10T00:00:00Z"), code, 1, 2021, agency,
                "单位" + agency, "实时项目" + code.substring(code.length() - 2),
                new ProjectSnapshot.Budget(new BigDecimal(budget), new BigDecimal(budget), BigDecimal.ZERO.setScale(2)),
                "用途", List.of("目标"),
                List.of(new ProjectSnapshot.PlanPoint(LocalDate.of(2021, 12, 31), new BigDecimal("100.00"))),
                List.of(), List.of(), null);
    }

    private static Object totals(String entryId, String agency, String code, String amount) {
        return LedgerPositions.single(entryId, agency, code, amount, "FISCAL", "2021-06-01",
                Instant.parse("2021-06-01T00:00:00Z"));
    }
}
