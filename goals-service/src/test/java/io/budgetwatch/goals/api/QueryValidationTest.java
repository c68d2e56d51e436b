package io.budgetwatch.goals.api;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Parameters are checked before anything runs: a clear 400 (or 404/415) problem, never a 500. */
@QuarkusTest
class QueryValidationTest {

    @Test
    void fiscalYearMustBeFourDigits() {
        for (String path : new String[] {"/api/projects?year=21", "/api/goal-documents?year=twenty",
                "/api/department-goals?agency=213001&year=1999"}) {
            given().get(path).then().statusCode(400)
                    .contentType(containsString("application/problem+json"))
                    .body("code", equalTo("invalid-fiscal-year"))
                    .body("field", equalTo("year"));
        }
        given().contentType("text/plain; charset=utf-8").body("x").post("/api/goal-documents?fiscalYear=abc")
                .then().statusCode(400).body("code", equalTo("invalid-fiscal-year")).body("field", equalTo("fiscalYear"));
    }

    @Test
    void agencyCodeIsDigitsOrLetters() {
        given().get("/api/projects?agency=单位").then().statusCode(400)
                .body("code", equalTo("invalid-agency-code")).body("field", equalTo("agency"));
        given().get("/api/goal-documents?agency=21-3001").then().statusCode(400)
                .body("code", equalTo("invalid-agency-code"));
        given().get("/api/department-goals?year=2021").then().statusCode(400)
                .body("code", equalTo("required")).body("field", equalTo("agency"));
        given().get("/api/department-goals?agency=213001").then().statusCode(400)
                .body("code", equalTo("required")).body("field", equalTo("year"));
    }

    @Test
    void unknownThingsAreNotFoundAndMalformedIdsAreBadRequests() {
        given().header("Accept-Language", "en").get("/api/goal-documents/" + UUID.randomUUID()).then()
                .statusCode(404).body("code", equalTo("goal-document-not-found"))
                .body("detail", containsString("No goal document"));
        given().get("/api/goal-documents/" + UUID.randomUUID() + "/original").then().statusCode(404);
        given().get("/api/goal-documents/not-a-uuid").then().statusCode(400).body("code", equalTo("invalid-document-id"));
        given().get("/api/projects/13030321UNKNOWNPROJECT").then().statusCode(404)
                .body("code", equalTo("project-not-found")).body("detail", containsString("未找到项目"));
        given().get("/api/projects/13030321UNKNOWNPROJECT/versions").then().statusCode(404);
        given().get("/api/projects/13030321UNKNOWNPROJECT/versions/x").then().statusCode(400)
                .body("code", equalTo("invalid-version"));
        given().get("/api/department-goals?agency=000000&year=2021").then().statusCode(404)
                .body("code", equalTo("no-goal-document"));
    }

    @Test
    void onlyTextWordAndExcelAreImported() {
        given().contentType("application/pdf").body(new byte[] {1, 2, 3}).post("/api/goal-documents").then()
                .statusCode(415).contentType(containsString("application/problem+json"))
                .body("code", equalTo("unsupported-media-type"))
                .body("field", equalTo("Content-Type"))
                .body("context.supported", hasItem("text/plain; charset=utf-8"));
        given().contentType("text/plain; charset=GBK").body(new byte[] {(byte) 0xb5, (byte) 0xa5})
                .post("/api/goal-documents").then().statusCode(415).body("code", equalTo("unsupported-charset"));
    }

    @Test
    void agenciesAreListed() {
        given().get("/api/agencies").then().statusCode(200);
    }
}
