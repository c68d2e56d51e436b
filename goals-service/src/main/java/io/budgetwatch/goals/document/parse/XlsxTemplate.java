package io.budgetwatch.goals.document.parse;

import io.budgetwatch.goals.document.parse.Labels.Column;
import io.budgetwatch.goals.document.parse.Labels.Field;
import io.budgetwatch.goals.document.parse.RawDocument.RawIndicator;
import io.budgetwatch.goals.document.parse.RawDocument.RawProject;
import io.budgetwatch.goals.document.parse.RawDocument.Val;
import io.budgetwatch.goals.document.parse.XlsxReader.Grid;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Excel template (README-import.md): a sheet with one row per project (项目编码, 项目名称,
 * 预算数, 财政资金, 其他资金, 资金用途, one column per plan checkpoint such as 3月底 …), a sheet
 * with one row per indicator keyed by 项目编码, optionally a sheet of goal lines (项目编码, 绩效目标)
 * and a sheet of duties (部门职责). Sheets are found by their header rows, not by their names.
 */
final class XlsxTemplate {
    private static final int HEADER_SEARCH_ROWS = 30;
    private static final Pattern PLAN_PREFIX = Pattern.compile("^(?:资金支出计划|支出计划|资金使用计划|计划)[-_:]?");
    private static final Pattern YEAR = Pattern.compile("^((?:19|20)\\d{2})(?:年|年度)?$");

    private XlsxTemplate() {
    }

    private record Header(Grid grid, int row) {
        List<Item.Cell> cells() {
            return grid.rows().get(row);
        }
    }

    static boolean isTemplate(List<Grid> grids) {
        return projectHeader(grids) != null;
    }

    private static Header projectHeader(List<Grid> grids) {
        for (Grid g : grids) {
            for (int r = 0; r < Math.min(HEADER_SEARCH_ROWS, g.rows().size()); r++) {
                Set<Field> f = new LinkedHashSet<>();
                for (Item.Cell c : g.rows().get(r)) {
                    Labels.Match m = Labels.field(c.text());
                    if (m != null) {
                        f.add(m.field());
                    }
                }
                if (f.contains(Field.CODE) && f.contains(Field.NAME) && f.contains(Field.TOTAL)) {
                    return new Header(g, r);
                }
            }
        }
        return null;
    }

    private static Header header(List<Grid> grids, java.util.function.Predicate<List<Item.Cell>> test) {
        for (Grid g : grids) {
            for (int r = 0; r < Math.min(HEADER_SEARCH_ROWS, g.rows().size()); r++) {
                if (test.test(g.rows().get(r))) {
                    return new Header(g, r);
                }
            }
        }
        return null;
    }

    private static Loc loc(Item.Cell c) {
        return new Loc(null, c.src().sheetRow(), c.src().sheetCol(), null, c.src().sheet());
    }

    private static Loc rowLoc(Grid g, int r) {
        return new Loc(null, r + 1, null, null, g.name());
    }

    private static Item.Cell cellAt(List<Item.Cell> row, int gridCol) {
        for (Item.Cell c : row) {
            if (gridCol >= c.gridCol() && gridCol < c.gridCol() + c.span()) {
                return c;
            }
        }
        return null;
    }

    private static Val val(Grid g, int r, int gridCol) {
        Item.Cell c = cellAt(g.rows().get(r), gridCol);
        if (c == null) {
            return new Val("", new Loc(null, r + 1, gridCol + 1, null, g.name()));
        }
        return new Val(c.text(), loc(c));
    }

