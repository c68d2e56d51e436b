package io.budgetwatch.execution.contract;

import io.budgetwatch.events.PaymentEvent;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The record rules the schema cannot state: payment dates against the fiscal year and its settlement window. */
class PaymentRecordRulesTest {

    private static PaymentEvent paidOn(String date) {
        return new PaymentEvent("PV-1", "PAYMENT", null, 2021, "213001", "130303210B2L85R7NSB45",
                new BigDecimal("10.00"), "FISCAL", LocalDate.parse(date), null, null, null, null, null);
    }

    @Test
    void withoutASettlementWindowOnlyTheFiscalYearCounts() {
        PaymentRecordRules rules = new PaymentRecordRules(0);
        assertNull(rules.broken(paidOn("2021-01-01")));
        assertNull(rules.broken(paidOn("2021-12-31")));
        assertEquals(RejectReason.PAID_BEFORE_FISCAL_YEAR, rules.broken(paidOn("2020-12-31")).reason());
        assertEquals("paidOn", rules.broken(paidOn("2020-12-31")).field());
        assertEquals(RejectReason.PAID_AFTER_FISCAL_YEAR, rules.broken(paidOn("2022-01-01")).reason());
        assertEquals(RejectReason.PAID_BEFORE_FISCAL_YEAR, rules.broken(paidOn("0001-01-01")).reason());
    }

    @Test
    void aSettlementWindowExtendsTheYearByItsDaysAndNoMore() {
        PaymentRecordRules rules = new PaymentRecordRules(31);
        assertNull(rules.broken(paidOn("2022-01-31")));
        assertEquals(RejectReason.PAID_AFTER_FISCAL_YEAR, rules.broken(paidOn("2022-02-01")).reason());
        assertEquals("paidOn 2022-02-01 is after fiscal year 2021 (with a settlement window of 31 days, until 2022-01-31)",
                rules.broken(paidOn("2022-02-01")).messageEn());
        assertEquals(RejectReason.PAID_BEFORE_FISCAL_YEAR, rules.broken(paidOn("2020-12-31")).reason());
        assertThrows(IllegalArgumentException.class, () -> new PaymentRecordRules(-1));
    }

    @Test
    void aRefundOrCorrectionNamesAnotherVoucher() {
        PaymentEvent self = new PaymentEvent("PV-1", "REFUND", "PV-1", 2021, "213001", "130303210B2L85R7NSB45",
                new BigDecimal("10.00"), "FISCAL", LocalDate.parse("2021-05-01"), null, null, null, null, null);
        assertEquals("originalPaymentId", new PaymentRecordRules(0).broken(self).field());
    }
}
