package io.budgetwatch.execution.contract;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The parser accepts exactly what the published contract accepts ({@link PaymentSchemaOracle}: the schema file read
 * by an independent validator), record by record, on the fast path, the Jackson path and a record read in place from a
 * Kafka buffer; and the three paths give the same result (event, hash, refusal). Hand-written edge cases, then
 * seeded random and mutated records: the seed is printed, {@code -Dpayments.seed=N} replays it.
 */
class PaymentContractDifferentialTest {

    private static final String TYPICAL = "{\"paymentId\":\"bench-1-000042\",\"kind\":\"PAYMENT\",\"fiscalYear\":2021,"
            + "\"agencyCode\":\"213001\",\"projectCode\":\"130303210B2L85R7NSB45\",\"amount\":\"45678.90\","
            + "\"fundSource\":\"FISCAL\",\"paidOn\":\"2021-05-12\",\"economicClass\":\"30211\","
            + "\"functionalClass\":\"2010101\",\"authorityDocNo\":\"秦财预〔2021〕1号\","
            + "\"payee\":\"中国人民财产保险股份有限公司秦皇岛分公司\",\"purpose\":\"公务用车保险\"}";

    private static final PaymentSchemaOracle CONTRACT = new PaymentSchemaOracle();

    private final PaymentParser parser = new PaymentParser();
    private int fast;
    private int checked;
    private int accepted;
    /** The seed of the random test running, for the failure message. */
    private long seed = -1;

    /** Parses every way, asserts equal results and agreement with the contract; returns whether the fast path took it. */
    private boolean check(byte[] input) {
        PaymentParser.Parsed got = parser.parse(input);
        PaymentParser.Parsed jackson = parser.parseWithJackson(input);
        PaymentParser.Parsed inPlace = parser.parse(kafkaView(input));
        String refusal = CONTRACT.refusal(input);
        try {
            same(jackson, got);
            same(jackson, inPlace);
            assertEquals(refusal == null, got.ok(), () -> "contract says " + (refusal == null ? "accept" : "refuse: "
                    + refusal) + "; parser says " + (got.ok() ? "accept" : "refuse: " + got.rejection()));
        } catch (AssertionError e) {
            fail("differs" + (seed >= 0 ? " (seed " + seed + ")" : "") + " for " + show(input) + ": " + e.getMessage(), e);
        }
        checked++;
        if (got.ok()) {
            accepted++;
            assertArrayEquals(FrozenContentHash.of(got.event()), got.hash(), "content hash");
        }
        boolean taken = PaymentParser.fastPathApplies(input);
        if (taken) {
            fast++;
        }
        return taken;
    }

    /**
     * The record as a Kafka consumer hands it over: a slice of a larger buffer, with bytes around it
     * that would change the result if the scanner read past its bounds.
     */
    private static java.nio.ByteBuffer kafkaView(byte[] input) {
        if (input == null) {
            return null;
        }
        byte[] before = "{\"a\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] after = "\"}, 1}".getBytes(StandardCharsets.UTF_8);
        byte[] framed = new byte[before.length + input.length + after.length];
        System.arraycopy(before, 0, framed, 0, before.length);
        System.arraycopy(input, 0, framed, before.length, input.length);
        System.arraycopy(after, 0, framed, before.length + input.length, after.length);
        return java.nio.ByteBuffer.wrap(framed, before.length, input.length).slice();
    }

    private boolean check(String json) {
        return check(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void same(PaymentParser.Parsed want, PaymentParser.Parsed got) {
        assertEquals(want.event(), got.event(), "event");
        if (want.event() != null) {
            assertEquals(want.event().amount().toPlainString(), got.event().amount().toPlainString(), "amount text");
        }
        assertTrue(Arrays.equals(want.hash(), got.hash()), "hash");
        assertEquals(want.rejection(), got.rejection(), "rejection");
        assertEquals(want.rawPaymentId(), got.rawPaymentId(), "rawPaymentId");
        assertEquals(want.rawProjectCode(), got.rawProjectCode(), "rawProjectCode");
        assertEquals(want.ok(), got.ok(), "ok");
    }

    private static String show(byte[] b) {
        String hex = HexFormat.of().formatHex(b, 0, Math.min(b.length, 2000));
        String text = new String(b, 0, Math.min(b.length, 2000), StandardCharsets.UTF_8);
        return "[" + text + "] hex " + hex;
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            } else {
                for (int b : (int[]) p) {
                    out.write(b);
                }
            }
        }
        return out.toByteArray();
    }

