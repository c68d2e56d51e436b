package io.budgetwatch.goals.document.parse;

import io.budgetwatch.events.ProjectSnapshot.Target;

import io.budgetwatch.events.Units;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a target value (指标值) as written: {@code ≥1个}, {@code ≤6万元}, {@code 280人次},
 * {@code 90%-100%}, {@code 2021年12月31日前}, {@code 不低于95%}, or text. Only a string that matches
 * one of these forms completely gets a number; anything else is QUALITATIVE (the raw text is kept
 * by the caller), so a number is never guessed out of prose.
 */
public final class TargetParser {

    public static final String NUMERIC = "NUMERIC";
    public static final String INTERVAL = "INTERVAL";
    public static final String DATE = "DATE";
    public static final String QUALITATIVE = "QUALITATIVE";

    public static final String POSITIVE = "POSITIVE";
    public static final String NEGATIVE = "NEGATIVE";
    public static final String NEUTRAL = "NEUTRAL";

    private static final String NUM = "([+-]?\\d+(?:,\\d{3})*(?:\\.\\d+)?)";
    private static final String UNIT = "([\\p{IsHan}A-Za-z%‰℃°/²³·]{1,8})";
    private static final Pattern NUMBER = Pattern.compile("^" + NUM + UNIT + "?$");
    private static final Pattern RANGE = Pattern.compile("^" + NUM + UNIT + "?(?:-|~|—|–|至|到)" + NUM + UNIT + "?$");
    private static final Pattern FULL_DATE = Pattern.compile(
            "^(?:(\\d{4})年)?(\\d{1,2})月(?:(\\d{1,2})[日号]|(底|末))(前|之前|以前)?$");
    private static final Pattern ISO_DATE = Pattern.compile("^(\\d{4})[-./](\\d{1,2})[-./](\\d{1,2})(前|之前|以前)?$");
    private static final Pattern YEAR_END = Pattern.compile("^(?:(\\d{4})年)?(?:年底|年末|底)(前|之前|以前)?$");

    /** Operator words and signs, longest first. */
    private static final List<Map.Entry<String, String>> PREFIXES = List.of(
            Map.entry("大于或等于", "GE"), Map.entry("小于或等于", "LE"),
            Map.entry("大于等于", "GE"), Map.entry("小于等于", "LE"),
            Map.entry("不低于", "GE"), Map.entry("不少于", "GE"), Map.entry("不小于", "GE"),
            Map.entry("不高于", "LE"), Map.entry("不超过", "LE"), Map.entry("不多于", "LE"), Map.entry("不大于", "LE"),
            Map.entry("至少", "GE"), Map.entry("达到", "GE"), Map.entry("至多", "LE"),
            Map.entry("大于", "GT"), Map.entry("高于", "GT"), Map.entry("超过", "GT"), Map.entry("多于", "GT"),
            Map.entry("小于", "LT"), Map.entry("低于", "LT"), Map.entry("少于", "LT"),
            Map.entry("等于", "EQ"),
            Map.entry("≥", "GE"), Map.entry("≤", "LE"), Map.entry(">", "GT"), Map.entry("<", "LT"),
            Map.entry("=", "EQ"));

    private static final List<Map.Entry<String, String>> SUFFIXES = List.of(
            Map.entry("及以上", "GE"), Map.entry("以上", "GE"),
            Map.entry("及以下", "LE"), Map.entry("以下", "LE"), Map.entry("以内", "LE"), Map.entry("之内", "LE"));

    private TargetParser() {
    }

