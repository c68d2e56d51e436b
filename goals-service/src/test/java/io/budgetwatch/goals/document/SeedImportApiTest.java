package io.budgetwatch.goals.document;

import io.budgetwatch.goals.document.parse.TestDocuments;
import io.budgetwatch.goals.support.GoalsDb;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.either;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seed goal document through HTTP. The seed's agency (213001, 2021) is only ever imported with
 * these exact bytes, so the first POST of a run answers 201 and any later one 200 with the same
 * report; tests that need a fresh first import use their own agency (see DocumentVersionApiTest).
 */
@QuarkusTest
class SeedImportApiTest {

    static final String TEXT = "text/plain; charset=utf-8";
    static final List<String> PLAN_DATES = List.of("2021-03-31", "2021-06-30", "2021-10-31", "2021-12-31");

    @Inject
    GoalsDb db;

    static Response importSeed() {
        return given().contentType(TEXT).body(TestDocuments.seedText()).post("/api/goal-documents");
    }

    @Test
    void theSeedGivesItsFactsThroughTheApi() {
        Response response = importSeed();
        response.then().statusCode(either(is(201)).or(is(200)))
                .header("Location", containsString("/api/goal-documents/"))
                .body("agencyCode", equalTo("213001"))
                .body("agencyName", equalTo("中共秦皇岛市山海关区委统战部本级"))
                .body("fiscalYear", equalTo(2021))
                .body("version", equalTo(1))
                .body("projectCodes", equalTo(TestDocuments.SEED_PROJECT_CODES))
                .body("projectCount", equalTo(7))
                .body("indicatorCount", equalTo(58))
                .body("departmentGoalCount", equalTo(3))
                .body("totalBudget", equalTo("894000.00"))
                .body("moneyUnit", equalTo("元"))
                .body("mediaType", equalTo(TEXT))
                .body("warnings.size()", not(equalTo(0)))
                .body("warnings.rule", everyItem(notNullValue()))
                .body("warnings.messageZh", everyItem(notNullValue()))
                .body("warnings.messageEn", everyItem(notNullValue()));
        JsonPath report = response.jsonPath();
        assertEquals(report.getList("warnings.messageZh"), report.getList("warnings.message"));
        String documentId = report.getString("documentId");
        assertTrue(response.header("Location").endsWith("/api/goal-documents/" + documentId));

        given().get("/api/projects?agency=213001&year=2021").then().statusCode(200)
                .body("code", equalTo(TestDocuments.SEED_PROJECT_CODES))
                .body("indicatorCount", equalTo(List.of(6, 9, 7, 9, 9, 9, 9)))
                .body("version", everyItem(equalTo(1)))
                .body("inLatestDocument", everyItem(equalTo(true)));

        for (String code : TestDocuments.SEED_PROJECT_CODES) {
            given().get("/api/projects/" + code).then().statusCode(200)
                    .body("plan.checkpoint", equalTo(PLAN_DATES))
                    .body("plan.cumulativePercent.collect { new BigDecimal(it) as int }",
                            equalTo(List.of(25, 50, 75, 100)))
                    .body("agencyCode", equalTo("213001"))
                    .body("fiscalYear", equalTo(2021))
                    .body("sourceDocumentVersion", equalTo(1));
        }
        // the project whose plan is written without %
        given().get("/api/projects/13030321RSYRAZQQZL6SL").then().statusCode(200)
                .body("plan.checkpoint", equalTo(PLAN_DATES));

        given().get("/api/projects/130303210B2L85R7NSB45").then().statusCode(200)
                .body("name", equalTo("车辆保险费"))
                .body("budget.total", equalTo("4000.00"))
                .body("budget.fiscal", equalTo("4000.00"))
                .body("budget.other", equalTo("0.00"))
                .body("originalBudget.total", equalTo("4000.00"))
                .body("purpose", equalTo("公务用车正常运转"))
                .body("goals", equalTo(List.of("公务用车正常运转", "公务用车正常运转", "公务用车正常运转")))
                .body("indicators.find { it.level3 == '资金成本' }.targetRaw", equalTo("≤4000元"))
                .body("indicators.find { it.level3 == '资金成本' }.level1", equalTo("产出指标"))
                .body("warnings.rule", org.hamcrest.Matchers.hasItem("duplicate-goal-lines"));

        given().get("/api/projects/13030321VD9G2KEVUL475").then().statusCode(200)
                .body("indicators.find { it.targetRaw == '≤6万元' }.target.kind", equalTo("NUMERIC"))
                .body("indicators.find { it.targetRaw == '≤6万元' }.target.operator", equalTo("LE"))
                .body("indicators.find { it.targetRaw == '≤6万元' }.target.value", equalTo("6"))
                .body("indicators.find { it.targetRaw == '≤6万元' }.target.unit", equalTo("万元"))
                .body("indicators.find { it.targetRaw == '≤6万元' }.target.baseValue", equalTo("60000"))
                .body("indicators.find { it.targetRaw == '≤6万元' }.target.baseUnit", equalTo("元"))
                .body("indicators.find { it.targetRaw == '≤6万元' }.target.direction", equalTo("NEGATIVE"));

        given().get("/api/department-goals?agency=213001&year=2021").then().statusCode(200)
                .body("agencyName", equalTo("中共秦皇岛市山海关区委统战部本级"))
                .body("documentId", equalTo(documentId))
                .body("duties", hasSize(3))
                .body("duties.title", equalTo(List.of("开展统战工作专项业务", "党外干部队伍建设", "统战事务管理工作")))
                .body("duties[1].mainDuty", containsString("负责党外人士的政治安排"));

        given().get("/api/goal-documents/" + documentId).then().statusCode(200)
                .body("agencyCode", equalTo("213001"))
                .body("version", equalTo(1))
                .body("latest", equalTo(true))
                .body("sizeBytes", equalTo(TestDocuments.seedText().length))
                .body("originalUrl", endsWith("/api/goal-documents/" + documentId + "/original"))
                .body("report.totalBudget", equalTo("894000.00"))
                .body("report.indicatorCount", equalTo(58));
        given().get("/api/goal-documents?agency=213001&year=2021").then().statusCode(200)
                .body("id", equalTo(List.of(documentId)))
                .body("projectCount", equalTo(List.of(7)));
        given().get("/api/agencies").then().statusCode(200)
                .body("find { it.code == '213001' }.name", equalTo("中共秦皇岛市山海关区委统战部本级"))
                .body("find { it.code == '213001' }.fiscalYears", equalTo(List.of(2021)));
    }

