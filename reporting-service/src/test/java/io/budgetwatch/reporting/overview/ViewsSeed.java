package io.budgetwatch.reporting.overview;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.events.ProjectTotalsEvent;
import io.budgetwatch.events.Topics;
import io.budgetwatch.reporting.LedgerPositions;
import io.budgetwatch.testsupport.KafkaTestClient;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Projects and ledger writes of the overview and bureau tests, published on the real topics as goals- and
 * execution-service would. Plans: 25/50/75/100 % at 31 March, 30 June, 31 October and 31 December.
 */
public final class ViewsSeed implements AutoCloseable {

    private final ObjectMapper mapper;
    private final KafkaTestClient kafka;

    public ViewsSeed(ObjectMapper mapper) {
        this.mapper = mapper;
        this.kafka = KafkaTestClient.connect();
    }

    public void project(String agency, String agencyName, String code, int year, String name, String total,
                        String fiscal, String other, List<ProjectSnapshot.Indicator> indicators) throws Exception {
        List<ProjectSnapshot.PlanPoint> plan = List.of(
                new ProjectSnapshot.PlanPoint(LocalDate.of(year, 3, 31), new BigDecimal("25.00")),
                new ProjectSnapshot.PlanPoint(LocalDate.of(year, 6, 30), new BigDecimal("50.00")),
                new ProjectSnapshot.PlanPoint(LocalDate.of(year, 10, 31), new BigDecimal("75.00")),
                new ProjectSnapshot.PlanPoint(LocalDate.of(year, 12, 31), new BigDecimal("100.00")));
        ProjectSnapshot s = new ProjectSnapshot(ProjectSnapshot.SCHEMA_VERSION, code + ":v1",
                Instant.parse(year + "-01-10T00:00:00Z"), code, 1, year, agency, agencyName, name,
                new ProjectSnapshot.Budget(new BigDecimal(total), new BigDecimal(fiscal), new BigDecimal(other)),
                "资金用途", List.of("目标一"), plan, indicators, List.of(), null);
        kafka.send(Topics.PROJECTS, code, mapper.writeValueAsString(s));
    }

    /** A ledger write of one entry of a project of {@code year}. */
    public void payment(String entryId, String agency, String code, int year, String amount, String fund,
                        String paidOn) throws Exception {
        long seq = LedgerPositions.of(entryId);
        ProjectTotalsEvent e = new ProjectTotalsEvent(ProjectTotalsEvent.eventId(code, seq, seq), code, year, agency,
                seq, seq, 1, List.of(new ProjectTotalsEvent.DayAmount(LocalDate.parse(paidOn), fund,
                new BigDecimal(amount), 1)), null, null, null, false, Instant.parse("2021-07-01T00:00:00Z"));
        kafka.send(Topics.PROJECT_TOTALS, code, mapper.writeValueAsString(e));
    }

    public static ProjectSnapshot.Indicator numeric(int seq, String op, String value, String unit) {
        return new ProjectSnapshot.Indicator(seq, "产出指标", "数量指标", "指标" + seq, "指标" + seq,
                ("GE".equals(op) ? "≥" : "≤") + value + unit,
                new ProjectSnapshot.Target("NUMERIC", op, new BigDecimal(value), null, unit, new BigDecimal(value), null,
                        unit, null, "GE".equals(op) ? "POSITIVE" : "NEGATIVE"), "年度工作计划");
    }

    public static ProjectSnapshot.Indicator qualitative(int seq) {
        return new ProjectSnapshot.Indicator(seq, "效益指标", "社会效益指标", "提供优质服务", "提供优质服务", "提供优质服务",
                new ProjectSnapshot.Target("QUALITATIVE", null, null, null, null, null, null, null, null, "NEUTRAL"),
                "年度工作计划");
    }

    @Override
    public void close() {
        kafka.close();
    }
}
