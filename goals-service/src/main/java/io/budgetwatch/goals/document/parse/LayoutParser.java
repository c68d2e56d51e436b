package io.budgetwatch.goals.document.parse;

import io.budgetwatch.goals.document.parse.Labels.Column;
import io.budgetwatch.goals.document.parse.Labels.Field;
import io.budgetwatch.goals.document.parse.RawDocument.RawIndicator;
import io.budgetwatch.goals.document.parse.RawDocument.RawProject;
import io.budgetwatch.goals.document.parse.RawDocument.Val;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds part 1 and the project tables in a flattened Word-like document (text export, .docx, or a
 * sheet laid out like the Word table). Everything is found by its header or label, never by
 * position: a project starts at a row holding 项目编码; its fields are the cells next to (or below)
 * their labels; its indicators are the rows under the row of indicator headers.
 */
final class LayoutParser {
    private static final Pattern TITLE_YEAR = Pattern.compile("((?:19|20)\\d{2})\\s*年");
    private static final Pattern PART2 = Pattern.compile("^第[二2]部分");

    private final List<Item> items;
    private final RawDocument doc = new RawDocument();
    private final Val[] unitAt;
    private final int[] unitItemAt;
    private final String[][] agencyAt;

    private LayoutParser(List<Item> items) {
        this.items = items;
        this.unitAt = new Val[items.size()];
        this.unitItemAt = new int[items.size()];
        this.agencyAt = new String[items.size()][];
    }

    static RawDocument parse(List<Item> items) {
        return new LayoutParser(items).run();
    }

