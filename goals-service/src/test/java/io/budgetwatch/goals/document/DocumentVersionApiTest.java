package io.budgetwatch.goals.document;

import io.budgetwatch.goals.document.parse.TestDocuments;
import io.budgetwatch.goals.support.GoalsDb;
import io.budgetwatch.goals.support.Hashing;
import io.budgetwatch.goals.support.SeedVariants;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A later, changed document for the same agency and year: new versions, adjustments, nothing lost. */
@QuarkusTest
class DocumentVersionApiTest {

    static final String TEXT = "text/plain; charset=utf-8";

    @Inject
    GoalsDb db;

    static JsonPath post(byte[] body, int status) {
        return given().contentType(TEXT).body(body).post("/api/goal-documents").then().statusCode(status)
                .extract().jsonPath();
    }

    @Test
    void aChangedBudgetMakesVersionTwoWithAnAdjustmentAndTheOldVersionStaysReadable() {
        String agency = "213901";
        List<String> codes = SeedVariants.codes('X');
        String car = codes.get(0);
        byte[] v1Bytes = SeedVariants.seedFor(agency, 'X').toText();
        JsonPath v1 = post(v1Bytes, 201);
        assertEquals(1, v1.getInt("version"));
        assertEquals(codes, v1.getList("createdProjects"));
        assertEquals("894000.00", v1.getString("totalBudget"));

        TestDocuments.GoalDoc changed = SeedVariants.seedFor(agency, 'X');
        changed.project(car).total = "5000.00";
        changed.project(car).fiscal = "4500.00";
        changed.project(car).other = "500.00";
        byte[] v2Bytes = changed.toText();
        JsonPath v2 = post(v2Bytes, 201);
        assertEquals(2, v2.getInt("version"));
        assertEquals(List.of(car), v2.getList("changedProjects"));
        assertEquals(codes.subList(1, 7), v2.getList("unchangedProjects"));
        assertEquals(List.of(), v2.getList("createdProjects"));
        assertEquals("895000.00", v2.getString("totalBudget"));
        assertEquals(car, v2.getString("budgetAdjustments[0].projectCode"));
        assertEquals("4000.00", v2.getString("budgetAdjustments[0].previousTotal"));
        assertEquals("5000.00", v2.getString("budgetAdjustments[0].total"));

        given().get("/api/projects/" + car).then().statusCode(200)
                .body("version", equalTo(2))
                .body("budget.total", equalTo("5000.00"))
                .body("budget.fiscal", equalTo("4500.00"))
                .body("budget.other", equalTo("500.00"))
                .body("originalBudget.total", equalTo("4000.00"))
                .body("documentBudget.total", equalTo("5000.00"))
                .body("sourceDocumentVersion", equalTo(2))
                .body("adjustments", hasSize(1))
                .body("adjustments[0].reason", equalTo("目标文档第2版 / goal document version 2"))
                .body("adjustments[0].source", equalTo("document"))
                .body("adjustments[0].documentVersion", equalTo(2))
                .body("adjustments[0].effectiveOn", equalTo("2021-07-01"))
                .body("adjustments[0].previousTotal", equalTo("4000.00"));
        given().get("/api/projects/" + car + "/budget-adjustments").then().statusCode(200)
                .body("documentId", equalTo(List.of(v2.getString("documentId"))))
                .body("adjustedBy", equalTo(List.of("goal-document-import")));
        // an unchanged project keeps its version
        given().get("/api/projects/" + codes.get(1)).then().statusCode(200)
                .body("version", equalTo(1)).body("lastDocumentVersion", equalTo(2));

        // nothing of version 1 is lost: its snapshot, its document and its original bytes
        given().get("/api/projects/" + car + "/versions/1").then().statusCode(200)
                .body("budget.total", equalTo("4000.00")).body("sourceDocumentId", equalTo(v1.getString("documentId")));
        given().get("/api/goal-documents?agency=" + agency + "&year=2021").then().statusCode(200)
                .body("version", equalTo(List.of(1, 2)))
                .body("latest", equalTo(List.of(false, true)))
                .body("totalBudget", equalTo(List.of("894000.00", "895000.00")))
                .body("sha256", equalTo(List.of(Hashing.sha256(v1Bytes), Hashing.sha256(v2Bytes))));
        assertArrayEquals(v1Bytes, given().get("/api/goal-documents/" + v1.getString("documentId") + "/original")
                .then().statusCode(200).extract().asByteArray());
        given().get("/api/goal-documents/" + v1.getString("documentId")).then().statusCode(200)
                .body("latest", equalTo(false)).body("report.version", equalTo(1));

        // version 2 again: a no-op; version 1 again is a change back (a third version), not a no-op
        post(v2Bytes, 200);
        JsonPath v3 = post(v1Bytes, 201);
        assertEquals(3, v3.getInt("version"));
        assertEquals(List.of(car), v3.getList("changedProjects"));
        given().get("/api/projects/" + car).then().body("version", equalTo(3)).body("budget.total", equalTo("4000.00"))
                .body("adjustments.previousTotal", equalTo(List.of("4000.00", "5000.00")));
    }

    @Test
    void concurrentImportsOfTheSameDocumentStoreItOnce() throws Exception {
        byte[] body = SeedVariants.seedFor("213903", 'Z').toText();
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(executor.submit(() -> given().contentType(TEXT).body(body).post("/api/goal-documents")
                        .then().extract().statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> call : calls) {
                statuses.add(call.get(60, TimeUnit.SECONDS));
            }
            Collections.sort(statuses);
            assertEquals(List.of(200, 200, 200, 201), statuses);
        } finally {
            executor.shutdownNow();
        }
        assertEquals(1, db.scalar("SELECT count(*) FROM goal_document WHERE agency_code = '213903'"));
        assertEquals(7, db.scalar("SELECT count(*) FROM project_version v JOIN project p ON p.code = v.project_code "
                + "WHERE p.agency_code = '213903'"));
    }

    @Test
    void projectsMissingFromTheNewVersionAreKeptAndFlagged() {
        String agency = "213902";
        List<String> codes = SeedVariants.codes('Y');
        post(SeedVariants.seedFor(agency, 'Y').toText(), 201);
        TestDocuments.GoalDoc fewer = SeedVariants.seedFor(agency, 'Y');
        fewer.only(codes.get(0), codes.get(1), codes.get(2), codes.get(3), codes.get(4), codes.get(5));
        JsonPath v2 = post(fewer.toText(), 201);
        assertEquals(List.of(codes.get(6)), v2.getList("notListedProjects"));
        assertEquals(6, v2.getInt("projectCount"));

        given().get("/api/projects/" + codes.get(6)).then().statusCode(200)
                .body("inLatestDocument", equalTo(false))
                .body("version", equalTo(2))
                .body("budget.total", equalTo("60000.00"))
                .body("indicators", hasSize(9));
        given().get("/api/projects?agency=" + agency + "&year=2021").then().statusCode(200)
                .body("code", equalTo(codes))
                .body("inLatestDocument", equalTo(List.of(true, true, true, true, true, true, false)));
        assertEquals(1, db.scalar("SELECT count(*) FROM outbox WHERE event_id = '" + codes.get(6) + ":v2' "
                + "AND payload LIKE '%\"inLatestDocument\":false%'"));
    }
}
