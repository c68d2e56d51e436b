package io.budgetwatch.events;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnitsTest {

    @Test
    void moneyIsConvertedExactlyToYuan() {
        assertEquals(new Units.Normalized(new BigDecimal("60000"), "元"), Units.normalize(new BigDecimal("6"), "万元"));
        assertEquals(new Units.Normalized(new BigDecimal("12345.6"), "元"),
                Units.normalize(new BigDecimal("1.23456"), "万元"));
        assertEquals(new Units.Normalized(new BigDecimal("250000000"), "元"),
                Units.normalize(new BigDecimal("2.5"), "亿元"));
        assertEquals(new Units.Normalized(new BigDecimal("4000.00"), "元"), Units.normalize(new BigDecimal("4000.00"), "元"));
        assertEquals(new Units.Normalized(new BigDecimal("1500"), "元"), Units.normalize(new BigDecimal("1.5"), "千元"));
    }

    @Test
    void otherUnitsAreTheirOwnBase() {
        assertEquals(new Units.Normalized(new BigDecimal("90"), "%"), Units.normalize(new BigDecimal("90"), "％"));
        assertEquals(new Units.Normalized(new BigDecimal("280"), "人次"), Units.normalize(new BigDecimal("280"), "人次"));
        assertEquals(new Units.Normalized(new BigDecimal("12000"), "人次"), Units.normalize(new BigDecimal("1.2"), "万人次"));
        assertEquals(new Units.Normalized(null, "元"), Units.normalize(null, "万元"));
        assertTrue(Units.isMoney("万元"));
        assertFalse(Units.isMoney("次"));
    }
}
