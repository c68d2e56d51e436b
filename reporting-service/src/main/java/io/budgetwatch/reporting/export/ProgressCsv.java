package io.budgetwatch.reporting.export;

import io.budgetwatch.reporting.progress.ProgressView.AgencyProgress;
import io.budgetwatch.reporting.progress.ProgressView.ProjectProgress;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An agency's progress table as CSV (RFC 4180, CRLF line ends), UTF-8 with a byte order mark so that Excel
 * reads the Chinese. Numbers are written as the progress API answers them (yuan and percent, plain decimals);
 * text cells that a spreadsheet would take for a formula (= + - @, tab, CR) get a leading apostrophe.
 */
public final class ProgressCsv {

    public static final List<String> HEADER = List.of("项目编码", "项目名称", "预算总额(元)", "财政拨款(元)",
            "其他资金(元)", "已执行(元)", "执行率(%)", "计划进度(%)", "序时进度(%)", "差距(百分点)", "状态");

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private ProgressCsv() {
    }

    public static byte[] write(AgencyProgress progress) {
        StringBuilder csv = new StringBuilder();
        line(csv, HEADER);
        for (ProjectProgress p : progress.projects()) {
            line(csv, List.of(text(p.projectCode()), text(p.name()), number(p.budget().total()),
                    number(p.budget().fiscal()), number(p.budget().other()), number(p.executed().total()),
                    number(p.executionRate()), number(p.plannedRate()), number(p.timeElapsedRate()),
                    number(p.gapToPlanPoints()), text(p.statusText())));
        }
        byte[] body = csv.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[BOM.length + body.length];
        System.arraycopy(BOM, 0, out, 0, BOM.length);
        System.arraycopy(body, 0, out, BOM.length, body.length);
        return out;
    }

    private static void line(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(quoted(cells.get(i)));
        }
        csv.append("\r\n");
    }

    /** A text cell, neutralised against formula injection. */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            return "'" + value;
        }
        return value;
    }

    /** A number of the service's own making: never neutralised (a negative gap stays a number). */
    static String number(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    /** RFC 4180: a field with a comma, quote, CR or LF is enclosed in quotes, its quotes doubled. */
    static String quoted(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
