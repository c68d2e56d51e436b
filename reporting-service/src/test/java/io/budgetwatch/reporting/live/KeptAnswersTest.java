package io.budgetwatch.reporting.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetwatch.reporting.overview.ViewsSeed;
import io.budgetwatch.testsupport.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The bureau's agency lines and the agency overview are kept between requests until something of their agency is
 * heard to change ({@link ChangeVersions}). Shown with a write that announces nothing (straight into the table, as no
 * writer of the service does): the kept answers stay as they were, only for that agency, until a notice of the agency
 * arrives; a page that re-fetches on a live message gets the change; a read-model reset drops everything kept.
 */
@QuarkusTest
class KeptAnswersTest {

    static final String A = "997701";
    static final String B = "997702";
    static final String PA = "130303219977010000001";
    static final String PB = "130303219977020000001";
    static final String PERIOD = "year=2021&asOf=2021-06-30";

    @TestHTTPResource("/")
    URI base;

    @Inject
    ObjectMapper mapper;

    @Inject
    Pool pool;

    @Inject
    LiveFeed feed;

    private static boolean seeded;

    @BeforeEach
    void seed() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> feed.listens() > 0);
        if (!seeded) {
            try (ViewsSeed seed = new ViewsSeed(mapper)) {
                seed.project(A, "甲单位", PA, 2021, "甲项目", "10000.00", "10000.00", "0.00", List.of());
                seed.project(B, "乙单位", PB, 2021, "乙项目", "10000.00", "10000.00", "0.00", List.of());
                seed.payment("kept-a1", A, PA, 2021, "2000.00", "FISCAL", "2021-03-10");
                seed.payment("kept-b1", B, PB, 2021, "3000.00", "FISCAL", "2021-03-10");
            }
            seeded = true;
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            given().get("/api/progress?agency=" + A + "&" + PERIOD).then().statusCode(200)
                    .body("executed.total", equalTo("2000.00"));
            given().get("/api/progress?agency=" + B + "&" + PERIOD).then().statusCode(200)
                    .body("executed.total", equalTo("3000.00"));
        });
    }

    @Test
    void keptUntilANoticeOfTheAgencyArrivesAndOnlyForThatAgency() throws Exception {
        String date = "2021-06-30";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertEquals("2000.00", line(bureau(date), A).get("executed"));
            assertEquals("3000.00", line(bureau(date), B).get("executed"));
            overview(A, date).then().body("executed.total", equalTo("2000.00"));
            overview(B, date).then().body("executed.total", equalTo("3000.00"));
        });
        // 500.00 more for each, written past every writer: nobody announces it
        unannounced(PA, "500.00");
        unannounced(PB, "500.00");
        given().get("/api/progress?agency=" + A + "&" + PERIOD).then().body("executed.total", equalTo("2500.00"));
        overview(B, date).then().body("executed.total", equalTo("3000.00"));
        assertEquals("2000.00", line(bureau(date), A).get("executed"), "the kept line");
        overview(A, date).then().body("executed.total", equalTo("2000.00"));
        // notices of B's next year, then of A (as every writer sends them in its transaction), in that order
        pool.withTransaction(tx -> LiveNotices.send(tx, LiveNotices.Kind.PAYMENT,
                List.of(new LiveNotices.Change(B, 2022, PB)))).await().atMost(Duration.ofSeconds(10));
        pool.withTransaction(tx -> LiveNotices.send(tx, LiveNotices.Kind.PAYMENT,
                List.of(new LiveNotices.Change(A, 2021, PA)))).await().atMost(Duration.ofSeconds(10));
        // A's answers are read again once its notice is heard (so B's 2022 one was heard before it)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertEquals("2500.00", line(bureau(date), A).get("executed")));
        overview(A, date).then().body("executed.total", equalTo("2500.00"));
        assertEquals("3000.00", line(bureau(date), B).get("executed"), "B's 2021 line is kept");
        overview(B, date).then().body("executed.total", equalTo("3000.00"));
        // a reset (the rebuild empties the read model in a transaction that sends it): nothing kept is used
        pool.withTransaction(LiveNotices::reset).await().atMost(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertEquals("3500.00", line(bureau(date), B).get("executed")));
        overview(B, date).then().body("executed.total", equalTo("3500.00"));
    }

    @Test
    void aPageThatReFetchesOnALiveMessageGetsTheChange() throws Exception {
        String date = "2021-07-31";
        String token = TestTokens.user("manager-" + A).roles("manager").agencies(A).sign();
        String before = as(token).get("/api/overview?agency=" + A + "&year=2021&asOf=" + date).then().statusCode(200)
                .extract().path("executed.total");
        String bureauBefore = (String) line(as(token).get("/api/bureau?year=2021&asOf=" + date).then()
                .statusCode(200).extract().jsonPath(), A).get("executed");
        assertEquals(before, bureauBefore);
        try (SseClient stream = SseClient.open(base, token)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !stream.messages().isEmpty());
            try (ViewsSeed seed = new ViewsSeed(mapper)) {
                seed.payment("kept-a2", A, PA, 2021, "100.00", "FISCAL", "2021-07-01");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> stream.changes().stream()
                    .anyMatch(LiveUpdatesTest.change("payment", A, PA)::equals));
            // at once, as the page does: no waiting
            String after = as(token).get("/api/overview?agency=" + A + "&year=2021&asOf=" + date).then()
                    .statusCode(200).extract().path("executed.total");
            assertEquals(new BigDecimal(before).add(new BigDecimal("100.00")).toPlainString(),
                    after);
            assertEquals(after, line(as(token).get("/api/bureau?year=2021&asOf=" + date).then().statusCode(200)
                    .extract().jsonPath(), A).get("executed"));
        }
    }

    private void unannounced(String project, String amount) {
        // the day's and the month's totals (whose trigger carries it into the running totals), in one transaction
        BigDecimal more = new BigDecimal(amount);
        pool.withTransaction(tx -> tx.preparedQuery("UPDATE daily_execution SET amount = amount + $2"
                                + " WHERE project_code = $1 AND paid_on = DATE '2021-03-10'")
                        .execute(Tuple.of(project, more))
                        .chain(() -> tx.preparedQuery("UPDATE monthly_execution SET amount = amount + $2"
                                + " WHERE project_code = $1 AND month = DATE '2021-03-01'").execute(Tuple.of(project, more))))
                .await().atMost(Duration.ofSeconds(10));
    }

    private static RequestSpecification as(String token) {
        return RestAssured.given().noFilters().header("Authorization", "Bearer " + token);
    }

    private static JsonPath bureau(String date) {
        return as(TestTokens.user("supervisor-all").roles("supervisor").sign())
                .get("/api/bureau?year=2021&asOf=" + date).then().statusCode(200).extract().jsonPath();
    }

    private static io.restassured.response.Response overview(String agency, String date) {
        return given().get("/api/overview?agency=" + agency + "&year=2021&asOf=" + date);
    }

    private static Map<String, Object> line(JsonPath bureau, String agency) {
        return bureau.getMap("agencies.find { it.agencyCode == '" + agency + "' }");
    }
}
