package io.budgetwatch.execution.contract;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsing and field rules of one record, without broker or database. */
class PaymentParserTest {

    private final PaymentParser parser = new PaymentParser();

    private static final String VALID = """
            {"paymentId":"PV-1","kind":"PAYMENT","fiscalYear":2021,"agencyCode":"213001",
             "projectCode":"130303210B2L85R7NSB45","amount":"4000","fundSource":"FISCAL","paidOn":"2021-05-12",
             "payee":"中国人民财产保险股份有限公司秦皇岛分公司","purpose":"公务用车保险","extra":"ignored"}""";

    private PaymentParser.Parsed parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aValidRecordIsNormalized() {
        PaymentParser.Parsed p = parse(VALID);
        assertTrue(p.ok());
        assertEquals("4000.00", p.event().amount().toPlainString());
        assertEquals(2021, p.event().fiscalYear());
        assertEquals("中国人民财产保险股份有限公司秦皇岛分公司", p.event().payee());
        assertNull(p.event().originalPaymentId());
        assertEquals(32, p.hash().length);
    }

    @Test
    void theHashIgnoresFormattingButNotContent() {
        byte[] a = parse(VALID).hash();
        byte[] b = parse(VALID.replace("\"4000\"", "4000.00").replace("\n", " ")).hash();
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, parse(VALID.replace("公务用车保险", "公务用车保险费")).hash()));
    }

    @Test
    void everyBadFieldIsReported() {
        PaymentParser.Parsed p = parse("""
                {"paymentId":"PV 1","kind":"REFUND","fiscalYear":"21","agencyCode":"213001",
                 "projectCode":"X","amount":"0.005","fundSource":"fiscal","paidOn":"2021/05/12"}""");
        assertFalse(p.ok());
        assertEquals(java.util.List.of("paymentId", "originalPaymentId", "fiscalYear", "amount", "fundSource", "paidOn"),
                p.rejection().issues().stream().map(Rejection.FieldIssue::field).toList());
        assertEquals(RejectReason.INVALID_FIELD, p.rejection().reason());
        assertEquals("paymentId", p.rejection().field());
        assertEquals("PV 1", p.rawPaymentId());
        assertEquals("X", p.rawProjectCode());
    }

    @Test
    void aPaymentMayNotNameAnOriginalAndARefundMayNotNameItself() {
        assertEquals("originalPaymentId", parse(VALID.replace("\"kind\":\"PAYMENT\"",
                "\"kind\":\"PAYMENT\",\"originalPaymentId\":\"PV-0\"")).rejection().field());
        assertEquals("originalPaymentId", new PaymentRecordRules(0).check(parse(VALID.replace("\"kind\":\"PAYMENT\"",
                "\"kind\":\"REFUND\",\"originalPaymentId\":\"PV-1\""))).rejection().field());
    }

    @Test
    void wrongJsonTypesAndBrokenJsonAreTellingApart() {
        PaymentParser.Parsed wrongType = parse(VALID.replace("\"amount\":\"4000\"", "\"amount\":{\"v\":1}"));
        assertEquals(RejectReason.INVALID_FIELD, wrongType.rejection().reason());
        assertEquals("amount", wrongType.rejection().field());
        assertEquals(RejectReason.MALFORMED_JSON, parse("{\"paymentId\":").rejection().reason());
        assertEquals(RejectReason.MALFORMED_JSON, parse(VALID + " trailing").rejection().reason());
        assertEquals(RejectReason.MALFORMED_JSON, parser.parse(new byte[0]).rejection().reason());
        assertEquals(RejectReason.MALFORMED_JSON, parse("null").rejection().reason());
        assertEquals(RejectReason.MALFORMED_JSON, parser.parse(new byte[] {'{', (byte) 0xC3, '}'}).rejection().reason());
    }
}
