package io.budgetwatch.goals.adjustment;

import io.budgetwatch.goals.document.GoalDocumentImporter;
import io.budgetwatch.goals.support.GoalsDb;
import io.budgetwatch.goals.support.Hashing;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.budgetwatch.goals.support.TestParsedDocuments.document;
import static io.budgetwatch.goals.support.TestParsedDocuments.project;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Manual budget adjustments through HTTP: the current budget changes, the history is kept, an event goes out. */
@QuarkusTest
class BudgetAdjustmentApiTest {

    @Inject
    GoalDocumentImporter importer;

    @Inject
    GoalsDb db;

    /** A fresh project (own agency, own code) with budget 4000.00 = 4000.00 fiscal + 0 other. */
    private void givenProject(String agency, String code) {
        byte[] bytes = ("document of " + code).getBytes(StandardCharsets.UTF_8);
        importer.store(document(agency, 2021, List.of(project(1, code, "车辆保险费", "4000.00", "4000.00", "0"))),
                bytes, "text/plain; charset=utf-8", Hashing.sha256(bytes)).await().atMost(Duration.ofSeconds(30));
    }

    private static String body(String total, String fiscal, String other, String reason, String effectiveOn,
                               String adjustedBy) {
        return "{\"total\":" + total + ",\"fiscal\":" + fiscal + ",\"other\":" + other + ",\"reason\":" + reason
                + ",\"effectiveOn\":" + effectiveOn + ",\"adjustedBy\":" + adjustedBy + "}";
    }

    @Test
    void anAdjustmentChangesTheCurrentBudgetKeepsTheHistoryAndPublishesANewVersion() {
        String code = "13030321BA00000000001";
        givenProject("980001", code);

        given().contentType(ContentType.JSON)
                .body(body("\"5000.00\"", "\"4500.00\"", "\"500.00\"", "\"年中追加：保险费上涨\"", "\"2021-06-15\"",
                        "\"财务科 张三\""))
                .post("/api/projects/" + code + "/budget-adjustments")
                .then().statusCode(201)
                .header("Location", endsWith("/api/projects/" + code + "/budget-adjustments/1"))
                .body("seq", equalTo(1))
                .body("previousTotal", equalTo("4000.00"))
                .body("total", equalTo("5000.00"))
                .body("fiscal", equalTo("4500.00"))
                .body("other", equalTo("500.00"))
                .body("reason", equalTo("年中追加：保险费上涨"))
                .body("effectiveOn", equalTo("2021-06-15"))
                .body("adjustedBy", equalTo("财务科 张三"))
                .body("recordedAt", equalTo("2021-07-01T01:00:00Z"))
                .body("source", equalTo("manual"))
                .body("documentId", nullValue())
                .body("projectVersion", equalTo(2));

        given().get("/api/projects/" + code).then().statusCode(200)
                .body("version", equalTo(2))
                .body("budget.total", equalTo("5000.00"))
                .body("budget.fiscal", equalTo("4500.00"))
                .body("budget.other", equalTo("500.00"))
                .body("originalBudget.total", equalTo("4000.00"))
                .body("documentBudget.total", equalTo("4000.00"))
                .body("adjustments", hasSize(1))
                .body("adjustments[0].previousTotal", equalTo("4000.00"))
                .body("adjustments[0].source", equalTo("manual"));

        // numbers are accepted too, and the history grows
        given().contentType(ContentType.JSON)
                .body(body("6000.5", "6000.5", "0", "\"再次调整\"", "\"2021-07-01\"", "\"财务科\""))
                .post("/api/projects/" + code + "/budget-adjustments")
                .then().statusCode(201).body("seq", equalTo(2)).body("total", equalTo("6000.50"))
                .body("previousTotal", equalTo("5000.00"));
        given().get("/api/projects/" + code + "/budget-adjustments").then().statusCode(200)
                .body("seq", equalTo(List.of(1, 2)))
                .body("total", equalTo(List.of("5000.00", "6000.50")));
        given().get("/api/projects/" + code + "/budget-adjustments/2").then().statusCode(200)
                .body("reason", equalTo("再次调整"));

        // every version stays readable, exactly as published
        given().get("/api/projects/" + code + "/versions").then().statusCode(200)
                .body("version", equalTo(List.of(1, 2, 3)))
                .body("cause", equalTo(List.of("document", "adjustment", "adjustment")))
                .body("adjustmentSeq", equalTo(java.util.Arrays.asList(null, 1, 2)));
        given().get("/api/projects/" + code + "/versions/1").then().statusCode(200)
                .body("eventId", equalTo(code + ":v1"))
                .body("budget.total", equalTo("4000.00"))
                .body("adjustments", hasSize(0));
        given().get("/api/projects/" + code + "/versions/3").then().statusCode(200)
                .body("budget.total", equalTo("6000.50"))
                .body("adjustments", hasSize(2));
        assertEquals(1, db.scalar("SELECT count(*) FROM outbox WHERE event_id = '" + code + ":v3' AND msg_key = '"
                + code + "' AND topic = 'goals.projects' AND payload LIKE '%\"total\":\"6000.50\"%'"));
    }

