package io.budgetwatch.execution.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.budgetwatch.events.ProjectSnapshot;
import io.budgetwatch.events.Topics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Projects and payment records for tests. Every test uses its own project codes and payment ids. */
public final class Fixtures {

    public static final String AGENCY = "213001";
    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final AtomicInteger SEQ = new AtomicInteger();

    private Fixtures() {
    }

    /** A fresh 21-character project code: division 130303, year 21, 13 more characters. */
    public static String projectCode() {
        return "13030321" + String.format("%05d", SEQ.incrementAndGet())
                + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    public static String paymentId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 13);
    }

    public static ProjectSnapshot project(String code, int version, String total, String fiscal, String other) {
        return project(code, version, total, fiscal, other, AGENCY, "中共秦皇岛市山海关区委统战部本级");
    }

    /** A project of the given agency (code and name). */
    public static ProjectSnapshot project(String code, int version, String total, String fiscal, String other,
                                          String agency, String agencyName) {
        List<ProjectSnapshot.Indicator> indicators = List.of(
                new ProjectSnapshot.Indicator(1, "产出指标", "数量指标", "宣传资料发放数量", "发放宣传资料", "≥1000份",
                        new ProjectSnapshot.Target("NUMERIC", "GE", new BigDecimal("1000"), null, "份",
                                new BigDecimal("1000"), null, "份", null, "POSITIVE"), "工作计划"),
                new ProjectSnapshot.Indicator(2, "效益指标", "社会效益指标", "统战工作影响力", "提升影响力", "稳步提高",
                        new ProjectSnapshot.Target("QUALITATIVE", null, null, null, null, null, null, null, null,
                                "NEUTRAL"), "历史数据"),
                new ProjectSnapshot.Indicator(3, "满意度指标", "服务对象满意度指标", "服务对象满意度", "满意度", "≥90%",
                        new ProjectSnapshot.Target("NUMERIC", "GE", new BigDecimal("90"), null, "%",
                                new BigDecimal("90"), null, "%", null, "POSITIVE"), "问卷"),
                new ProjectSnapshot.Indicator(4, "产出指标", "质量指标", "服务对象满意度", "重复的名称", "≥95%",
                        new ProjectSnapshot.Target("NUMERIC", "GE", new BigDecimal("95"), null, "%",
                                new BigDecimal("95"), null, "%", null, "POSITIVE"), "问卷"));
        return new ProjectSnapshot(ProjectSnapshot.SCHEMA_VERSION, UUID.randomUUID().toString(),
                Instant.parse("2021-03-01T00:00:00Z"), code, version, 2021, agency, agencyName,
                "统战宣传项目", new ProjectSnapshot.Budget(new BigDecimal(total), new BigDecimal(fiscal),
                new BigDecimal(other)), "宣传", List.of("完成宣传"),
                List.of(new ProjectSnapshot.PlanPoint(LocalDate.of(2021, 12, 31), new BigDecimal("100"))),
                indicators, List.of(), "doc-1");
    }

    public static void publish(ProjectSnapshot snapshot) {
        try {
            TestKafka.send(Topics.PROJECTS, snapshot.projectCode(), JSON.writeValueAsBytes(snapshot));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A project with the given budget (all fiscal), published on goals.projects. */
    public static String publishProject(String budget) {
        String code = projectCode();
        publish(project(code, 1, budget, budget, "0.00"));
        return code;
    }

    public static Map<String, Object> payment(String id, String project, String amount, String fund) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("paymentId", id);
        p.put("kind", "PAYMENT");
        p.put("fiscalYear", 2021);
        p.put("agencyCode", AGENCY);
        p.put("projectCode", project);
        p.put("amount", amount);
        p.put("fundSource", fund);
        p.put("paidOn", "2021-05-20");
        p.put("economicClass", "30211");
        p.put("functionalClass", "2010101");
        p.put("authorityDocNo", "秦山财预〔2021〕12号");
        p.put("payee", "秦皇岛市某某印刷有限公司");
        p.put("purpose", "统战工作宣传资料印刷");
        return p;
    }

    public static Map<String, Object> refund(String id, String original, String project, String amount, String fund) {
        Map<String, Object> p = payment(id, project, amount, fund);
        p.put("kind", "REFUND");
        p.put("originalPaymentId", original);
        p.put("purpose", "退回多付印刷费");
        return p;
    }

    public static Map<String, Object> correction(String id, String original, String project, String amount, String fund) {
        Map<String, Object> p = payment(id, project, amount, fund);
        p.put("kind", "CORRECTION");
        p.put("originalPaymentId", original);
        p.put("purpose", "更正项目归属");
        return p;
    }

    public static byte[] bytes(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void send(Map<String, Object> payment) {
        TestKafka.send(Topics.TREASURY_PAYMENTS, (String) payment.get("projectCode"), bytes(payment));
    }
}
