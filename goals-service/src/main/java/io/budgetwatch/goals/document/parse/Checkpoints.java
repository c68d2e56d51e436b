package io.budgetwatch.goals.document.parse;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checkpoint labels of a disbursement plan: 3月底, 6月30日, 2021年9月末, 第一季度, 上半年, 12-31 … */
final class Checkpoints {
    private Checkpoints() {
    }

    /** A checkpoint: year is null unless written; day null means the end of the month. */
    record Point(Integer year, int month, Integer day) {
        LocalDate in(int fiscalYear) {
            YearMonth ym = YearMonth.of(year == null ? fiscalYear : year, month);
            return day == null ? ym.atEndOfMonth() : ym.atDay(day);
        }
    }

    private static final String MONTH = "(\\d{1,2}|十[一二]|[一二三四五六七八九十])";
    private static final Pattern MONTH_END = Pattern.compile(
            "^(?:截至|截止|至)?(?:(\\d{4})年)?" + MONTH + "月(?:份)?(?:底|末)?(?:前|止)?$");
    private static final Pattern DAY = Pattern.compile(
            "^(?:截至|截止|至)?(?:(\\d{4})年)?(\\d{1,2})月(\\d{1,2})[日号](?:前|止)?$");
    private static final Pattern NUMERIC = Pattern.compile("^(?:(\\d{4})[-./])?(\\d{1,2})[-./](\\d{1,2})$");
    private static final Pattern QUARTER = Pattern.compile("^(?:第)?([一二三四1-4])季度(?:末|底)?$");

    /** The checkpoint a label names, or null when it is not one. */
    static Point parse(String label) {
        String s = TextNorm.squeeze(TextNorm.halfWidth(label));
        if (s.endsWith("(%)")) {
            s = s.substring(0, s.length() - 3);
        }
        if (s.endsWith("%")) {
            s = s.substring(0, s.length() - 1);
        }
        Point p = null;
        Matcher m;
        if ((m = MONTH_END.matcher(s)).matches()) {
            p = point(m.group(1), TextNorm.smallNumber(m.group(2)), null);
        } else if ((m = DAY.matcher(s)).matches()) {
            p = point(m.group(1), Integer.parseInt(m.group(2)), Integer.valueOf(m.group(3)));
        } else if ((m = NUMERIC.matcher(s)).matches()) {
            p = point(m.group(1), Integer.parseInt(m.group(2)), Integer.valueOf(m.group(3)));
        } else if ((m = QUARTER.matcher(s)).matches()) {
            p = point(null, TextNorm.smallNumber(m.group(1)) * 3, null);
        } else if (s.equals("上半年") || s.equals("年中")) {
            p = point(null, 6, null);
        } else if (s.equals("全年") || s.equals("年底") || s.equals("年末")) {
            p = point(null, 12, null);
        }
        if (p == null) {
            return null;
        }
        try {
            p.in(p.year == null ? 2000 : p.year); // 2000 is a leap year: 2月29日 is accepted here, checked again later
        } catch (DateTimeException e) {
            return null;
        }
        return p;
    }

    private static Point point(String year, int month, Integer day) {
        if (month < 1 || month > 12) {
            return null;
        }
        return new Point(year == null ? null : Integer.valueOf(year), month, day);
    }
}
