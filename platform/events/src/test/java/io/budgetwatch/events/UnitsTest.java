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
        assertEquals(new Units.Normalized(new BigDecimal("4000"), "元"), Units.normalize(new BigDecimal("4000.00"), "元"));
    }

    @Test
    void otherUnitsAreTheirOwnBase() {
        assertEquals(new Units.Normalized(new BigDecimal("90"), "%"), Units.normalize(new BigDecimal("90"), "％"));
        assertEquals(new Units.Normalized(new BigDecimal("280"), "人次"), Units.normalize(new BigDecimal("280"), "人次"));
        assertTrue(Units.isMoney("万元"));
        assertFalse(Units.isMoney("次"));
    }
}