    static RawDocument read(List<Grid> grids) {
        RawDocument doc = new RawDocument();
        Header ph = projectHeader(grids);
        Grid pg = ph.grid();
        Map<Field, Item.Cell> cols = new EnumMap<>(Field.class);
        Map<Field, String> units = new EnumMap<>(Field.class);
        List<Item.Cell> planCols = new ArrayList<>();
        for (Item.Cell c : ph.cells()) {
            Labels.Match m = Labels.field(c.text());
            if (m != null && !cols.containsKey(m.field())) {
                cols.put(m.field(), c);
                if (m.unit() != null) {
                    units.put(m.field(), m.unit());
                }
                continue;
            }
            String label = PLAN_PREFIX.matcher(TextNorm.label(c.text())).replaceFirst("");
            if (!label.isEmpty() && Checkpoints.parse(label) != null) {
                planCols.add(c);
            }
        }
        if (!cols.containsKey(Field.FISCAL)) {
            throw DocumentRejectedException.at(new Loc(null, ph.row() + 1, null, null, pg.name()), "missing-column", "财政资金",
                    "项目表缺少“财政资金”列", "the project sheet has no 财政资金 column");
        }
        if (planCols.isEmpty()) {
            throw DocumentRejectedException.at(new Loc(null, ph.row() + 1, null, null, pg.name()), "missing-column", "资金支出计划",
                    "项目表没有资金支出计划列（表头如“3月底”“6月底”）",
                    "the project sheet has no disbursement-plan columns (headers such as 3月底, 6月底)");
        }
        // unit: from an amount header such as 预算数（万元）, else a 单位：… line above the header
        Val unit = null;
        for (Field f : new Field[]{Field.TOTAL, Field.FISCAL, Field.OTHER}) {
            if (units.containsKey(f)) {
                Val u = new Val(units.get(f), loc(cols.get(f)));
                if (unit != null && !TextNorm.squeeze(unit.text()).equals(TextNorm.squeeze(u.text()))) {
                    throw DocumentRejectedException.at(u.loc(), "unknown-money-unit", "单位",
                            "金额列的单位不一致（" + unit.text() + "与" + u.text() + "）",
                            "the amount columns name different units (" + unit.text() + " and " + u.text() + ")");
                }
                unit = u;
            }
        }
        String[] agencyAbove = null;
        Integer yearAbove = null;
        for (int r = 0; r < ph.row(); r++) {
            for (Item.Cell c : pg.rows().get(r)) {
                String u = Labels.moneyUnitLine(c.text());
                if (u != null && unit == null) {
                    unit = new Val(u, loc(c));
                }
                String[] a = Labels.agencyLine(c.text());
                if (a != null) {
                    agencyAbove = a;
                }
                Matcher ty = Pattern.compile("((?:19|20)\\d{2})\\s*年").matcher(TextNorm.halfWidth(c.text()));
                if (ty.find() && yearAbove == null) {
                    yearAbove = Integer.valueOf(ty.group(1));
                }
            }
        }
        doc.titleYear = yearAbove;
        Set<Integer> years = new LinkedHashSet<>();
        Map<String, RawProject> byCode = new LinkedHashMap<>();
        int no = 0;
        for (int r = ph.row() + 1; r < pg.rows().size(); r++) {
            final int row = r;
            boolean blank = cols.values().stream().allMatch(c -> val(pg, row, c.gridCol()).isBlank())
                    && planCols.stream().allMatch(c -> val(pg, row, c.gridCol()).isBlank());
            if (blank) {
                continue;
            }
            RawProject p = new RawProject();
            p.tableNo = ++no;
            p.loc = rowLoc(pg, r);
            p.code = val(pg, r, cols.get(Field.CODE).gridCol());
            p.name = val(pg, r, cols.get(Field.NAME).gridCol());
            p.total = val(pg, r, cols.get(Field.TOTAL).gridCol());
            p.fiscal = val(pg, r, cols.get(Field.FISCAL).gridCol());
            p.other = cols.containsKey(Field.OTHER) ? val(pg, r, cols.get(Field.OTHER).gridCol()) : null;
            p.unit = unit;
            if (cols.containsKey(Field.PURPOSE)) {
                p.purpose = val(pg, r, cols.get(Field.PURPOSE).gridCol()).text();
            }
            if (cols.containsKey(Field.GOALS)) {
                addGoals(p, val(pg, r, cols.get(Field.GOALS).gridCol()).text());
            }
            agency(p, pg, r, cols, agencyAbove);
            if (cols.containsKey(Field.YEAR)) {
                Val y = val(pg, r, cols.get(Field.YEAR).gridCol());
                Matcher m = YEAR.matcher(TextNorm.squeeze(TextNorm.halfWidth(y.text())));
                if (!y.isBlank()) {
                    if (!m.matches()) {
                        throw DocumentRejectedException.at(y.loc(), "bad-fiscal-year", "年度",
                                "年度“" + y.text() + "”不是年份", "year \"" + y.text() + "\" is not a year");
                    }
                    years.add(Integer.valueOf(m.group(1)));
                }
            }
            p.planLabel = new Val(planCols.get(0).text(), loc(planCols.get(0)));
            for (Item.Cell pc : planCols) {
                Val v = val(pg, r, pc.gridCol());
                if (v.isBlank()) {
                    throw DocumentRejectedException.at(v.loc(), "plan-value-missing", "资金支出计划",
                            "资金支出计划“" + pc.text() + "”没有填写百分比",
                            "no percent for the disbursement-plan checkpoint " + pc.text());
                }
                p.checkpoints.add(new Val(PLAN_PREFIX.matcher(TextNorm.label(pc.text())).replaceFirst(""), loc(pc)));
                p.percents.add(v);
            }
            doc.projects.add(p);
            if (!p.code.isBlank()) {
                byCode.putIfAbsent(TextNorm.trim(p.code.text()), p);
            }
        }
        if (years.size() > 1) {
            throw new DocumentRejectedException("fiscal-year-unknown", "年度",
                    "项目表的“年度”列有多个年份" + years + "，一份文档只能属于一个预算年度",
                    "the 年度 column names several years " + years + "; a document belongs to one fiscal year");
        }
        if (years.size() == 1) {
            doc.titleYear = years.iterator().next();
        }
        indicators(grids, byCode, pg);
        goalSheet(grids, byCode);
        duties(grids, doc);
        return doc;
    }

