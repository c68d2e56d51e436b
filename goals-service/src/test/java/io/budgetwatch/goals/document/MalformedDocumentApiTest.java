package io.budgetwatch.goals.document;

import io.budgetwatch.goals.document.parse.GoalDocumentParser;
import io.budgetwatch.goals.document.parse.TestDocuments;
import io.budgetwatch.goals.support.GoalsDb;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Documents that cannot be understood: 422 with the reason and where, and the database unchanged. */
@QuarkusTest
class MalformedDocumentApiTest {

    static final String TEXT = "text/plain; charset=utf-8";

    @Inject
    GoalsDb db;

    static Stream<Arguments> documents() {
        return Stream.of(
                // name, media type, body, expected code, expected table (null: none)
                Arguments.of("empty", TEXT, TestDocuments.emptyBody(), "empty-document", null),
                Arguments.of("binary garbage as text", TEXT, TestDocuments.binaryGarbage(), "not-a-document", null),
                Arguments.of("binary garbage as docx", GoalDocumentParser.DOCX, TestDocuments.binaryGarbage(),
                        "not-a-document", null),
                Arguments.of("binary garbage as xlsx", GoalDocumentParser.XLSX, TestDocuments.binaryGarbage(),
                        "not-a-document", null),
                Arguments.of("missing column", TEXT, TestDocuments.missingColumnText(), "missing-column", 2),
                Arguments.of("decreasing plan", TEXT, TestDocuments.decreasingPlanText(), "plan-decreasing", 3),
                Arguments.of("total not the sum", TEXT, TestDocuments.sumMismatchText(), "budget-sum-mismatch", 2),
                Arguments.of("unknown unit", TEXT, TestDocuments.unknownUnitText(), "unknown-money-unit", 4),
                Arguments.of("bad project code", TEXT, TestDocuments.badProjectCodeText(), "bad-project-code", 5),
                Arguments.of("amount in words", TEXT, TestDocuments.nonNumericAmountText(), "bad-amount", 1),
                Arguments.of("plan not reaching 100", TEXT, TestDocuments.incompletePlanText(), "plan-incomplete", 6),
                Arguments.of("plan over 100", TEXT, TestDocuments.planOverHundredText(), "plan-out-of-range", 7));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void refusedWithReasonAndLocationAndNothingWritten(String name, String mediaType, byte[] body, String code,
                                                       Integer table) {
        Map<String, Long> before = db.counts();
        JsonPath problem = given().contentType(mediaType).body(body).post("/api/goal-documents").then()
                .statusCode(422)
                .contentType(containsString("application/problem+json"))
                .extract().jsonPath();
        assertEquals(code, problem.getString("code"), problem.prettify());
        assertEquals(422, problem.getInt("status"));
        assertFalse(problem.getString("detail").isBlank());
        if (table != null) {
            assertEquals(table, problem.getInt("context.table"), problem.prettify());
            assertNotNull(problem.getString("field"), problem.prettify());
            assertEquals(problem.getString("context.location"), problem.getString("field"));
        }
        assertEquals(before, db.counts(), name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void theReasonIsInEnglishOnRequest(String name, String mediaType, byte[] body, String code, Integer table) {
        String detail = given().contentType(mediaType).header("Accept-Language", "en").body(body)
                .post("/api/goal-documents").then().statusCode(422).extract().path("detail");
        assertFalse(detail.chars().anyMatch(c -> c >= 0x4e00 && c <= 0x9fff && table == null), detail);
        if (table != null) {
            assertEquals(true, detail.startsWith("table " + table), detail);
        }
    }
}
