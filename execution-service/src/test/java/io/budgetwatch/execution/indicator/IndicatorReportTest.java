package io.budgetwatch.execution.indicator;

import com.fasterxml.jackson.databind.JsonNode;
import io.budgetwatch.events.Topics;
import io.budgetwatch.execution.support.Fixtures;
import io.budgetwatch.execution.support.TestKafka;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Indicator actuals: validated against the project's indicators, kept as history, published. */
@QuarkusTest
class IndicatorReportTest {

    static Map<String, Object> report(String project) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("projectCode", project);
        r.put("reportedOn", "2021-06-30");
        r.put("reporter", "张三");
        return r;
    }

    static io.restassured.response.ValidatableResponse post(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(Fixtures.bytes(body)).when().post("/api/indicator-reports")
                .then();
    }

    @Test
    void aQuantitativeActualIsStoredWithTheIndicatorsUnitAndPublished() throws Exception {
        String project = Fixtures.publishProject("1000.00");
        Map<String, Object> r = report(project);
        r.put("reportId", "IR-" + project);
        r.put("indicatorSeq", 1);
        r.put("value", "1200.5");
        r.put("note", "上半年发放");
        post(r).statusCode(201)
                .body("indicatorSeq", is(1))
                .body("indicatorName", is("宣传资料发放数量"))
                .body("value", is("1200.5"))
                .body("unit", is("份"))
                .body("fiscalYear", is(2021))
                .body("agencyCode", is(Fixtures.AGENCY));
        // the same report again: no-op; with other content: conflict
        post(r).statusCode(200).body("value", is("1200.5"));
        r.put("value", "1300");
        post(r).statusCode(409).body("code", is("report-id-conflict"));

        List<ConsumerRecord<byte[], byte[]>> events = TestKafka.read(Topics.INDICATOR_REPORTS,
                e -> project.equals(TestKafka.key(e)), 1, Duration.ofSeconds(30));
        assertEquals(1, events.size());
        assertEquals("IR-" + project, TestKafka.header(events.get(0), Topics.HEADER_EVENT_ID));
        JsonNode event = Fixtures.JSON.readTree(events.get(0).value());
        assertEquals("1200.5", event.get("value").asText());
        assertEquals("份", event.get("unit").asText());
        assertEquals("张三", event.get("reporter").asText());
        assertEquals("上半年发放", event.get("note").asText());
        assertEquals(1, event.get("indicatorSeq").asInt());
    }

    @Test
    void aQualitativeIndicatorTakesAnAssessmentByName() {
        String project = Fixtures.publishProject("1000.00");
        Map<String, Object> r = report(project);
        r.put("indicatorName", "统战工作影响力");
        r.put("assessment", "PARTIAL");
        post(r).statusCode(201).body("indicatorSeq", is(2)).body("assessment", is("PARTIAL"));

        Map<String, Object> noAssessment = report(project);
        noAssessment.put("indicatorSeq", 2);
        post(noAssessment).statusCode(422).body("code", is("missing-field")).body("field", is("assessment"));
        Map<String, Object> valueInstead = report(project);
        valueInstead.put("indicatorSeq", 2);
        valueInstead.put("assessment", "ACHIEVED");
        valueInstead.put("value", "3");
        post(valueInstead).statusCode(422).body("field", is("value"));
        Map<String, Object> badAssessment = report(project);
        badAssessment.put("indicatorSeq", 2);
        badAssessment.put("assessment", "GOOD");
        post(badAssessment).statusCode(422).body("code", is("invalid-field")).body("field", is("assessment"));
    }

    @Test
    void theIndicatorMustExistAndBeUnambiguous() {
        String project = Fixtures.publishProject("1000.00");
        Map<String, Object> unknownSeq = report(project);
        unknownSeq.put("indicatorSeq", 99);
        unknownSeq.put("value", "1");
        post(unknownSeq).statusCode(422).body("code", is("unknown-indicator")).body("field", is("indicatorSeq"));
        Map<String, Object> ambiguous = report(project);
        ambiguous.put("indicatorName", "服务对象满意度");
        ambiguous.put("value", "96");
        post(ambiguous).statusCode(422).body("code", is("ambiguous-indicator"));
        Map<String, Object> mismatch = report(project);
        mismatch.put("indicatorSeq", 1);
        mismatch.put("indicatorName", "统战工作影响力");
        mismatch.put("value", "1");
        post(mismatch).statusCode(422).body("code", is("indicator-mismatch"));
        Map<String, Object> noValue = report(project);
        noValue.put("indicatorSeq", 3);
        post(noValue).statusCode(422).body("code", is("missing-field")).body("field", is("value"));
        Map<String, Object> future = report(project);
        future.put("indicatorSeq", 3);
        future.put("value", "95");
        future.put("reportedOn", "2021-07-02");
        post(future).statusCode(422).body("field", is("reportedOn"));
        Map<String, Object> unknownProject = report(Fixtures.projectCode());
        unknownProject.put("indicatorSeq", 1);
        unknownProject.put("value", "1");
        post(unknownProject).statusCode(422).body("code", is("unknown-project"));
    }

    @Test
    void historyIsKeptNewestFirst() {
        String project = Fixtures.publishProject("1000.00");
        for (String value : new String[] {"88", "91.5"}) {
            Map<String, Object> r = report(project);
            r.put("indicatorSeq", 3);
            r.put("value", value);
            post(r).statusCode(201);
        }
        Map<String, Object> other = report(project);
        other.put("indicatorSeq", 1);
        other.put("value", "10");
        post(other).statusCode(201);
        given().when().get("/api/projects/{code}/indicator-reports", project).then().statusCode(200)
                .body("value", contains("10", "91.5", "88"));
        given().queryParam("indicatorSeq", 3).when().get("/api/projects/{code}/indicator-reports", project).then()
                .statusCode(200).body("value", contains("91.5", "88")).body("unit", contains("%", "%"));
    }
}
