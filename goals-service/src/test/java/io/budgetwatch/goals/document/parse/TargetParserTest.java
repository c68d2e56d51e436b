package io.budgetwatch.goals.document.parse;

import io.budgetwatch.events.ProjectSnapshot.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Plain unit test (no Quarkus): target values (指标值) as written to their parsed form. */
class TargetParserTest {

    private static Target t(String raw) {
        return TargetParser.parse(raw, 2021);
    }

    private static void numeric(Target t, String op, String value, String unit, String baseValue, String baseUnit,
                                String direction) {
        assertEquals("NUMERIC", t.kind());
        assertEquals(op, t.operator());
        assertEquals(new BigDecimal(value), t.value());
        assertEquals(unit, t.unit());
        assertEquals(baseValue == null ? null : new BigDecimal(baseValue), t.baseValue());
        assertEquals(baseUnit, t.baseUnit());
        assertEquals(direction, t.direction());
        assertNull(t.upper());
        assertNull(t.deadline());
    }

    @Test
    void seedForms() {
        numeric(t("≥1个"), "GE", "1", "个", "1", "个", "POSITIVE");
        numeric(t("≥90%"), "GE", "90", "%", "90", "%", "POSITIVE");
        numeric(t("≥3次"), "GE", "3", "次", "3", "次", "POSITIVE");
        numeric(t("≥3篇"), "GE", "3", "篇", "3", "篇", "POSITIVE");
        numeric(t("≤4000元"), "LE", "4000", "元", "4000", "元", "NEGATIVE");
        numeric(t("≤6万元"), "LE", "6", "万元", "60000", "元", "NEGATIVE");
        numeric(t("=100%"), "EQ", "100", "%", "100", "%", "NEUTRAL");
        numeric(t("280人次"), null, "280", "人次", "280", "人次", "NEUTRAL");
        assertEquals("QUALITATIVE", t("提供优质服务").kind());
        assertEquals("NEUTRAL", t("提供优质服务").direction());
        assertNull(t("稳步提高").value());
    }

    @Test
    void baseValueIsExactAndScaleIsClean() {
        assertEquals("60000", t("≤6万元").baseValue().toPlainString());
        assertEquals("5000", t("≤0.5万元").baseValue().toPlainString());
        assertEquals("123456.78", t("≤12.345678万元").baseValue().toPlainString());
        assertEquals("250000000", t("≤2.5亿元").baseValue().toPlainString());
        assertEquals("3000", t("≤3千元").baseValue().toPlainString());
        assertEquals("元", t("≤3千元").baseUnit());
        numeric(t("≥1.5万人次"), "GE", "1.5", "万人次", "15000", "人次", "POSITIVE");
        numeric(t("≤4,000元"), "LE", "4000", "元", "4000", "元", "NEGATIVE");
        assertEquals("90.50", t("≥90.50%").value().toPlainString());
    }

    @ParameterizedTest
    @CsvSource({
            ">=90%, GE", "<=4000元, LE", "＞＝90％, GE", "＜＝4000元, LE", "≧90%, GE", "≦5天, LE",
            "大于等于90%, GE", "不低于90%, GE", "不少于3次, GE", "小于等于4000元, LE", "不高于5%, LE",
            "不超过6万元, LE", ">90%, GT", "＞90%, GT", "<5%, LT", "大于90%, GT", "低于5%, LT",
            "90%以上, GE", "5天以内, LE", "≥ 90 %, GE", "＝100％, EQ", "等于100%, EQ"})
    void operatorSpellings(String raw, String op) {
        Target target = t(raw);
        assertEquals("NUMERIC", target.kind(), raw);
        assertEquals(op, target.operator(), raw);
        String expected = switch (op) {
            case "GE", "GT" -> "POSITIVE";
            case "LE", "LT" -> "NEGATIVE";
            default -> "NEUTRAL";
        };
        assertEquals(expected, target.direction(), raw);
    }

    @Test
    void fullWidthDigitsAndPercent() {
        numeric(t("≥９０％"), "GE", "90", "%", "90", "%", "POSITIVE");
    }

    @ParameterizedTest
    @CsvSource({"90%-100%", "90%～100%", "90%~100%", "90-100%", "90%—100%", "90%至100%"})
    void intervals(String raw) {
        Target target = t(raw);
        assertEquals("INTERVAL", target.kind(), raw);
        assertNull(target.operator());
        assertEquals(new BigDecimal("90"), target.value());
        assertEquals(new BigDecimal("100"), target.upper());
        assertEquals("%", target.unit());
        assertEquals(new BigDecimal("90"), target.baseValue());
        assertEquals(new BigDecimal("100"), target.baseUpper());
        assertEquals("%", target.baseUnit());
        assertEquals("NEUTRAL", target.direction());
    }

    @Test
    void moneyIntervalIsNormalized() {
        Target target = t("3-5万元");
        assertEquals("INTERVAL", target.kind());
        assertEquals(new BigDecimal("30000"), target.baseValue());
        assertEquals(new BigDecimal("50000"), target.baseUpper());
        assertEquals("元", target.baseUnit());
    }

    @Test
    void dates() {
        Target d = t("2021年12月31日前");
        assertEquals("DATE", d.kind());
        assertEquals(LocalDate.of(2021, 12, 31), d.deadline());
        assertEquals("LE", d.operator());
        assertNull(d.value());
        assertEquals(LocalDate.of(2021, 6, 30), t("6月底前").deadline());
        assertEquals(LocalDate.of(2021, 9, 15), t("9月15日前").deadline());
        assertEquals(LocalDate.of(2021, 12, 31), t("年底前").deadline());
        assertEquals(LocalDate.of(2022, 3, 31), t("2022-03-31").deadline());
        assertNull(t("2022-03-31").operator());
        assertEquals(LocalDate.of(2021, 2, 28), t("2月底前").deadline());
        assertEquals(LocalDate.of(2024, 2, 29), TargetParser.parse("2月底前", 2024).deadline());
    }

    @ParameterizedTest
    @CsvSource({"'≥90%，且≤100%'", "100%-90%", "2021年2月30日前", "约3次", "≥90%以下", "3个-5次", "三次以上", "按时完成"})
    void anythingElseIsQualitativeNotGuessed(String raw) {
        Target target = t(raw);
        assertEquals("QUALITATIVE", target.kind(), raw);
        assertNull(target.value());
        assertNull(target.baseValue());
        assertNull(target.deadline());
    }
}
