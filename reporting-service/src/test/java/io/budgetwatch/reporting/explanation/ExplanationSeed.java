package io.budgetwatch.reporting.explanation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.events.Topics;
import io.budgetwatch.reporting.LedgerPositions;
import io.budgetwatch.testsupport.KafkaTestClient;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * A project of fiscal year 2021 with two indicators (seq 1 and 2), overspent at once so that it has an OVERSPEND
 * alert, published on the real topics as goals- and execution-service would; waits until its alert can be read.
 */
final class ExplanationSeed {

    private ExplanationSeed() {
    }

    static String alertOf(String code) {
        return code + ":OVERSPEND:v1";
    }

    static void project(ObjectMapper mapper, String agency, String code, String name) throws Exception {
        String alert = alertOf(code);
        if (given().get("/api/alerts/" + alert).statusCode() == 200) {
            return;
        }
        ProjectSnapshot.Target percent = new ProjectSnapshot.Target("NUMERIC", "GE", new BigDecimal("95"), null, "%",
                new BigDecimal("95"), null, "%", null, "POSITIVE");
        ProjectSnapshot.Target count = new ProjectSnapshot.Target("NUMERIC", "GE", new BigDecimal("12"), null, "次",
                new BigDecimal("12"), null, "次", null, "POSITIVE");
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            ProjectSnapshot snapshot = new ProjectSnapshot(1, code + ":v1", Instant.parse("2021-01-10T00:00:00Z"), code,
                    1, 2021, agency, "偏差说明测试单位" + agency, name,
                    new ProjectSnapshot.Budget(new BigDecimal("1000.00"), new BigDecimal("1000.00"),
                            BigDecimal.ZERO.setScale(2)), "用途", List.of("目标"),
                    List.of(new ProjectSnapshot.PlanPoint(LocalDate.of(2021, 12, 31), new BigDecimal("100.00"))),
                    List.of(new ProjectSnapshot.Indicator(1, "产出指标", "质量指标", "验收合格率", "验收合格率",
                                    "≥95%", percent, null),
                            new ProjectSnapshot.Indicator(2, "产出指标", "数量指标", "培训次数", "培训次数",
                                    "≥12次", count, null)),
                    List.of(), null);
            kafka.send(Topics.PROJECTS, code, mapper.writeValueAsString(snapshot));
            kafka.send(Topics.PROJECT_TOTALS, code, mapper.writeValueAsString(LedgerPositions.single(code + "-1",
                    agency, code, "1234.00", "FISCAL", "2021-06-01", Instant.parse("2021-06-01T00:00:00Z"))));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/alerts/" + alert).then().statusCode(200));
    }
}