    /** @param fiscalYear the year used for dates written without one (12月31日前). */
    public static Target parse(String raw, int fiscalYear) {
        String s = normalize(raw);
        if (s.isEmpty()) {
            return qualitative();
        }
        Target date = date(s, fiscalYear);
        if (date != null) {
            return date;
        }
        String op = null;
        for (Map.Entry<String, String> e : PREFIXES) {
            if (s.startsWith(e.getKey())) {
                op = e.getValue();
                s = s.substring(e.getKey().length());
                break;
            }
        }
        for (Map.Entry<String, String> e : SUFFIXES) {
            if (s.endsWith(e.getKey())) {
                String suffixOp = e.getValue();
                if (op == null) {
                    op = suffixOp;
                } else if (!sameSide(op, suffixOp)) {
                    return qualitative();
                }
                s = s.substring(0, s.length() - e.getKey().length());
                break;
            }
        }
        Matcher m = NUMBER.matcher(s);
        if (m.matches()) {
            BigDecimal value = number(m.group(1));
            String unit = m.group(2);
            Base base = base(value, unit);
            return new Target(NUMERIC, op, value, null, unit, base.value, null, base.unit, null, direction(op));
        }
        if (op == null) {
            Matcher r = RANGE.matcher(s);
            if (r.matches()) {
                BigDecimal lo = number(r.group(1));
                BigDecimal hi = number(r.group(3));
                String u1 = r.group(2);
                String u2 = r.group(4);
                if (u1 != null && u2 != null && !u1.equals(u2)) {
                    return qualitative();
                }
                if (lo.compareTo(hi) > 0) {
                    return qualitative();
                }
                String unit = u2 != null ? u2 : u1;
                Base b1 = base(lo, unit);
                Base b2 = base(hi, unit);
                return new Target(INTERVAL, null, lo, hi, unit, b1.value, b2.value, b1.unit, null, NEUTRAL);
            }
        }
        return qualitative();
    }

    static String normalize(String raw) {
        String s = TextNorm.squeeze(TextNorm.halfWidth(raw == null ? "" : raw));
        return s.replace("≧", "≥").replace("⩾", "≥").replace("≦", "≤").replace("⩽", "≤")
                .replace(">=", "≥").replace("<=", "≤").replace("==", "=")
                .replace("〜", "~").replace("－", "-").replace("％", "%");
    }

    private static Target date(String s, int fiscalYear) {
        Integer year = null;
        int month;
        Integer day = null;
        String before;
        Matcher m = FULL_DATE.matcher(s);
        Matcher iso = ISO_DATE.matcher(s);
        Matcher ye = YEAR_END.matcher(s);
        if (m.matches()) {
            year = m.group(1) == null ? null : Integer.valueOf(m.group(1));
            month = Integer.parseInt(m.group(2));
            day = m.group(3) == null ? null : Integer.valueOf(m.group(3));
            before = m.group(5);
        } else if (iso.matches()) {
            year = Integer.valueOf(iso.group(1));
            month = Integer.parseInt(iso.group(2));
            day = Integer.valueOf(iso.group(3));
            before = iso.group(4);
        } else if (ye.matches() && !s.equals("底")) {
            year = ye.group(1) == null ? null : Integer.valueOf(ye.group(1));
            month = 12;
            before = ye.group(2);
        } else {
            return null;
        }
        LocalDate deadline;
        try {
            YearMonth ym = YearMonth.of(year == null ? fiscalYear : year, month);
            deadline = day == null ? ym.atEndOfMonth() : ym.atDay(day);
        } catch (DateTimeException e) {
            return null;
        }
        String op = before == null ? null : "LE";
        return new Target(DATE, op, null, null, null, null, null, null, deadline, direction(op));
    }

    private static boolean sameSide(String a, String b) {
        return direction(a).equals(direction(b));
    }

    static String direction(String op) {
        if (op == null) {
            return NEUTRAL;
        }
        return switch (op) {
            case "GE", "GT" -> POSITIVE;
            case "LE", "LT" -> NEGATIVE;
            default -> NEUTRAL;
        };
    }

    private static BigDecimal number(String s) {
        return new BigDecimal(s.replace(",", ""));
    }

    private record Base(BigDecimal value, String unit) {
    }

    /** 万元/亿元/千元 to 元, 万x/亿x to x; percent stays a number in "%"; other units as they are. */
    private static Base base(BigDecimal value, String unit) {
        if (unit == null) {
            return new Base(value, null);
        }
        Units.Normalized normalized = Units.normalize(value, unit);
        return new Base(normalized.value(), normalized.unit());
    }

    private static Target qualitative() {
        return new Target(QUALITATIVE, null, null, null, null, null, null, null, null, NEUTRAL);
    }
}
