package io.budgetwatch.goals.document;

import io.budgetwatch.goals.document.parse.GoalDocumentParser;
import io.budgetwatch.goals.document.parse.TestDocuments;
import io.budgetwatch.goals.support.SeedVariants;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The seed's content as Word and Excel documents, through HTTP, each under its own agency. */
@QuarkusTest
class OfficeFormatsApiTest {

    static Stream<Arguments> formats() {
        Function<TestDocuments.GoalDoc, byte[]> docx = TestDocuments.GoalDoc::toDocx;
        Function<TestDocuments.GoalDoc, byte[]> template = TestDocuments.GoalDoc::toXlsxTemplate;
        Function<TestDocuments.GoalDoc, byte[]> wordLayout = TestDocuments.GoalDoc::toXlsxWordLayout;
        return Stream.of(
                Arguments.of("docx", GoalDocumentParser.DOCX, docx, "213911", 'K'),
                Arguments.of("xlsx template", GoalDocumentParser.XLSX, template, "213912", 'M'),
                Arguments.of("xlsx like the Word table", GoalDocumentParser.XLSX, wordLayout, "213913", 'N'));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void theSeedFactsHoldInEveryFormat(String name, String mediaType, Function<TestDocuments.GoalDoc, byte[]> render,
                                       String agency, char tag) {
        byte[] body = render.apply(SeedVariants.seedFor(agency, tag));
        List<String> codes = SeedVariants.codes(tag);
        JsonPath report = given().contentType(mediaType).body(body).post("/api/goal-documents").then()
                .statusCode(201)
                .body("agencyCode", equalTo(agency))
                .body("agencyName", equalTo("中共秦皇岛市山海关区委统战部本级"))
                .body("fiscalYear", equalTo(2021))
                .body("mediaType", equalTo(mediaType))
                .body("projectCodes", equalTo(codes))
                .body("indicatorCount", equalTo(58))
                .body("totalBudget", equalTo("894000.00"))
                .body("departmentGoalCount", equalTo(3))
                .extract().jsonPath();

        given().get("/api/projects/" + codes.get(6)).then().statusCode(200)
                .body("plan.checkpoint", equalTo(SeedImportApiTest.PLAN_DATES))
                .body("indicators.find { it.targetRaw == '≤6万元' }.target.baseValue", equalTo("60000"));
        given().get("/api/projects/" + codes.get(0)).then().statusCode(200)
                .body("name", equalTo("车辆保险费"))
                .body("budget.total", equalTo("4000.00"));
        given().get("/api/department-goals?agency=" + agency + "&year=2021").then().statusCode(200)
                .body("duties", hasSize(3));

        byte[] original = given().get("/api/goal-documents/" + report.getString("documentId") + "/original").then()
                .statusCode(200).contentType(containsString(mediaType)).extract().asByteArray();
        assertArrayEquals(body, original);

        // the same bytes again: nothing new
        given().contentType(mediaType).body(body).post("/api/goal-documents").then().statusCode(200)
                .body("documentId", equalTo(report.getString("documentId")));
        // the same content as the text export: a new document version, but no project changes
        JsonPath asText = given().contentType("text/plain; charset=utf-8")
                .body(SeedVariants.seedFor(agency, tag).toText()).post("/api/goal-documents").then()
                .statusCode(201).extract().jsonPath();
        assertEquals(2, asText.getInt("version"));
        assertEquals(codes, asText.getList("unchangedProjects"), name);
    }
}
