package io.budgetwatch.reporting.security;

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
 * One project of an agency, overspent at once (so it has figures and an OVERSPEND alert), published on the
 * real topics as goals- and execution-service would; waits until its alert can be read (with the default
 * all-seeing test token).
 */
final class SecuritySeed {

    private SecuritySeed() {
    }

    /** The alert id of the seeded project. */
    static String alertOf(String code) {
        return code + ":OVERSPEND:v1";
    }

    static String project(ObjectMapper mapper, String agency, String agencyName, String code, String name)
            throws Exception {
        String alert = alertOf(code);
        if (given().get("/api/alerts/" + alert).statusCode() == 200) {
            return alert;
        }
        try (KafkaTestClient kafka = KafkaTestClient.connect()) {
            ProjectSnapshot snapshot = new ProjectSnapshot(1, code + ":v1", Instant.parse("2021-01-10T00:00:00Z"), code,
                    1, 2021, agency, agencyName, name,
                    new ProjectSnapshot.Budget(new BigDecimal("1000.00"), new BigDecimal("1000.00"),
                            BigDecimal.ZERO.setScale(2)), "用途", List.of("目标"),
                    List.of(new ProjectSnapshot.PlanPoint(LocalDate.of(2021, 12, 31), new BigDecimal("100.00"))),
                    List.of(), List.of(), null);
            kafka.send(Topics.PROJECTS, code, mapper.writeValueAsString(snapshot));
            kafka.send(Topics.PROJECT_TOTALS, code, mapper.writeValueAsString(LedgerPositions.single(code + "-1",
                    agency, code, "1234.00", "FISCAL", "2021-06-01", Instant.parse("2021-06-01T00:00:00Z"))));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/alerts/" + alert).then().statusCode(200));
        return alert;
    }
}
