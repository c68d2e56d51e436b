package io.budgetwatch.goals.document.parse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The document cannot be read for sure. {@link #code()} is the machine reason (see
 * README-import.md for the list), the location fields say where: {@code table} is the 1-based
 * project table, {@code row} the 1-based row counted from the first row of that project's table(s)
 * (Excel: the sheet's row number), {@code cell} the 1-based cell in that row (Excel: the column
 * number). {@code line} is the line of a text document, {@code sheet} the Excel sheet, {@code field}
 * the column or label concerned. Any of them is null when it does not apply.
 */
public class DocumentRejectedException extends RuntimeException {

    private final String code;
    private final Integer table;
    private final Integer row;
    private final Integer cell;
    private final Integer line;
    private final String sheet;
    private final String field;
    private final String messageZh;
    private final String messageEn;

    public DocumentRejectedException(String code, Integer table, Integer row, Integer cell, Integer line,
                                     String sheet, String field, String messageZh, String messageEn, Throwable cause) {
        super(null, cause);
        this.code = code;
        this.table = table;
        this.row = row;
        this.cell = cell;
        this.line = line;
        this.sheet = sheet;
        this.field = field;
        this.messageZh = messageZh;
        this.messageEn = messageEn;
    }

    public DocumentRejectedException(String code, String field, String messageZh, String messageEn) {
        this(code, null, null, null, null, null, field, messageZh, messageEn, null);
    }

    static DocumentRejectedException at(Loc loc, String code, String field, String zh, String en) {
        Loc l = loc == null ? Loc.NONE : loc;
        return new DocumentRejectedException(code, l.table(), l.row(), l.cell(), l.line(), l.sheet(), field, zh, en, null);
    }

    public String code() {
        return code;
    }

    public Integer table() {
        return table;
    }

    public Integer row() {
        return row;
    }

    public Integer cell() {
        return cell;
    }

    public Integer line() {
        return line;
    }

    public String sheet() {
        return sheet;
    }

    public String field() {
        return field;
    }

    /** The reason in Chinese, without the location. */
    public String messageZh() {
        return messageZh;
    }

    /** The reason in English, without the location. */
    public String messageEn() {
        return messageEn;
    }

    /** Where, in Chinese, e.g. "表2 第5行 第3列（文本第118行）"; "" when nothing is known. */
    public String location() {
        StringBuilder b = new StringBuilder();
        if (table != null) {
            b.append("表").append(table);
        }
        if (sheet != null) {
            sep(b, " ").append("工作表“").append(sheet).append("”");
        }
        if (row != null) {
            sep(b, " ").append("第").append(row).append("行");
        }
        if (cell != null) {
            sep(b, " ").append("第").append(cell).append("列");
        }
        if (line == null) {
            return b.toString();
        }
        return b.length() == 0 ? "文本第" + line + "行" : b + "（文本第" + line + "行）";
    }

    /** Where, in English, e.g. "table 2, row 5, cell 3 (text line 118)"; "" when nothing is known. */
    public String locationEn() {
        StringBuilder b = new StringBuilder();
        if (table != null) {
            b.append("table ").append(table);
        }
        if (sheet != null) {
            sep(b, ", ").append("sheet ").append(sheet);
        }
        if (row != null) {
            sep(b, ", ").append("row ").append(row);
        }
        if (cell != null) {
            sep(b, ", ").append("cell ").append(cell);
        }
        if (line != null) {
            b.append(b.length() == 0 ? "text line " + line : " (text line " + line + ")");
        }
        return b.toString();
    }

    /** Location and reason in Chinese, ready to show. */
    public String describeZh() {
        String loc = location();
        return loc.isEmpty() ? messageZh : loc + "：" + messageZh;
    }

    /** Location and reason in English, ready to show. */
    public String describeEn() {
        String loc = locationEn();
        return loc.isEmpty() ? messageEn : loc + ": " + messageEn;
    }

    /** The location as a map (only the known parts), e.g. for a problem body's context. */
    public Map<String, Object> locationMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "table", table);
        put(m, "sheet", sheet);
        put(m, "row", row);
        put(m, "cell", cell);
        put(m, "line", line);
        put(m, "field", field);
        String loc = location();
        if (!loc.isEmpty()) {
            m.put("location", loc);
            m.put("locationEn", locationEn());
        }
        return m;
    }

    @Override
    public String getMessage() {
        return code + ": " + describeEn();
    }

    private static void put(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    private static StringBuilder sep(StringBuilder b, String s) {
        return b.length() == 0 ? b : b.append(s);
    }

}