    @Test
    void invalidAdjustmentsAreProblemsAndWriteNothing() {
        String code = "13030321BA00000000002";
        givenProject("980002", code);
        Map<String, Long> before = db.counts();
        String path = "/api/projects/" + code + "/budget-adjustments";
        String ok = "\"2021-06-15\"";

        given().contentType(ContentType.JSON).body(body("\"5000\"", "\"5000\"", "\"0\"", "null", ok, "\"张三\""))
                .post(path).then().statusCode(400).contentType(containsString("application/problem+json"))
                .body("code", equalTo("required")).body("field", equalTo("reason"));
        given().contentType(ContentType.JSON).body(body("\"5000.001\"", "\"5000.001\"", "\"0\"", "\"r\"", ok, "\"z\""))
                .post(path).then().statusCode(400).body("code", equalTo("too-many-decimals"))
                .body("field", equalTo("total")).body("errors.field", equalTo(List.of("total", "fiscal")));
        given().contentType(ContentType.JSON).body(body("\"-1\"", "\"-1\"", "\"0\"", "\"r\"", ok, "\"z\""))
                .post(path).then().statusCode(400).body("code", equalTo("negative-amount"));
        given().contentType(ContentType.JSON).body(body("\"abc\"", "\"1\"", "\"0\"", "\"r\"", ok, "\"z\""))
                .post(path).then().statusCode(400).body("code", equalTo("malformed-json"))
                .body("field", equalTo("total"));
        given().contentType(ContentType.JSON).body(body("\"1\"", "\"1\"", "\"0\"", "\"r\"", "\"2021-13-01\"", "\"z\""))
                .post(path).then().statusCode(400).body("field", equalTo("effectiveOn"));
        given().contentType(ContentType.JSON).body("{not json")
                .post(path).then().statusCode(400).body("code", equalTo("malformed-json"));
        given().contentType(ContentType.JSON).header("Accept-Language", "en")
                .body(body("\"5000.00\"", "\"4000.00\"", "\"500.00\"", "\"r\"", ok, "\"z\""))
                .post(path).then().statusCode(422).body("code", equalTo("budget-split-mismatch"))
                .body("detail", containsString("is not fiscal 4000.00 plus other 500.00"));
        given().contentType(ContentType.JSON).body(body("\"5000\"", "\"5000\"", "\"0\"", "\"r\"", "\"2022-01-01\"",
                        "\"z\""))
                .post(path).then().statusCode(422).body("code", equalTo("effective-date-outside-fiscal-year"))
                .body("field", equalTo("effectiveOn")).body("context.fiscalYear", equalTo(2021));
        given().contentType(ContentType.JSON).body(body("\"4000\"", "\"4000\"", "\"0\"", "\"r\"", ok, "\"z\""))
                .post(path).then().statusCode(422).body("code", equalTo("budget-unchanged"));
        given().contentType(ContentType.JSON).body(body("\"5000\"", "\"5000\"", "\"0\"", "\"r\"", ok, "\"z\""))
                .post("/api/projects/13030321NOSUCHPROJECT/budget-adjustments")
                .then().statusCode(404).body("code", equalTo("project-not-found"));
        given().contentType(ContentType.JSON).body(body("\"5000\"", "\"5000\"", "\"0\"", "\"r\"", ok, "\"z\""))
                .post("/api/projects/bad-code!/budget-adjustments")
                .then().statusCode(400).body("code", equalTo("invalid-project-code"));

        assertEquals(before, db.counts());
        given().get(path).then().statusCode(200).body("", hasSize(0));
        given().get(path + "/1").then().statusCode(404).body("code", equalTo("adjustment-not-found"));
        given().get("/api/projects/13030321NOSUCHPROJECT/budget-adjustments").then().statusCode(404);
    }

    @Test
    void anIdempotencyKeyMakesARetrySafe() {
        String code = "13030321BA00000000003";
        givenProject("980003", code);
        String path = "/api/projects/" + code + "/budget-adjustments";
        String request = body("\"4200.00\"", "\"4200.00\"", "\"0.00\"", "\"追加\"", "\"2021-05-01\"", "\"李四\"");

        given().contentType(ContentType.JSON).header("Idempotency-Key", "req-42").body(request)
                .post(path).then().statusCode(201).body("seq", equalTo(1));
        Map<String, Long> after = db.counts();
        given().contentType(ContentType.JSON).header("Idempotency-Key", "req-42").body(request)
                .post(path).then().statusCode(200).body("seq", equalTo(1)).body("total", equalTo("4200.00"));
        assertEquals(after, db.counts());
        given().contentType(ContentType.JSON).header("Idempotency-Key", "req-42")
                .body(body("\"4300.00\"", "\"4300.00\"", "\"0.00\"", "\"追加\"", "\"2021-05-01\"", "\"李四\""))
                .post(path).then().statusCode(409).body("code", equalTo("idempotency-key-reused"));
        assertEquals(after, db.counts());
    }
}
