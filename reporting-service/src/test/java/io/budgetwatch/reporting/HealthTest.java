package io.budgetwatch.reporting;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
class HealthTest {

    @Test
    void readinessCoversDatabaseAndKafka() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")))
                .body("checks.name", hasItem(containsString("Kafka")))
                .body("checks.find { it.name == 'execution.project-totals consumer' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'execution.project-totals consumer' }.data.enabled", equalTo(true));
    }

    @Test
    void openApiDescribesTheService() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo("BudgetWatch reporting-service"));
    }

    @Test
    void unknownPathIsAProblemDocument() {
        given().header("Accept-Language", "en").when().get("/api/no-such-thing")
                .then().statusCode(404)
                .contentType(containsString("application/problem+json"))
                .body("status", equalTo(404))
                .body("code", equalTo("not-found"))
                .body("instance", equalTo("/api/no-such-thing"));
    }
}