    @Test
    void chineseTextRoundTripsByteExact() {
        String documentId = importSeed().then().statusCode(either(is(201)).or(is(200)))
                .extract().path("documentId");
        byte[] original = given().get("/api/goal-documents/" + documentId + "/original").then().statusCode(200)
                .contentType(containsString("text/plain"))
                .contentType(containsString("charset=utf-8"))
                .extract().asByteArray();
        assertArrayEquals(TestDocuments.seedText(), original);

        String file = new String(TestDocuments.seedText(), StandardCharsets.UTF_8);
        for (String code : TestDocuments.SEED_PROJECT_CODES) {
            JsonPath project = given().get("/api/projects/" + code).then().statusCode(200).extract().jsonPath();
            assertTrue(file.contains("\t" + project.getString("name") + "\n"), project.getString("name"));
            for (String goal : project.getList("goals", String.class)) {
                assertTrue(file.contains(goal), goal);
            }
            for (String target : project.getList("indicators.targetRaw", String.class)) {
                assertTrue(file.contains("\t" + target + "\n"), target);
            }
        }
        JsonPath minority = given().get("/api/projects/130303210UNGGXM50XP9G").then().extract().jsonPath();
        assertEquals("提前下达2021年省级少数民族发展资金", minority.getString("name"));
        assertEquals("冀财规【2020】26号", minority.getString("indicators[0].basis"));
    }

    @Test
    void theSameDocumentAgainIs200WithTheSameReportAndWritesNothing() {
        Map<String, Object> first = importSeed().then().statusCode(either(is(201)).or(is(200)))
                .extract().jsonPath().getMap("");
        Map<String, Long> before = db.counts();
        Response again = importSeed();
        again.then().statusCode(200)
                .header("Location", endsWith("/api/goal-documents/" + first.get("documentId")));
        assertEquals(first, again.jsonPath().getMap(""));
        assertEquals(before, db.counts());
    }

    @Test
    void warningsSpeakEnglishOnRequest() {
        JsonPath report = given().contentType(TEXT).header("Accept-Language", "en").body(TestDocuments.seedText())
                .post("/api/goal-documents").then().statusCode(either(is(201)).or(is(200))).extract().jsonPath();
        assertEquals(report.getList("warnings.messageEn"), report.getList("warnings.message"));
        assertTrue(report.getList("warnings.rule").contains("count-with-percent"));
        given().header("Accept-Language", "en").get("/api/projects/130303210UNGGXM50XP9G").then().statusCode(200)
                .body("warnings.find { it.rule == 'count-with-percent' }.message",
                        equalTo(report.getString("warnings.find { it.rule == 'count-with-percent' }.messageEn")));
    }
}