    private RawDocument run() {
        int firstRow = items.size();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof Item.Row) {
                firstRow = i;
                break;
            }
        }
        doc.titleYear = titleYear(firstRow);

        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof Item.Row r && labelCell(r, Field.CODE) >= 0) {
                candidates.add(i);
            }
        }
        // a list of projects (项目编码 | 项目名称 | 预算数 … as column headers) without indicators is a summary, not a project table
        List<Integer> anchors = new ArrayList<>();
        for (int k = 0; k < candidates.size(); k++) {
            int a = candidates.get(k);
            int next = k + 1 < candidates.size() ? candidates.get(k + 1) : items.size();
            if (!isListHeader((Item.Row) items.get(a)) || hasIndicatorHeader(a + 1, next)) {
                anchors.add(a);
            }
        }
        if (anchors.isEmpty() && !candidates.isEmpty()) {
            anchors.add(candidates.get(0)); // refused below with the reason
        }
        if (anchors.isEmpty()) {
            throw new DocumentRejectedException("no-project-table", "项目编码",
                    "文档中没有项目绩效目标表（找不到“项目编码”）",
                    "the document holds no project table (no cell labelled 项目编码)");
        }
        int n = anchors.size();
        int[] starts = new int[n];
        for (int k = 0; k < n; k++) {
            int a = anchors.get(k);
            int lower = k == 0 ? 0 : anchors.get(k - 1) + 1;
            int table = ((Item.Row) items.get(a)).table();
            int s = a;
            while (s - 1 >= lower && items.get(s - 1) instanceof Item.Row r && r.table() == table && preamble(r)) {
                s--;
            }
            starts[k] = s;
        }
        // part 1: the paragraphs before the first project table, up to a 第二部分 heading
        List<String> part1 = new ArrayList<>();
        for (int i = 0; i < starts[0]; i++) {
            if (items.get(i) instanceof Item.Para p) {
                if (PART2.matcher(TextNorm.squeeze(p.text())).find()) {
                    break;
                }
                part1.add(p.text());
            }
        }
        doc.duties.addAll(DutyParser.parse(part1));
        scanUnitsAndAgencies(starts, anchors);
        for (int k = 0; k < n; k++) {
            int end = k + 1 < n ? starts[k + 1] : items.size();
            doc.projects.add(project(k + 1, starts[k], anchors.get(k), end));
        }
        return doc;
    }

    // ---------------------------------------------------------------------------------------------
    // document-wide: title year, money unit and agency lines

    private Integer titleYear(int firstRow) {
        Set<Integer> years = new LinkedHashSet<>();
        int seen = 0;
        for (int i = 0; i < firstRow && seen < 3; i++) {
            String t = ((Item.Para) items.get(i)).text();
            if (t.isBlank()) {
                continue;
            }
            seen++;
            Matcher m = TITLE_YEAR.matcher(TextNorm.halfWidth(t));
            while (m.find()) {
                years.add(Integer.valueOf(m.group(1)));
            }
        }
        return years.size() == 1 ? years.iterator().next() : null;
    }

    /** For every item, the last money-unit line and agency line seen up to it. */
    private void scanUnitsAndAgencies(int[] starts, List<Integer> anchors) {
        // any paragraph (the pattern is strict: 6-12 digits then a name); table rows only before 项目编码
        boolean[] agencyEligible = new boolean[items.size()];
        for (int i = 0; i < items.size(); i++) {
            agencyEligible[i] = items.get(i) instanceof Item.Para;
        }
        for (int k = 0; k < starts.length; k++) {
            for (int i = starts[k]; i <= anchors.get(k); i++) {
                agencyEligible[i] = true;
            }
        }
        Val unit = null;
        int unitItem = -1;
        String[] agency = null;
        int projectNo = 0;
        int rowInBlock = 0;
        for (int i = 0; i < items.size(); i++) {
            if (projectNo < starts.length && i == starts[projectNo]) {
                projectNo++;
                rowInBlock = 0;
            }
            Item it = items.get(i);
            if (it instanceof Item.Para p) {
                String u = Labels.moneyUnitLine(p.text());
                if (u != null) {
                    unit = new Val(u, loc(null, null, -1, p.src()));
                    unitItem = i;
                }
                if (agencyEligible[i]) {
                    String[] a = Labels.agencyLine(p.text());
                    if (a != null) {
                        agency = a;
                    }
                }
            } else if (it instanceof Item.Row r) {
                rowInBlock++;
                for (int c = 0; c < r.cells().size(); c++) {
                    Item.Cell cell = r.cells().get(c);
                    String u = Labels.moneyUnitLine(cell.text());
                    if (u != null) {
                        unit = new Val(u, loc(projectNo == 0 ? null : projectNo, projectNo == 0 ? null : rowInBlock, c,
                                cell.src()));
                        unitItem = i;
                    }
                    if (agencyEligible[i]) {
                        String[] a = Labels.agencyLine(cell.text());
                        if (a != null) {
                            agency = a;
                        }
                    }
                }
            }
            unitAt[i] = unit;
            unitItemAt[i] = unitItem;
            agencyAt[i] = agency;
        }
    }

    /** Rows before 项目编码 that belong to the project: its agency, unit, or title. */
    private static boolean preamble(Item.Row r) {
        if (r.isBlank()) {
            return false;
        }
        for (Item.Cell c : r.cells()) {
            String t = c.text();
            if (t.isBlank()) {
                continue;
            }
            Labels.Match m = Labels.field(t);
            boolean ok = Labels.moneyUnitLine(t) != null || Labels.agencyLine(t) != null
                    || (m != null && (m.field() == Field.AGENCY || m.field() == Field.AGENCY_CODE
                    || m.field() == Field.AGENCY_NAME || m.field() == Field.YEAR))
                    || TextNorm.squeeze(t).contains("目标表") || TextNorm.squeeze(t).contains("申报表");
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------------
    // one project

    private final class Block {
        final int no;
        final int start;
        final int end;
        final Map<Integer, Integer> rowNo = new HashMap<>();

        Block(int no, int start, int end) {
            this.no = no;
            this.start = start;
            this.end = end;
            int r = 0;
            for (int i = start; i < end; i++) {
                if (items.get(i) instanceof Item.Row) {
                    rowNo.put(i, ++r);
                }
            }
        }

        Loc loc(int item, int cell) {
            Item.Row r = (Item.Row) items.get(item);
            Src src = cell >= 0 && cell < r.cells().size() ? r.cells().get(cell).src() : r.src();
            return LayoutParser.loc(no, rowNo.get(item), cell, src);
        }

        Val val(int item, int cell) {
            Item.Row r = (Item.Row) items.get(item);
            return new Val(r.cells().get(cell).text(), loc(item, cell));
        }
    }

    static Loc loc(Integer table, Integer blockRow, int cell, Src src) {
        if (src != null && src.sheet() != null) {
            return new Loc(table, src.sheetRow(), src.sheetCol(), null, src.sheet());
        }
        return new Loc(table, blockRow, cell >= 0 ? cell + 1 : null, src == null ? null : src.line(), null);
    }

    private RawProject project(int no, int start, int anchor, int end) {
        Block b = new Block(no, start, end);
        RawProject p = new RawProject();
        p.tableNo = no;
        p.loc = b.loc(anchor, labelCell((Item.Row) items.get(anchor), Field.CODE));

        int header = -1;
        for (int i = anchor + 1; i < end; i++) {
            if (items.get(i) instanceof Item.Row r && isIndicatorHeader(r)) {
                header = i;
                break;
            }
        }
        if (header < 0) {
            throw DocumentRejectedException.at(p.loc.withCell(null), "missing-indicator-table", "一级指标",
                    "项目表后没有绩效指标表（找不到“一级指标”“指标值”等表头）",
                    "no indicator table follows the project table (no header row with 一级指标, 指标值, …)");
        }
        List<Integer> headerRows = new ArrayList<>();
        for (int i = start; i < header; i++) {
            if (items.get(i) instanceof Item.Row) {
                headerRows.add(i);
            }
        }

        Found code = find(b, headerRows, Field.CODE);
        p.code = code == null ? null : code.value;
        Found name = find(b, headerRows, Field.NAME);
        p.name = required(name, p, "项目名称");
        Found total = find(b, headerRows, Field.TOTAL);
        p.total = required(total, p, "预算数");
        Found fiscal = find(b, headerRows, Field.FISCAL);
        p.fiscal = required(fiscal, p, "财政资金");
        Found other = find(b, headerRows, Field.OTHER);
        p.other = other == null ? null : other.value;
        p.unit = unitAt[total.labelItem];
        if (p.unit != null && unitItemAt[total.labelItem] < start) {
            // a unit line above the table (a paragraph, or an earlier table): name the table it applies to
            Loc l = p.unit.loc();
            p.unit = new Val(p.unit.text(), new Loc(no, l.sheet() != null ? l.row() : null,
                    l.sheet() != null ? l.cell() : null, l.line(), l.sheet()));
        }
        for (Found f : new Found[]{total, fiscal, other}) {
            if (f != null && f.unit != null) {
                p.unit = new Val(f.unit, f.labelLoc);
            }
        }
        agency(b, p, headerRows, anchor);
        purpose(b, p, headerRows);
        goals(p, headerRows);
        plan(b, p, headerRows);
        indicators(b, p, header, end);
        return p;
    }

    private record Found(Val value, String unit, Loc labelLoc, int labelItem, int labelCell) {
    }

    private static Val required(Found f, RawProject p, String label) {
        if (f == null) {
            throw DocumentRejectedException.at(p.loc.withCell(null), "missing-field", label,
                    "项目表中找不到“" + label + "”", "the project table has no cell labelled " + label);
        }
        return f.value;
    }

    private static int labelCell(Item.Row r, Field f) {
        for (int c = 0; c < r.cells().size(); c++) {
            Labels.Match m = Labels.field(r.cells().get(c).text());
            if (m != null && m.field() == f) {
                return c;
            }
        }
        return -1;
    }

    /** A label's value: the next cell in its row, or the cell below it when the next cell is a label too. */
    private Found find(Block b, List<Integer> rows, Field f) {
        for (int k = 0; k < rows.size(); k++) {
            int i = rows.get(k);
            Item.Row r = (Item.Row) items.get(i);
            int c = labelCell(r, f);
            if (c < 0) {
                continue;
            }
            Labels.Match m = Labels.field(r.cells().get(c).text());
            Loc labelLoc = b.loc(i, c);
            if (c + 1 < r.cells().size() && Labels.field(r.cells().get(c + 1).text()) == null) {
                return new Found(b.val(i, c + 1), m.unit(), labelLoc, i, c);
            }
            if (k + 1 < rows.size()) {
                int below = rows.get(k + 1);
                Item.Row br = (Item.Row) items.get(below);
                Item.Cell cell = br.at(r.cells().get(c).gridCol());
                if (cell != null && Labels.field(cell.text()) == null) {
                    return new Found(b.val(below, br.cells().indexOf(cell)), m.unit(), labelLoc, i, c);
                }
            }
            throw DocumentRejectedException.at(labelLoc, "missing-value", TextNorm.label(r.cells().get(c).text()),
                    "“" + TextNorm.trim(r.cells().get(c).text()) + "”后面没有填写内容",
                    "no value next to or below the label " + TextNorm.trim(r.cells().get(c).text()));
        }
        return null;
    }

    private void agency(Block b, RawProject p, List<Integer> rows, int anchor) {
        Found both = find(b, rows, Field.AGENCY);
        if (both != null) {
            String[] a = Labels.agencyLine(both.value.text());
            if (a != null) {
                p.agencyCode = a[0];
                p.agencyName = a[1];
                return;
            }
        }
        Found code = find(b, rows, Field.AGENCY_CODE);
        Found name = find(b, rows, Field.AGENCY_NAME);
        if (code != null && name != null && !code.value.isBlank() && !name.value.isBlank()) {
            p.agencyCode = TextNorm.squeeze(code.value.text());
            p.agencyName = TextNorm.trim(name.value.text());
            return;
        }
        String[] a = agencyAt[anchor];
        if (a != null) {
            p.agencyCode = a[0];
            p.agencyName = a[1];
        }
    }

    private void purpose(Block b, RawProject p, List<Integer> rows) {
        Found explicit = find(b, rows, Field.PURPOSE);
        if (explicit != null) {
            p.purpose = explicit.value.text();
            return;
        }
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < rows.size(); k++) {
            Item.Row r = (Item.Row) items.get(rows.get(k));
            int c = labelCell(r, Field.PURPOSE_SECTION);
            if (c < 0) {
                continue;
            }
            parts.addAll(continuation(rows, k, r.cells().get(c).gridCol(), false));
            break;
        }
        p.purpose = String.join("\n", parts);
    }

    /** Texts of the rows after rows[k] whose cell in the label's grid column is blank (merged label). */
    private List<String> continuation(List<Integer> rows, int k, int gridCol, boolean includeLabels) {
        List<String> out = new ArrayList<>();
        for (int j = k + 1; j < rows.size(); j++) {
            Item.Row next = (Item.Row) items.get(rows.get(j));
            Item.Cell under = next.at(gridCol);
            if (under == null || !under.text().isBlank()) {
                break;
            }
            for (Item.Cell c : next.cells()) {
                if (c != under && !c.text().isBlank() && (includeLabels || Labels.field(c.text()) == null)) {
                    out.add(c.text());
                }
            }
        }
        return out;
    }

    private void goals(RawProject p, List<Integer> rows) {
        for (int k = 0; k < rows.size(); k++) {
            Item.Row r = (Item.Row) items.get(rows.get(k));
            int c = labelCell(r, Field.GOALS);
            if (c < 0) {
                continue;
            }
            List<String> texts = new ArrayList<>();
            for (int j = c + 1; j < r.cells().size(); j++) {
                texts.add(r.cells().get(j).text());
            }
            texts.addAll(continuation(rows, k, r.cells().get(c).gridCol(), true));
            for (String t : texts) {
                for (String line : t.split("\n")) {
                    String g = Goals.strip(line);
                    if (!g.isEmpty()) {
                        p.goals.add(g);
                    }
                }
            }
            return;
        }
    }

    private void plan(Block b, RawProject p, List<Integer> rows) {
        for (int k = 0; k < rows.size(); k++) {
            int i = rows.get(k);
            Item.Row r = (Item.Row) items.get(i);
            int c = labelCell(r, Field.PLAN);
            if (c < 0) {
                continue;
            }
            Labels.Match m = Labels.field(r.cells().get(c).text());
            p.planLabel = new Val(r.cells().get(c).text(), b.loc(i, c));
            if (m.unit() != null && !m.unit().equals("%") && !m.unit().equals("百分比")) {
                throw DocumentRejectedException.at(p.planLabel.loc(), "plan-not-percent", "资金支出计划",
                        "资金支出计划以" + m.unit() + "填写，只接受累计百分比（%）",
                        "the disbursement plan is written in " + m.unit() + "; only cumulative percents are accepted");
            }
            int valuesItem = k + 1 < rows.size() ? rows.get(k + 1) : -1;
            Item.Row values = valuesItem < 0 ? null : (Item.Row) items.get(valuesItem);
            for (int j = c + 1; j < r.cells().size(); j++) {
                Item.Cell cp = r.cells().get(j);
                if (cp.text().isBlank()) {
                    continue;
                }
                Val label = new Val(cp.text(), b.loc(i, j));
                Item.Cell v = values == null ? null : values.at(cp.gridCol());
                if (v == null || v.text().isBlank()) {
                    throw DocumentRejectedException.at(label.loc(), "plan-value-missing", "资金支出计划",
                            "资金支出计划“" + cp.text() + "”下面没有填写百分比",
                            "no percent under the disbursement-plan checkpoint " + cp.text());
                }
                p.checkpoints.add(label);
                p.percents.add(new Val(v.text(), b.loc(valuesItem, values.cells().indexOf(v))));
            }
            if (p.checkpoints.isEmpty()) {
                throw DocumentRejectedException.at(p.planLabel.loc(), "plan-missing", "资金支出计划",
                        "资金支出计划没有时间节点（如“3月底”）", "the disbursement plan has no checkpoints (e.g. 3月底)");
            }
            return;
        }
        throw DocumentRejectedException.at(p.loc.withCell(null), "missing-field", "资金支出计划",
                "项目表中找不到“资金支出计划”", "the project table has no cell labelled 资金支出计划");
    }

    // ---------------------------------------------------------------------------------------------
    // indicators

    private static boolean isListHeader(Item.Row r) {
        int c = labelCell(r, Field.CODE);
        return c + 1 < r.cells().size() && Labels.field(r.cells().get(c + 1).text()) != null
                && labelCell(r, Field.NAME) >= 0 && labelCell(r, Field.TOTAL) >= 0;
    }

    private boolean hasIndicatorHeader(int from, int to) {
        for (int i = from; i < to; i++) {
            if (items.get(i) instanceof Item.Row r && isIndicatorHeader(r)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isIndicatorHeader(Item.Row r) {
        Set<Column> cols = new LinkedHashSet<>();
        for (Item.Cell c : r.cells()) {
            Column col = Labels.column(c.text());
            if (col != null && col != Column.UNIT) {
                cols.add(col);
            }
        }
        return cols.size() >= 2 && (cols.contains(Column.LEVEL1) || cols.contains(Column.LEVEL3)
                || cols.contains(Column.TARGET));
    }

    private void indicators(Block b, RawProject p, int header, int end) {
        Item.Row h = (Item.Row) items.get(header);
        Map<Column, Integer> col = new EnumMap<>(Column.class);
        for (int c = 0; c < h.cells().size(); c++) {
            Column column = Labels.column(h.cells().get(c).text());
            if (column != null && !col.containsKey(column)) {
                col.put(column, c);
            }
        }
        for (Column required : Labels.REQUIRED) {
            if (!col.containsKey(required)) {
                String name = Labels.columnName(required);
                throw DocumentRejectedException.at(b.loc(header, -1).withCell(null), "missing-column", name,
                        "绩效指标表缺少“" + name + "”列", "the indicator table has no " + name + " column");
            }
        }
        boolean text = h.src().line() != null;
        boolean sawContent = false;
        for (int i = header + 1; i < end; i++) {
            Item it = items.get(i);
            if (it instanceof Item.Para para) {
                if (!para.text().isBlank()) {
                    break;
                }
                continue;
            }
            Item.Row r = (Item.Row) it;
            if (r.table() != h.table() && !fits(r, h, text)) {
                break;
            }
            if (r.isBlank()) {
                continue;
            }
            if (r.cells().stream().filter(c -> !c.text().isBlank()).findFirst()
                    .map(c -> Labels.isStopRow(c.text())).orElse(false)) {
                break;
            }
            Val[] v = new Val[Column.values().length];
            if (text) {
                if (r.cells().size() != h.cells().size()) {
                    throw DocumentRejectedException.at(b.loc(i, -1).withCell(null), "row-shape", null,
                            "这一行有" + r.cells().size() + "个单元格，而指标表表头有" + h.cells().size() + "列，无法确定各单元格属于哪一列",
                            "this row has " + r.cells().size() + " cells but the indicator header has "
                                    + h.cells().size() + " columns; cannot tell which cell is which");
                }
                for (Map.Entry<Column, Integer> e : col.entrySet()) {
                    v[e.getKey().ordinal()] = b.val(i, e.getValue());
                }
            } else {
                Set<Item.Cell> used = new java.util.HashSet<>();
                for (Map.Entry<Column, Integer> e : col.entrySet()) {
                    Item.Cell hc = h.cells().get(e.getValue());
                    Item.Cell cell = r.at(hc.gridCol());
                    if (cell == null) {
                        v[e.getKey().ordinal()] = new Val("", b.loc(i, -1).withCell(null));
                    } else {
                        used.add(cell);
                        v[e.getKey().ordinal()] = b.val(i, r.cells().indexOf(cell));
                    }
                }
                for (int c = 0; c < r.cells().size(); c++) {
                    Item.Cell cell = r.cells().get(c);
                    if (!used.contains(cell) && !cell.text().isBlank()) {
                        throw DocumentRejectedException.at(b.loc(i, c), "row-shape", null,
                                "单元格“" + cell.text() + "”不在指标表的任何一列之下",
                                "the cell \"" + cell.text() + "\" is not under any column of the indicator header");
                    }
                }
            }
            sawContent = true;
            p.indicators.add(new RawIndicator(b.loc(i, -1).withCell(null),
                    v[Column.LEVEL1.ordinal()], v[Column.LEVEL2.ordinal()], v[Column.LEVEL3.ordinal()],
                    orBlank(v[Column.DESCRIPTION.ordinal()]), v[Column.TARGET.ordinal()],
                    orBlank(v[Column.BASIS.ordinal()]),
                    v[Column.OPERATOR.ordinal()] == null ? "" : v[Column.OPERATOR.ordinal()].text(),
                    v[Column.UNIT.ordinal()] == null ? "" : v[Column.UNIT.ordinal()].text()));
        }
        if (!sawContent) {
            throw DocumentRejectedException.at(b.loc(header, -1).withCell(null), "missing-indicators", "指标值",
                    "绩效指标表没有任何指标", "the indicator table holds no indicator");
        }
    }

    /** A row of a later table continues the indicator table only if its cells sit under its columns. */
    private static boolean fits(Item.Row r, Item.Row header, boolean text) {
        if (text) {
            return r.cells().size() == header.cells().size();
        }
        for (Item.Cell c : r.cells()) {
            if (!c.text().isBlank() && header.at(c.gridCol()) == null) {
                return false;
            }
        }
        return true;
    }

    private static Val orBlank(Val v) {
        return v == null ? new Val("", null) : v;
    }
}
