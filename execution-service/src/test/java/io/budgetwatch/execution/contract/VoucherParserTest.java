package io.budgetwatch.execution.contract;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The voucher contract: both element name cases, strict amounts and times, the fund type table. */
class VoucherParserTest {

    private static final VoucherParser PARSER = new VoucherParser(Map.of("1", "FISCAL", "5", "OTHER")::get,
            new PaymentRecordRules(0));

    static String paid(boolean upper, String amount) {
        String s = """
                {"PAY_CERT_ID":"8a8f0c1e2021051200001","PAY_CERT_NO":"2021000123","FISCAL_YEAR":"2021",
                 "MOF_DIV_CODE":"130303","AGENCY_CODE":"213001","AGENCY_NAME":"中共秦皇岛市山海关区委统战部本级",
                 "PRO_CODE":"130303210B2L85R7NSB45","PRO_NAME":"统战宣传项目","PAY_AMT":"1000.00","XPAY_AMT":"%s",
                 "VOU_DATE":"2021-05-10","XPAY_DATE":"2021-05-12 10:30:00","FUND_TYPE_CODE":"1","FUND_TYPE_NAME":"一般公共预算资金",
                 "EXP_FUNC_CODE":"2013601","GOV_BGT_ECO_CODE":"502","DEP_BGT_ECO_CODE":"30211",
                 "PAYEE_ACCT_NAME":"秦皇岛市某某印刷有限公司","USE_DES":"宣传资料印刷","SET_MODE_CODE":"2",
                 "PAY_BUS_TYPE_CODE":"1","IS_DELETED":0,"UPDATE_TIME":"2021-05-12 10:31:05"}""".formatted(amount);
        if (upper) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"([A-Z_]+)\":").matcher(s);
        while (m.find()) {
            m.appendReplacement(out, "\"" + m.group(1).toLowerCase(Locale.ROOT) + "\":");
        }
        return m.appendTail(out).toString();
    }

    static VoucherParser.Parsed parse(String json) {
        return PARSER.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void upperAndLowerElementNamesGiveTheSameRecordAndHash() {
        VoucherParser.Parsed upper = parse(paid(true, "998.5"));
        VoucherParser.Parsed lower = parse(paid(false, "998.50"));
        assertTrue(upper.ok(), String.valueOf(upper.rejection()));
        assertTrue(lower.ok(), String.valueOf(lower.rejection()));
        assertEquals(upper.record(), lower.record());
        assertArrayEquals(upper.hash(), lower.hash());
        VoucherRecord r = upper.record();
        assertEquals(new BigDecimal("998.50"), r.xpayAmt());
        assertEquals("FISCAL", r.fundSource());
        assertEquals(LocalDateTime.parse("2021-05-12T10:31:05"), r.updateTime());
        assertEquals("2021-05-12", r.paidOn().toString());
        assertTrue(r.counts());
        assertEquals("中共秦皇岛市山海关区委统战部本级", r.agencyName());
    }

    @Test
    void withoutXpayDateTheVoucherIsPendingAndAZeroXpayAmtIsNone() {
        String pending = paid(true, "0.00").replace("\"XPAY_DATE\":\"2021-05-12 10:30:00\",", "");
        VoucherParser.Parsed p = parse(pending);
        assertTrue(p.ok(), String.valueOf(p.rejection()));
        assertFalse(p.record().paid());
        assertNull(p.record().xpayAmt());
        // once paid, XPAY_AMT must be the amount paid
        VoucherParser.Parsed zeroPaid = parse(paid(true, "0.00"));
        assertEquals("XPAY_AMT", zeroPaid.rejection().field());
        VoucherParser.Parsed noAmount = parse(paid(true, "1").replace("\"XPAY_AMT\":\"1\",", ""));
        assertEquals(RejectReason.MISSING_FIELD, noAmount.rejection().reason());
        assertEquals("XPAY_AMT", noAmount.rejection().field());
    }

    @Test
    void amountsFollowThePaymentRule() {
        for (String bad : new String[] {"1e3", "１００", " 10.00", "10.", ".5", "+10", "-10.00", "10.001", "010"}) {
            VoucherParser.Parsed p = parse(paid(true, bad));
            assertFalse(p.ok(), bad);
            assertEquals(RejectReason.INVALID_FIELD, p.rejection().reason(), bad);
            assertEquals("XPAY_AMT", p.rejection().field(), bad);
        }
        VoucherParser.Parsed number = parse(paid(true, "1").replace("\"XPAY_AMT\":\"1\"", "\"XPAY_AMT\":1e3"));
        assertEquals("XPAY_AMT", number.rejection().field());
        VoucherParser.Parsed plainNumber = parse(paid(true, "1").replace("\"XPAY_AMT\":\"1\"", "\"XPAY_AMT\":12.5"));
        assertEquals(new BigDecimal("12.50"), plainNumber.record().xpayAmt());
    }

    @Test
    void timesAreDatesOrDateTimesAndPaymentsLieInTheFiscalYear() {
        String base = paid(true, "1");
        assertEquals(LocalDateTime.parse("2021-05-12T00:00:00"),
                parse(base.replace("2021-05-12 10:31:05", "2021-05-12")).record().updateTime());
        for (String bad : new String[] {"2021-05-12T10:31:05", "2021/05/12", "2021-02-30", "2021-05-12 24:00:00",
                "2021-05-12 10:31", "2021-05-12 10:31:05.123"}) {
            VoucherParser.Parsed p = parse(base.replace("2021-05-12 10:31:05", bad));
            assertEquals("UPDATE_TIME", p.rejection().field(), bad);
        }
        VoucherParser.Parsed early = parse(base.replace("2021-05-12 10:30:00", "2020-12-31 23:59:59"));
        assertEquals(RejectReason.PAID_BEFORE_FISCAL_YEAR, early.rejection().reason());
        assertEquals("XPAY_DATE", early.rejection().field());
    }

    @Test
    void anUnmappedFundTypeIsRefusedNeverGuessed() {
        VoucherParser.Parsed p = parse(paid(true, "1").replace("\"FUND_TYPE_CODE\":\"1\"", "\"FUND_TYPE_CODE\":\"11\""));
        assertEquals(RejectReason.UNKNOWN_FUND_TYPE, p.rejection().reason());
        assertEquals("FUND_TYPE_CODE", p.rejection().field());
        assertTrue(RejectReason.UNKNOWN_FUND_TYPE.retryable());
        assertEquals("8a8f0c1e2021051200001", p.rawPayCertId());
        assertEquals("OTHER", parse(paid(true, "1").replace("\"FUND_TYPE_CODE\":\"1\"", "\"FUND_TYPE_CODE\":\"5\""))
                .record().fundSource());
    }

    @Test
    void anElementGivenTwiceInEitherCaseIsAmbiguous() {
        String twice = paid(true, "1").replace("\"IS_DELETED\":0", "\"IS_DELETED\":0,\"is_deleted\":1");
        assertEquals(RejectReason.MALFORMED_JSON, parse(twice).rejection().reason());
        String mixed = paid(true, "1").replace("\"PAY_CERT_NO\"", "\"pay_cert_no\"");
        assertTrue(parse(mixed).ok());
        String camel = paid(true, "1").replace("\"PAY_CERT_NO\"", "\"Pay_Cert_No\"");
        assertEquals("PAY_CERT_NO", parse(camel).rejection().field());
    }

    @Test
    void isDeletedIsZeroOrOneAndRequiredElementsAreNamed() {
        assertTrue(parse(paid(true, "1").replace("\"IS_DELETED\":0", "\"IS_DELETED\":\"1\"")).record().deleted());
        assertFalse(parse(paid(true, "1").replace("\"IS_DELETED\":0", "\"IS_DELETED\":1")).record().counts());
        assertEquals("IS_DELETED", parse(paid(true, "1").replace("\"IS_DELETED\":0", "\"IS_DELETED\":true"))
                .rejection().field());
        VoucherParser.Parsed none = parse("{}");
        assertEquals(RejectReason.MISSING_FIELD, none.rejection().reason());
        assertEquals("PAY_CERT_ID", none.rejection().field());
        assertEquals(9, none.rejection().issues().size()); // the nine required elements
        assertEquals(RejectReason.MALFORMED_JSON, parse("[]").rejection().reason());
        assertEquals(RejectReason.MALFORMED_JSON, parse("{\"PAY_CERT_ID\":\"x\"} {}").rejection().reason());
    }
}
