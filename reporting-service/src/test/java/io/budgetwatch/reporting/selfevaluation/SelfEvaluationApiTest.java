package io.budgetwatch.reporting.selfevaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetwatch.events.IndicatorReportEvent;
import io.budgetwatch.reporting.LedgerPositions;
import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.events.Topics;
import io.budgetwatch.testsupport.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The seed's first project, 车辆保险费, self-evaluated through the service: its snapshot, payments and
 * indicator actuals arrive over Kafka and the score is the one computed by hand below.
 */
@QuarkusTest
class SelfEvaluationApiTest {

    static final String CODE = "130303219920000000001";
    static final String AGENCY = "990200";

    @Inject
    ObjectMapper mapper;

    @Test
    void seedProjectScoreMatchesTheHandComputation() throws Exception {
        ProjectSnapshot snapshot = new ProjectSnapshot(1, CODE + ":v1", Instant.parse("2021-01-10T00:00:00Z"), CODE, 1,
                2021, AGENCY, "中共秦皇岛市山海关区委统战部本级", "车辆保险费",
                new ProjectSnapshot.Budget(new BigDecimal("4000.00"), new BigDecimal("4000.00"), new BigDecimal("0.00")),
                "公务用车正常运转", List.of("公务用车正常运转"),
                List.of(new ProjectSnapshot.PlanPoint(LocalDate.of(2021, 3, 31), new BigDecimal("25.00")),
                        new ProjectSnapshot.PlanPoint(LocalDate.of(2021, 6, 30), new BigDecimal("50.00")),
                        new ProjectSnapshot.PlanPoint(LocalDate.of(2021, 10, 31), new BigDecimal("75.00")),
                        new ProjectSnapshot.PlanPoint(LocalDate.of(2021, 12, 31), new BigDecimal("100.00"))),
                SelfEvaluationCalculatorTest.vehicleInsurance(), List.of(), null);
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            kafka.send(Topics.PROJECTS, CODE, mapper.writeValueAsString(snapshot));
            // 3000 in March, 900 in November; a payment in January 2022 does not count for 2021's rate.
            ledger(kafka, "se-1", "3000.00", "2021-03-15");
            ledger(kafka, "se-2", "900.00", "2021-11-20");
            ledger(kafka, "se-3", "50.00", "2022-01-05");
            report(kafka, "se-r1", 1, new BigDecimal("1"), "个", null);
            report(kafka, "se-r2", 2, new BigDecimal("85"), "%", null);
            report(kafka, "se-r3", 3, new BigDecimal("95"), "%", null);
            report(kafka, "se-r5", 5, null, null, "PARTIAL");
            report(kafka, "se-r6", 6, new BigDecimal("80"), "%", null);
        }
        // Execution: 3900.00 of 4000.00 = 97.50 %                    -> 9.75 points
        // Output (50 / 4 = 12.5 each): 1个 ≥1个 -> 12.50; 85 % vs ≥90 %: 94.44 % -> 11.81;
        //   95 % vs ≥90 % -> 12.50; 资金成本 3900 元 (executed) ≤4000 元 -> 12.50        output 49.31
        // Benefit (30): 提供优质服务 assessed 部分达成, 70 % of the band    -> 21.00
        // Satisfaction (10): 80 % vs ≥90 %: 88.89 %                   -> 8.89
        // Total 9.75 + 49.31 + 21.00 + 8.89 = 88.95 -> 良
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/projects/" + CODE + "/self-evaluation?year=2021").then().statusCode(200)
                        .body("executedAtYearEnd", equalTo(3900.00f))
                        .body("score.executionScore", equalTo(9.75f))
                        .body("score.levels[0].score", equalTo(49.31f))
                        .body("score.levels[1].score", equalTo(21.00f))
                        .body("score.levels[2].score", equalTo(8.89f))
                        .body("score.total", equalTo(88.95f))
                        .body("score.grade", equalTo("良"))
                        .body("score.indicators[3].verdict", equalTo("MET"))
                        .body("score.indicators[3].reasonZh", equalTo("已达到目标 ≤4000元（实际 3900.00元）")));
        given().get("/api/projects/" + CODE + "/self-evaluation?year=2022").then().statusCode(400)
                .body("code", equalTo("year-mismatch"));
        given().get("/api/projects/" + CODE + "/indicators?asOf=2021-12-31").then().statusCode(200)
                .body("[3].actual.source", equalTo("EXECUTED_AMOUNT"))
                .body("[4].verdict", equalTo("NOT_MET"))
                .body("[5].achievementPercent", equalTo("88.89"));
    }

    private void ledger(KafkaTestClient kafka, String id, String amount, String paidOn) throws Exception {
        kafka.send(Topics.PROJECT_TOTALS, CODE, mapper.writeValueAsString(
                LedgerPositions.single(id, AGENCY, CODE, amount, "FISCAL", paidOn, Instant.now())));
    }

    private void report(KafkaTestClient kafka, String id, int seq, BigDecimal value, String unit, String assessment)
            throws Exception {
        kafka.send(Topics.INDICATOR_REPORTS, CODE, mapper.writeValueAsString(new IndicatorReportEvent(id, CODE, 2021,
                AGENCY, seq, null, value, unit, assessment, LocalDate.of(2021, 12, 28), "办公室", null, Instant.now())));
    }
}