    private static void addGoals(RawProject p, String text) {
        for (String line : text.split("\n")) {
            String g = Goals.strip(line);
            if (!g.isEmpty()) {
                p.goals.add(g);
            }
        }
    }

    private static void agency(RawProject p, Grid g, int r, Map<Field, Item.Cell> cols, String[] above) {
        if (cols.containsKey(Field.AGENCY_CODE) && cols.containsKey(Field.AGENCY_NAME)) {
            Val code = val(g, r, cols.get(Field.AGENCY_CODE).gridCol());
            Val name = val(g, r, cols.get(Field.AGENCY_NAME).gridCol());
            if (!code.isBlank() && !name.isBlank()) {
                p.agencyCode = TextNorm.squeeze(TextNorm.halfWidth(code.text()));
                p.agencyName = TextNorm.trim(name.text());
                return;
            }
        }
        if (cols.containsKey(Field.AGENCY)) {
            String[] a = Labels.agencyLine(val(g, r, cols.get(Field.AGENCY).gridCol()).text());
            if (a != null) {
                p.agencyCode = a[0];
                p.agencyName = a[1];
                return;
            }
        }
        if (above != null) {
            p.agencyCode = above[0];
            p.agencyName = above[1];
        }
    }

    private static void indicators(List<Grid> grids, Map<String, RawProject> byCode, Grid projectGrid) {
        Header h = header(grids, cells -> {
            boolean code = false;
            Set<Column> c = new LinkedHashSet<>();
            for (Item.Cell cell : cells) {
                Labels.Match m = Labels.field(cell.text());
                code |= m != null && m.field() == Field.CODE;
                Column col = Labels.column(cell.text());
                if (col != null && col != Column.UNIT) {
                    c.add(col);
                }
            }
            return code && c.size() >= 2;
        });
        if (h == null) {
            throw new DocumentRejectedException("missing-indicator-table", null, null, null, null, null, "一级指标",
                    "工作簿中没有指标表（表头含“项目编码”“一级指标”“指标值”等的工作表）",
                    "the workbook has no indicator sheet (a header row with 项目编码, 一级指标, 指标值, …)", null);
        }
        Grid g = h.grid();
        Item.Cell codeCol = null;
        Map<Column, Item.Cell> cols = new EnumMap<>(Column.class);
        for (Item.Cell c : h.cells()) {
            Labels.Match m = Labels.field(c.text());
            if (m != null && m.field() == Field.CODE && codeCol == null) {
                codeCol = c;
                continue;
            }
            Column col = Labels.column(c.text());
            if (col != null && !cols.containsKey(col)) {
                cols.put(col, c);
            }
        }
        for (Column required : Labels.REQUIRED) {
            if (!cols.containsKey(required)) {
                String name = Labels.columnName(required);
                throw DocumentRejectedException.at(new Loc(null, h.row() + 1, null, null, g.name()), "missing-column", name,
                        "指标表缺少“" + name + "”列", "the indicator sheet has no " + name + " column");
            }
        }
        String code = null;
        for (int r = h.row() + 1; r < g.rows().size(); r++) {
            final int row = r;
            Val cv = val(g, r, codeCol.gridCol());
            boolean blank = cv.isBlank() && cols.values().stream().allMatch(c -> val(g, row, c.gridCol()).isBlank());
            if (blank) {
                continue;
            }
            if (!cv.isBlank()) {
                code = TextNorm.trim(cv.text());
            } else if (code == null) {
                throw DocumentRejectedException.at(cv.loc(), "missing-field", "项目编码",
                        "指标行没有项目编码", "the indicator row has no 项目编码");
            }
            RawProject p = byCode.get(code);
            if (p == null) {
                throw DocumentRejectedException.at(cv.loc(), "unknown-project-code", "项目编码",
                        "指标行的项目编码" + code + "不在项目表中", "project code " + code + " of this indicator is not on the project sheet");
            }
            p.indicators.add(new RawIndicator(rowLoc(g, r),
                    val(g, r, cols.get(Column.LEVEL1).gridCol()), val(g, r, cols.get(Column.LEVEL2).gridCol()),
                    val(g, r, cols.get(Column.LEVEL3).gridCol()), optional(g, r, cols, Column.DESCRIPTION),
                    val(g, r, cols.get(Column.TARGET).gridCol()), optional(g, r, cols, Column.BASIS),
                    optional(g, r, cols, Column.OPERATOR).text(), optional(g, r, cols, Column.UNIT).text()));
        }
        for (RawProject p : byCode.values()) {
            if (p.indicators.isEmpty()) {
                throw DocumentRejectedException.at(p.code.loc(), "missing-indicators", "指标值",
                        "项目" + TextNorm.trim(p.code.text()) + "在指标表中没有任何指标",
                        "project " + TextNorm.trim(p.code.text()) + " has no indicator on the indicator sheet");
            }
        }
    }