    private static int[] raw(int... b) {
        return b;
    }

    private static String with(String field, String jsonValue) {
        return TYPICAL.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[0-9]+)",
                Matcher.quoteReplacement("\"" + field + "\":" + jsonValue));
    }

    @Test
    void typicalRecordsTakeTheFastPath() {
        assertTrue(check(TYPICAL));
        assertTrue(parser.parse(TYPICAL.getBytes(StandardCharsets.UTF_8)).ok());
        assertTrue(check(TYPICAL.replace(",", ",\n  ").replace(":", " : ")));
        assertTrue(check(with("amount", "1000")));
        assertTrue(check(with("kind", "\"REFUND\"").replace("\"kind\"", "\"originalPaymentId\":\"PV-0\",\"kind\"")));
        assertTrue(check(with("payee", "\"😀 emoji 𠀀 and é\"")));
        assertTrue(check("{}"));
        // what the fast path leaves to Jackson
        assertFalse(check(with("payee", "\"\\u4e2d\"")));
        assertFalse(check(bytes(raw(0xEF, 0xBB, 0xBF), TYPICAL)));
        assertFalse(check(TYPICAL.replace("\"kind\"", "\"amount\":\"1\",\"kind\"")));
        assertFalse(check(with("payee", "{\"a\":1}")));
        assertFalse(check(with("amount", "1e3")));
    }

    @Test
    void handWrittenEdgeCases() {
        List<byte[]> cases = new ArrayList<>();
        for (String s : new String[] {
                "", " ", "null", "true", "1", "\"x\"", "[]", "[" + TYPICAL + "]", "{", "}", "{}", " {} ", "{}{}", "{} x",
                "{\"paymentId\":", "{\"paymentId\"", "{\"paymentId\":\"PV", "{\"a\":1,}", "{,}", "{\"a\" 1}",
                "{\"a\":1 \"b\":2}", "{'a':1}", "{a:1}", "{\"a\":1}//", "{\"a\":1}/* */", "{\"a\":1}#",
                TYPICAL + " trailing", TYPICAL + "\n\r\t ", "\n\r\t " + TYPICAL, TYPICAL + "}", TYPICAL + ",",
                TYPICAL.substring(0, TYPICAL.length() - 1), TYPICAL.substring(0, TYPICAL.length() / 2),
                // every field rule
                with("paymentId", "\"\""), with("paymentId", "\"  \""), with("paymentId", "\"PV 1\""),
                with("paymentId", "\"PV#1\""), with("paymentId", "\"" + "P".repeat(64) + "\""),
                with("paymentId", "\"" + "P".repeat(65) + "\""), with("paymentId", "null"), with("paymentId", "12"),
                with("paymentId", "true"), with("paymentId", "\"PV\\u00001\""), with("paymentId", "\"PV\\u007f\""),
                with("kind", "\"payment\""), with("kind", "\"REFUND\""), with("kind", "\"CORRECTION\""),
                with("kind", "\" PAYMENT\""), with("kind", "null"), with("kind", "\"\""),
                with("kind", "\"REFUND\"").replace("\"kind\"", "\"originalPaymentId\":\"bench-1-000042\",\"kind\""),
                TYPICAL.replace("\"kind\"", "\"originalPaymentId\":\"PV-0\",\"kind\""),
                TYPICAL.replace("\"kind\"", "\"originalPaymentId\":\" \",\"kind\""),
                with("fiscalYear", "\"2021\""), with("fiscalYear", "\" 2021 \""), with("fiscalYear", "1999"),
                with("fiscalYear", "2101"), with("fiscalYear", "2100"), with("fiscalYear", "2000"),
                with("fiscalYear", "\"+2021\""), with("fiscalYear", "\"２０２１\""), with("fiscalYear", "2021.0"),
                with("fiscalYear", "-2021"), with("fiscalYear", "\"21\""), with("fiscalYear", "99999999999"),
                with("fiscalYear", "\"\""), with("fiscalYear", "false"),
                with("agencyCode", "\"21 3001\""), with("agencyCode", "\"" + "1".repeat(65) + "\""),
                with("agencyCode", "\"A#1\""), with("projectCode", "\"\""), with("projectCode", "null"),
                with("projectCode", "\"项目编码\""),
                with("amount", "\"0\""), with("amount", "0"), with("amount", "-0"), with("amount", "\"-1\""),
                with("amount", "-1.5"), with("amount", "\"0.005\""), with("amount", "\"-0.005\""),
                with("amount", "\"1.001\""), with("amount", "\"1.000\""), with("amount", "\"1.10000\""),
                with("amount", "\"100\""), with("amount", "\"100.\""), with("amount", "\".5\""), with("amount", "\"+5\""),
                with("amount", "\" 5 \""), with("amount", "\"5e2\""), with("amount", "5e2"), with("amount", "5E-2"),
                with("amount", "\"1e-3\""), with("amount", "1.5e1"), with("amount", "\"abc\""), with("amount", "\"\""),
                with("amount", "\"9999999999999999.99\""), with("amount", "\"10000000000000000\""),
                with("amount", "\"9999999999999999.990\""), with("amount", "\"9999999999999999.991\""),
                with("amount", "9999999999999999.99"), with("amount", "99999999999999999"),
                with("amount", "\"00000000000000000000001.50\""), with("amount", "\"0.01\""),
                with("amount", "0.01"), with("amount", "\"0.1\""), with("amount", "\"１２\""), with("amount", "true"),
                with("amount", "\"" + "9".repeat(200) + "\""), with("amount", "1" + "0".repeat(99)),
                with("amount", "1" + "0".repeat(1000)), with("amount", "\"1,000.00\""), with("amount", "\"NaN\""),
                with("fundSource", "\"OTHER\""), with("fundSource", "\"fiscal\""), with("fundSource", "1"),
                with("paidOn", "\"2021-02-29\""), with("paidOn", "\"2020-02-29\""), with("paidOn", "\"2021-04-31\""),
                with("paidOn", "\"2021-13-01\""), with("paidOn", "\"2021-00-10\""), with("paidOn", "\"2021-01-00\""),
                with("paidOn", "\"2021/05/12\""), with("paidOn", "\"2021-5-12\""), with("paidOn", "\" 2021-05-12\""),
                with("paidOn", "\"+2021-05-12\""), with("paidOn", "\"+12021-05-12\""), with("paidOn", "\"12021-05-12\""),
                with("paidOn", "\"-2021-05-12\""), with("paidOn", "\"0000-01-01\""), with("paidOn", "\"9999-12-31\""),
                with("paidOn", "\"1900-02-29\""), with("paidOn", "\"2000-02-29\""), with("paidOn", "\"2021-05-12T00:00\""),
                with("paidOn", "\"２０２１-05-12\""), with("paidOn", "20210512"), with("paidOn", "\"\""),
                with("payee", "\"" + "中".repeat(500) + "\""), with("payee", "\"" + "中".repeat(501) + "\""),
                with("purpose", "\"" + "😀".repeat(250) + "\""), with("purpose", "\"" + "😀".repeat(251) + "\""),
                with("purpose", "\"" + "x".repeat(100_000) + "\""), with("economicClass", "\"  \""),
                with("functionalClass", "null"), with("authorityDocNo", "[1,2]"), with("payee", "[]"),
                with("purpose", "{}"), with("paymentId", "{\"id\":\"x\"}"),
                // the rows of issue 11 and their neighbours
                with("amount", "\"1e3\""), with("amount", "1e3"), with("amount", "1E3"), with("amount", "\"１００\""),
                with("amount", "\" 10.00\""), with("amount", "\"10.00 \""), with("amount", "\"10.\""),
                with("amount", "\".5\""), with("amount", "\"+10\""), with("amount", "\"٣\""), with("amount", "\"३\""),
                with("amount", "\"0010\""), with("amount", "\"0.5\""), with("amount", "\"0.50\""), with("amount", "\"0.05\""),
                with("amount", "\"0.00\""), with("amount", "\"0.0\""), with("amount", "\"00.5\""), with("amount", "\"10\\n\""),
                with("amount", "1e400"), with("amount", "-1e400"), with("amount", "1E+999999"), with("amount", "1e-400"),
                with("amount", "123456789012345678901234567890"), with("fiscalYear", "1e400"),
                with("fiscalYear", "20210000000000000000000000"), TYPICAL.replace("{", "{\"extra\":1e400,\"more\":-1e400,"),
                TYPICAL.replace("{", "{\"extra\":123456789012345e78901234567890,"), with("amount", "1e78901234567890"),
                with("kind", "1e78901234567890"), with("fundSource", "-1e78901234567890"),
                with("payee", "[1e78901234567890]"), with("fiscalYear", "2021e78901234567890"),
                with("amount", "1000.0"), with("amount", "1000.00"), with("amount", "0.5"), with("amount", "-0.5"),
                with("amount", "\"\\u0031\""), with("amount", "\"10\u00a0\""), with("amount", "\"1_000\""),
                with("fiscalYear", "\"２０２１\""), with("fiscalYear", "2.021e3"), with("fiscalYear", "\"02021\""),
                with("fiscalYear", "\"2021\\n\""), with("paymentId", "\"PV\u00a01\""), with("paymentId", "\"票号1\""),
                with("paymentId", "\"PV\\u00001\""), with("paidOn", "\"2021-05-12\\n\""),
                with("payee", "\"a\\u0000b\""), with("purpose", "\"\\ud800\""), with("purpose", "\"\\udc00\\ud800\""),
                TYPICAL.replace("\"kind\"", "\"originalPaymentId\":\"\",\"kind\""),
                TYPICAL.replace("\"kind\"", "\"originalPaymentId\":null,\"kind\""),
                with("kind", "\"REFUND\"").replace("\"kind\"", "\"originalPaymentId\":null,\"kind\""),
                with("kind", "\"REFUND\"").replace("\"kind\"", "\"originalPaymentId\":\"\",\"kind\""),
                with("kind", "\"REFUND\"").replace("\"kind\"", "\"originalPaymentId\":\"PV 0\",\"kind\""),
                TYPICAL.replace("{", "{\"extra\":\"\\u0000\\ud800\","),
                // escapes
                with("payee", "\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\""), with("payee", "\"\\u4e2d\\u6587\""),
                with("payee", "\"\\ud83d\\ude00\""), with("payee", "\"\\ud83d\""), with("payee", "\"\\ude00x\""),
                with("payee", "\"\\ud83dx\""), with("payee", "\"\\x\""), with("payee", "\"\\u12\""),
                with("payee", "\"\\u0000\""), TYPICAL.replace("\"payee\"", "\"pay\\u0065e\""),
                TYPICAL.replace("\"payee\"", "\"pa\\\"yee\""), with("paidOn", "\"2021\\u002d05-12\""),
                with("kind", "\"PAY\\u004dENT\""),
                // literal and control characters inside strings
                with("payee", "\"tab\there\""), with("payee", "\"nl\nhere\""), with("payee", "\"del\u007f\""),
                with("payee", "\"\u2028\u2029\uFEFF\uFFFF\uFFFE\""),
                // unknown fields, nested, duplicates
                TYPICAL.replace("{", "{\"extra\":{\"a\":[1,{\"b\":\"\\u0000\"}],\"c\":null},\"x\":[],"),
                TYPICAL.replace("{", "{\"extra\":1e5,\"y\":true,\"z\":false,\"w\":null,\"v\":-0.0,"),
                TYPICAL.replace("{", "{\"a\u007f/ #\":1,"), TYPICAL.replace("{", "{\"额外\":\"值\","),
                TYPICAL.replace("{", "{\"extra\":\"a\",\"extra\":\"b\","),
                TYPICAL.replace("{", "{\"" + "n".repeat(300) + "\":1,"),
                TYPICAL.replace("{", "{\"" + "n".repeat(50_001) + "\":1,"),
                TYPICAL.replace("{", "{\"extra\":\"" + "v".repeat(70_000) + "\","),
                TYPICAL.replace("\"kind\"", "\"payee\":\"first\",\"kind\""),
                TYPICAL.replace("\"kind\"", "\"payee\":{\"a\":1},\"kind\""),
                TYPICAL.replace("\"kind\"", "\"payee\":null,\"kind\""), TYPICAL + TYPICAL,
                TYPICAL.replace("{", "{\"extra\":tru,"), TYPICAL.replace("{", "{\"extra\":truex,"),
                TYPICAL.replace("{", "{\"extra\":nullx,"), TYPICAL.replace("{", "{\"extra\":01,"),
                TYPICAL.replace("{", "{\"extra\":1.,"), TYPICAL.replace("{", "{\"extra\":-,"),
                TYPICAL.replace("{", "{\"extra\":+1,"), TYPICAL.replace("{", "{\"extra\":.5,"),
                TYPICAL.replace("{", "{\"extra\":NaN,"), TYPICAL.replace("{", "{\"extra\":1.5.5,"),
                TYPICAL.replace("{", "{\"extra\":'x',"), TYPICAL.replace("{", "{\"extra\":\"a\"\"b\","),
                TYPICAL.replace(":", " \t\r\n: \t\r\n").replace(",", " \n,\r "),
                // numbers where strings are expected
                with("paymentId", "-0.50"), with("projectCode", "130303"), with("agencyCode", "213001"),
                with("payee", "0"), with("economicClass", "30211"),
        }) {
            cases.add(s.getBytes(StandardCharsets.UTF_8));
        }
        cases.add(null);
        cases.add(bytes(raw(0xEF, 0xBB, 0xBF), TYPICAL));
        cases.add(bytes(raw(0xEF, 0xBB, 0xBF)));
        cases.add(bytes(raw(0xFE, 0xFF), "{}"));
        cases.add(TYPICAL.getBytes(StandardCharsets.UTF_16BE));
        cases.add(TYPICAL.getBytes(StandardCharsets.UTF_16LE));
        cases.add(TYPICAL.getBytes(StandardCharsets.UTF_16));
        cases.add(bytes("{", raw(0), "}"));
        cases.add(bytes(raw(0), "{}"));
        cases.add(bytes("{}", raw(0)));
        cases.add(bytes(raw(0x0B), "{}"));
        cases.add(bytes("{", raw(0xC3), "}"));
        int[][] badUtf8 = {
                {0x80}, {0xBF}, {0xC0, 0x80}, {0xC1, 0xBF}, {0xC2}, {0xC2, 0x41}, {0xE0, 0x80, 0x80}, {0xE0, 0x9F, 0xBF},
                {0xE4, 0xB8}, {0xE4, 0x41, 0xAD}, {0xED, 0xA0, 0x80}, {0xED, 0xBF, 0xBF}, {0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80},
                {0xF0, 0x80, 0x80, 0x80}, {0xF0, 0x8F, 0xBF, 0xBF}, {0xF4, 0x90, 0x80, 0x80}, {0xF5, 0x80, 0x80, 0x80},
                {0xF7, 0xBF, 0xBF, 0xBF}, {0xF8, 0x88, 0x80, 0x80, 0x80}, {0xFC, 0x84, 0x80, 0x80, 0x80, 0x80}, {0xFE},
                {0xFF}, {0xF0, 0x9F, 0x98}, {0xF0, 0x9F, 0x98, 0x22},
        };
        int[][] goodUtf8 = {
                {0xC2, 0x80}, {0xDF, 0xBF}, {0xE0, 0xA0, 0x80}, {0xED, 0x9F, 0xBF}, {0xEE, 0x80, 0x80}, {0xEF, 0xBF, 0xBF},
                {0xF0, 0x90, 0x80, 0x80}, {0xF4, 0x8F, 0xBF, 0xBF}, {0xF0, 0x9F, 0x98, 0x80}, {0xE4, 0xB8, 0xAD},
        };
        for (int[][] set : new int[][][] {badUtf8, goodUtf8}) {
            for (int[] seq : set) {
                String head = TYPICAL.substring(0, TYPICAL.indexOf("\"payee\":\"") + 9);
                String tail = TYPICAL.substring(head.length());
                cases.add(bytes(head, seq, tail));
                cases.add(bytes(head.replace("\"fiscalYear\"", "\"x\":\"ab"), seq, "\",\"fiscalYear\"",
                        TYPICAL.substring(TYPICAL.indexOf("\"fiscalYear\"") + 12)));
                cases.add(bytes("{\"a", seq, "\":1}"));
                cases.add(bytes(TYPICAL, seq));
            }
        }
        for (byte[] c : cases) {
            check(c);
        }
        assertEquals(cases.size(), checked);
        assertTrue(fast > 100, "fast path taken " + fast + " of " + checked);
        assertTrue(checked - fast > 100, "Jackson path taken " + (checked - fast) + " of " + checked);
    }

    @Test
    void randomAndMutatedRecords() {
        seed = Long.getLong("payments.seed", System.nanoTime() & Long.MAX_VALUE);
        System.out.println("PaymentContractDifferentialTest.randomAndMutatedRecords seed " + seed
                + " (replay: -Dpayments.seed=" + seed + ")");
        Random random = new Random(seed);
        int[] fastBy = new int[2];
        int[] okBy = new int[2];
        for (int i = 0; i < 220_000; i++) {
            byte[] record = RandomPaymentRecords.record(random).getBytes(StandardCharsets.UTF_8);
            int mutated = i % 2;
            if (mutated == 1) {
                record = RandomPaymentRecords.mutate(random, record);
            }
            int before = accepted;
            if (check(record)) {
                fastBy[mutated]++;
            }
            okBy[mutated] += accepted - before;
        }
        String counts = "seed " + seed + ": fast path clean/mutated " + Arrays.toString(fastBy) + ", accepted "
                + Arrays.toString(okBy);
        System.out.println(counts);
        assertEquals(220_000, checked);
        assertTrue(fastBy[0] > 55_000 && fastBy[1] > 5_000, counts);
        assertTrue(checked - fast > 60_000, counts);
        assertTrue(okBy[0] > 15_000 && okBy[1] > 1_500 && okBy[1] < okBy[0], counts);
    }

    @Test
    void theHashOfAnEventIsAsBefore() {
        PaymentParser.Parsed p = parser.parse(TYPICAL.getBytes(StandardCharsets.UTF_8));
        assertNotNull(p.event());
        assertArrayEquals(FrozenContentHash.of(p.event()), p.hash());
        assertArrayEquals(FrozenContentHash.of(p.event()), PaymentParser.hash(p.event()));
        Random random = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            var e = p.event();
            var other = new io.budgetwatch.events.PaymentEvent(e.paymentId(), e.kind(), e.originalPaymentId(),
                    random.nextBoolean() ? null : random.nextInt(), e.agencyCode(), e.projectCode(),
                    random.nextBoolean() ? null : new java.math.BigDecimal(java.math.BigInteger.valueOf(random.nextLong()),
                            random.nextInt(8) - 3),
                    e.fundSource(), random.nextBoolean() ? null
                            : java.time.LocalDate.ofEpochDay(random.nextInt(8_000_000) - 4_000_000),
                    e.economicClass(), e.functionalClass(), e.authorityDocNo(), e.payee(), e.purpose());
            assertArrayEquals(FrozenContentHash.of(other), PaymentParser.hash(other), other.toString());
        }
    }
}
