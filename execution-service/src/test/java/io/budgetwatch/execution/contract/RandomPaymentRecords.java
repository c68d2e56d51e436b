package io.budgetwatch.execution.contract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Seeded generator of payment records for the differential test: mostly plausible, often subtly wrong. */
public final class RandomPaymentRecords {

    private static final String[] FIELDS = PaymentParser.FIELDS;
    private static final String[] UNKNOWN = {"extra", "额外字段", "paymentid", "Amount", "payee ", "a\\\"b", "pay\\u0065e",
            "kind\\u0000", "", "😀"};
    private static final String CJK = "中国人民财产保险股份有限公司秦皇岛分公司公务用车保险退回多付保险费更正项目归属秦财预〔2021〕号";
    private static final int[] INTERESTING = {'"', '\\', '{', '}', '[', ']', ',', ':', ' ', '\t', '\n', '\r', 0, 0x1F, '0',
            '9', '-', '+', '.', 'e', 'E', 'n', 't', 'u', 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE4, 0xED, 0xEF,
            0xF0, 0xF4, 0xF5, 0xF8, 0xFE, 0xFF, 0xBB};

    private RandomPaymentRecords() {
    }

    public static String record(Random r) {
        List<String> members = new ArrayList<>();
        String kind = pick(r, 0.75, "PAYMENT", "REFUND", "CORRECTION", "payment", "", " REFUND", "OTHER");
        String paymentId = "PV" + (r.nextInt(1_000_000) + 1);
        for (int i = 0; i < FIELDS.length; i++) {
            String name = FIELDS[i];
            boolean wanted = i != 2 ? r.nextDouble() < 0.96 : !"PAYMENT".equals(kind) ^ r.nextDouble() < 0.05;
            if (!wanted) {
                continue;
            }
            String value = switch (i) {
                case 0 -> r.nextDouble() < 0.97 ? str(r, paymentId) : value(r, anyText(r, 70));
                case 1 -> r.nextDouble() < 0.97 ? str(r, kind) : value(r, anyText(r, 8));
                case 2 -> r.nextDouble() < 0.05 ? str(r, paymentId) : r.nextDouble() < 0.97
                        ? str(r, "PV" + r.nextInt(1000)) : value(r, anyText(r, 70));
                case 3 -> year(r);
                case 4 -> r.nextDouble() < 0.97 ? str(r, "213001") : value(r, anyText(r, 70));
                case 5 -> r.nextDouble() < 0.97 ? str(r, "130303210B2L85R7NSB" + r.nextInt(100)) : value(r, anyText(r, 70));
                case 6 -> amount(r);
                case 7 -> str(r, pick(r, 0.95, "FISCAL", "OTHER", "fiscal", "", "FISCAL "));
                case 8 -> date(r);
                default -> r.nextDouble() < 0.95 ? str(r, cjk(r, r.nextDouble() < 0.02 ? 480 + r.nextInt(40)
                        : r.nextInt(40))) : value(r, anyText(r, r.nextDouble() < 0.1 ? 520 : 30));
            };
            members.add(member(r, name, value));
            if (r.nextDouble() < 0.01) { // duplicate key
                members.add(member(r, name, r.nextBoolean() ? value : value(r, anyText(r, 10))));
            }
        }
        while (r.nextDouble() < 0.15) {
            members.add(member(r, UNKNOWN[r.nextInt(UNKNOWN.length)], value(r, anyText(r, 20))));
        }
        if (r.nextDouble() < 0.2) {
            Collections.shuffle(members, r);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(ws(r)).append('{').append(ws(r));
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                sb.append(ws(r)).append(',').append(ws(r));
            }
            sb.append(members.get(i));
        }
        sb.append(ws(r)).append('}').append(ws(r));
        return sb.toString();
    }

    static byte[] mutate(Random r, byte[] in) {
        List<Byte> b = new ArrayList<>(in.length + 8);
        for (byte x : in) {
            b.add(x);
        }
        int ops = r.nextInt(3) == 0 ? 2 + r.nextInt(2) : 1;
        for (int k = 0; k < ops; k++) {
            int at = b.isEmpty() ? 0 : r.nextInt(b.size());
            switch (r.nextInt(7)) {
                case 0 -> {
                    if (!b.isEmpty()) {
                        b.set(at, (byte) (b.get(at) ^ (1 << r.nextInt(8))));
                    }
                }
                case 1 -> {
                    if (!b.isEmpty()) {
                        b.set(at, (byte) INTERESTING[r.nextInt(INTERESTING.length)]);
                    }
                }
                case 2 -> b.add(at, (byte) (r.nextBoolean() ? INTERESTING[r.nextInt(INTERESTING.length)] : r.nextInt(256)));
                case 3 -> {
                    for (int n = 1 + r.nextInt(3); n > 0 && at < b.size(); n--) {
                        b.remove(at);
                    }
                }
                case 4 -> {
                    while (b.size() > at) {
                        b.remove(b.size() - 1);
                    }
                }
                case 5 -> {
                    if (!b.isEmpty()) {
                        int from = r.nextInt(b.size());
                        int to = Math.min(b.size(), from + 1 + r.nextInt(30));
                        b.addAll(at, new ArrayList<>(b.subList(from, to)));
                    }
                }
                default -> {
                    int lead = 0xC0 + r.nextInt(64);
                    int len = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
                    b.add(at, (byte) lead);
                    for (int j = 1; j < len; j++) {
                        b.add(at + j, (byte) (r.nextInt(8) == 0 ? r.nextInt(256) : 0x80 + r.nextInt(64)));
                    }
                }
            }
        }
        byte[] out = new byte[b.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.get(i);
        }
        return out;
    }

    private static String member(Random r, String name, String value) {
        return '"' + name + '"' + ws(r) + ':' + ws(r) + value;
    }

    private static String ws(Random r) {
        if (r.nextDouble() < 0.85) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int n = r.nextInt(3); n >= 0; n--) {
            sb.append(" \t\n\r".charAt(r.nextInt(4)));
        }
        return sb.toString();
    }

    @SafeVarargs
    private static <T> T pick(Random r, double first, T... values) {
        return r.nextDouble() < first ? values[0] : values[1 + r.nextInt(values.length - 1)];
    }

    private static String year(Random r) {
        double p = r.nextDouble();
        if (p < 0.6) {
            return "2021";
        }
        if (p < 0.8) {
            return str(r, "2021");
        }
        if (p < 0.9) {
            int y = 1990 + r.nextInt(120);
            return r.nextBoolean() ? Integer.toString(y) : str(r, Integer.toString(y));
        }
        return value(r, pick(r, 0.0, "", " 2021 ", "２０２１", "٢٠٢١", "२०२१", "2021.0", "+2021", "-2021", "20 21",
                "99999999999", "0x7E5", "2021\n", "2100", "2101", "02021", anyText(r, 6)));
    }

    private static String amount(Random r) {
        String text;
        double p = r.nextDouble();
        if (p < 0.6) {
            text = java.math.BigDecimal.valueOf(1 + r.nextInt(999_999_999), 2).toPlainString();
        } else if (p < 0.9) {
            StringBuilder sb = new StringBuilder();
            if (r.nextDouble() < 0.05) {
                sb.append(r.nextBoolean() ? '-' : '+');
            }
            int intDigits = r.nextDouble() < 0.05 ? r.nextInt(25) : r.nextInt(8);
            for (int i = 0; i < intDigits; i++) {
                sb.append((char) ('0' + (r.nextDouble() < 0.2 ? 0 : r.nextInt(10))));
            }
            if (r.nextDouble() < 0.6) {
                sb.append('.');
                int frac = r.nextInt(6);
                for (int i = 0; i < frac; i++) {
                    sb.append((char) ('0' + (r.nextDouble() < 0.4 ? 0 : r.nextInt(10))));
                }
            }
            if (r.nextDouble() < 0.05) {
                sb.append(r.nextBoolean() ? 'e' : 'E').append(pick(r, 0.5, "", "+", "-")).append(r.nextInt(20));
            }
            text = sb.toString();
        } else {
            text = pick(r, 0.0, "", " 12.50 ", "9999999999999999.99", "10000000000000000", "9999999999999999.999",
                    "1,000", "１２", "٣٤.٥", "१२", "12\u00a0", "1e3", "1E+3", "0.5", "0.05", "00.5", "0", "0.00", "-0",
                    "NaN", "Infinity", "12.5\n", "\u0031\u0032", anyText(r, 6));
        }
        boolean number = r.nextDouble() < 0.3 && text.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
        return number ? text : str(r, text);
    }

    private static String date(Random r) {
        double p = r.nextDouble();
        String text;
        if (p < 0.85) {
            text = String.format("2021-%02d-%02d", 1 + r.nextInt(12), 1 + r.nextInt(28));
        } else if (p < 0.95) {
            int y = r.nextDouble() < 0.5 ? 1999 + r.nextInt(3) : r.nextInt(10_000);
            text = String.format("%04d-%02d-%02d", y, r.nextInt(14), r.nextInt(33));
        } else {
            text = pick(r, 0.0, "2021/05/12", "2021-5-12", " 2021-05-12 ", "+2021-05-12", "+12021-05-12",
                    "-0001-01-01", "2021-05-12T00:00", "20210512", "２０２１-05-12", "", anyText(r, 10));
        }
        return str(r, text);
    }

    private static String cjk(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(CJK.charAt(r.nextInt(CJK.length())));
        }
        return sb.toString();
    }

    /** Any text, including whitespace, quotes, controls, surrogates (paired or not) and non-BMP characters. */
    private static String anyText(Random r, int max) {
        int n = r.nextInt(max + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            double p = r.nextDouble();
            if (p < 0.4) {
                sb.append((char) (0x20 + r.nextInt(0x5F)));
            } else if (p < 0.6) {
                sb.append(CJK.charAt(r.nextInt(CJK.length())));
            } else if (p < 0.7) {
                sb.appendCodePoint(0x10000 + r.nextInt(0x100000));
            } else if (p < 0.75) {
                sb.append((char) (0xD800 + r.nextInt(0x800)));
            } else if (p < 0.8) {
                sb.append((char) r.nextInt(0x20));
            } else if (p < 0.9) {
                sb.append((char) (0x80 + r.nextInt(0x780)));
            } else {
                String odd = " \u007f\u2028\uFEFF\uFFFF\uFFFE\u00A0\u3000#";
                sb.append(odd.charAt(r.nextInt(odd.length())));
            }
        }
        return sb.toString();
    }

    /** Text as a JSON value: mostly a string, sometimes null, a number or a boolean, rarely nested. */
    private static String value(Random r, String text) {
        double p = r.nextDouble();
        if (p < 0.8) {
            return str(r, text);
        }
        if (p < 0.87) {
            return "null";
        }
        if (p < 0.93) {
            return pick(r, 0.0, "0", "-1", "12.50", "1e3", "-0.0", "123456789012345678901234567890");
        }
        if (p < 0.97) {
            return r.nextBoolean() ? "true" : "false";
        }
        return pick(r, 0.0, "{}", "[]", "{\"a\":[1,\"x\",{\"b\":null}]}", "[\"" + text.replace("\"", "") + "\"]");
    }

    /** A JSON string literal: required escapes, lone surrogates as \\u, and sometimes escapes for no reason. */
    private static String str(Random r, String text) {
        boolean eager = r.nextDouble() < 0.005;
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || (Character.isSurrogate(c) && !paired && !(Character.isLowSurrogate(c) && i > 0
                    && Character.isHighSurrogate(text.charAt(i - 1)))) || (eager && r.nextDouble() < 0.3)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