    private static Val optional(Grid g, int r, Map<Column, Item.Cell> cols, Column c) {
        return cols.containsKey(c) ? val(g, r, cols.get(c).gridCol()) : new Val("", null);
    }

    private static void goalSheet(List<Grid> grids, Map<String, RawProject> byCode) {
        Header h = header(grids, cells -> {
            boolean code = false;
            boolean goals = false;
            boolean name = false;
            for (Item.Cell cell : cells) {
                Labels.Match m = Labels.field(cell.text());
                code |= m != null && m.field() == Field.CODE;
                goals |= m != null && m.field() == Field.GOALS;
                name |= m != null && m.field() == Field.TOTAL;
            }
            return code && goals && !name;
        });
        if (h == null) {
            return;
        }
        Grid g = h.grid();
        int codeCol = -1;
        int goalCol = -1;
        for (Item.Cell c : h.cells()) {
            Labels.Match m = Labels.field(c.text());
            if (m != null && m.field() == Field.CODE && codeCol < 0) {
                codeCol = c.gridCol();
            } else if (m != null && m.field() == Field.GOALS && goalCol < 0) {
                goalCol = c.gridCol();
            }
        }
        String code = null;
        for (int r = h.row() + 1; r < g.rows().size(); r++) {
            Val cv = val(g, r, codeCol);
            Val gv = val(g, r, goalCol);
            if (cv.isBlank() && gv.isBlank()) {
                continue;
            }
            if (!cv.isBlank()) {
                code = TextNorm.trim(cv.text());
            } else if (code == null) {
                throw DocumentRejectedException.at(cv.loc(), "missing-field", "项目编码",
                        "绩效目标行没有项目编码", "the goal row has no 项目编码");
            }
            RawProject p = byCode.get(code);
            if (p == null) {
                throw DocumentRejectedException.at(cv.loc(), "unknown-project-code", "项目编码",
                        "绩效目标行的项目编码" + code + "不在项目表中", "project code " + code + " of this goal is not on the project sheet");
            }
            addGoals(p, gv.text());
        }
    }

    private static final Map<String, String> DUTY_COLUMNS = Map.of(
            "序号", "seq", "职责", "title", "职责名称", "title", "部门职责", "title",
            "主要职责", "mainDuty", "职责目标", "dutyGoal", "绩效目标", "performanceGoal",
            "绩效指标", "indicatorText", "绩效标准", "standard");

    private static void duties(List<Grid> grids, RawDocument doc) {
        Header h = header(grids, cells -> cells.stream().anyMatch(c -> TextNorm.label(c.text()).equals("主要职责"))
                && cells.stream().anyMatch(c -> "title".equals(DUTY_COLUMNS.get(TextNorm.label(c.text())))));
        if (h == null) {
            return;
        }
        Grid g = h.grid();
        Map<String, Integer> cols = new LinkedHashMap<>();
        for (Item.Cell c : h.cells()) {
            String k = DUTY_COLUMNS.get(TextNorm.label(c.text()));
            if (k != null) {
                cols.putIfAbsent(k, c.gridCol());
            }
        }
        int n = 0;
        for (int r = h.row() + 1; r < g.rows().size(); r++) {
            final int row = r;
            if (cols.values().stream().allMatch(c -> val(g, row, c).isBlank())) {
                continue;
            }
            n++;
            int number = n;
            if (cols.containsKey("seq")) {
                String s = TextNorm.squeeze(val(g, r, cols.get("seq")).text());
                if (s.matches("\\d{1,3}")) {
                    number = Integer.parseInt(s);
                }
            }
            final int seq = number;
            if (doc.duties.stream().anyMatch(d -> d.seq() == seq)) {
                throw DocumentRejectedException.at(new Loc(null, r + 1, null, null, g.name()), "duplicate-duty", "序号",
                        "职责序号" + seq + "重复", "duty number " + seq + " appears twice");
            }
            doc.duties.add(new ParsedDuty(seq, DutyParser.stripEnd(get(g, r, cols, "title")), get(g, r, cols, "mainDuty"),
                    get(g, r, cols, "dutyGoal"), get(g, r, cols, "performanceGoal"), get(g, r, cols, "indicatorText"),
                    get(g, r, cols, "standard")));
        }
    }

    private static String get(Grid g, int r, Map<String, Integer> cols, String k) {
        return cols.containsKey(k) ? TextNorm.trim(val(g, r, cols.get(k)).text()) : "";
    }
}
