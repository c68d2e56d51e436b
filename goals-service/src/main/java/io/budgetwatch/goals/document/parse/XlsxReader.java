package io.budgetwatch.goals.document.parse;

import io.budgetwatch.common.input.SafeText;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an Excel workbook. When a sheet has a header row with 项目编码, 项目名称 and 预算数 side by
 * side it is the template (see README-import.md) and goes to {@link XlsxTemplate}; otherwise every
 * visible sheet is read like the Word table: merged cells are one cell (the rows a vertical merge
 * continues into read as blank), blank rows separate tables, a lone text in the first used column
 * outside a table is a paragraph.
 */
final class XlsxReader {
    static final int MAX_ROWS = 100_000;

    private XlsxReader() {
    }

    /** One sheet as text cells, rows 0-based; a row's list holds its cells left to right. */
    record Grid(String name, List<List<Item.Cell>> rows) {
    }

    static RawDocument read(byte[] body) {
        List<Grid> grids = new ArrayList<>();
        try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(body))) {
            for (int s = 0; s < wb.getNumberOfSheets(); s++) {
                if (wb.isSheetHidden(s) || wb.isSheetVeryHidden(s)) {
                    continue;
                }
                grids.add(grid(wb.getSheetAt(s)));
            }
        } catch (DocumentRejectedException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw new DocumentRejectedException("not-a-document", null, null, null, null, null, "body",
                    "无法作为Excel（.xlsx）工作簿读取：" + e.getClass().getSimpleName(),
                    "cannot be read as an Excel (.xlsx) workbook: " + e.getClass().getSimpleName(), e);
        }
        if (XlsxTemplate.isTemplate(grids)) {
            return XlsxTemplate.read(grids);
        }
        return LayoutParser.parse(items(grids));
    }

    private static Grid grid(Sheet sheet) {
        if (sheet.getLastRowNum() >= MAX_ROWS) {
            throw new DocumentRejectedException("too-large", null, null, null, null, sheet.getSheetName(), null,
                    "工作表超过" + MAX_ROWS + "行", "the sheet has more than " + MAX_ROWS + " rows", null);
        }
        // merged regions are clipped to the used area: a region over whole rows or columns must not cost millions of cells
        int usedLastRow = sheet.getLastRowNum();
        int usedLastCol = 0;
        for (Row row : sheet) {
            usedLastCol = Math.max(usedLastCol, row.getLastCellNum() - 1);
        }
        Map<Long, CellRangeAddress> anchors = new HashMap<>();
        Map<Long, CellRangeAddress> continued = new HashMap<>();
        Map<Integer, Integer> lastContinuedCol = new HashMap<>();
        java.util.Set<Long> covered = new java.util.HashSet<>();
        for (CellRangeAddress m : sheet.getMergedRegions()) {
            if (m.getFirstRow() > usedLastRow || m.getFirstColumn() > usedLastCol) {
                continue;
            }
            anchors.put(key(m.getFirstRow(), m.getFirstColumn()), m);
            for (int r = m.getFirstRow(); r <= Math.min(m.getLastRow(), usedLastRow); r++) {
                for (int c = m.getFirstColumn(); c <= Math.min(m.getLastColumn(), usedLastCol); c++) {
                    if (r == m.getFirstRow() && c == m.getFirstColumn()) {
                        continue;
                    }
                    if (r > m.getFirstRow() && c == m.getFirstColumn()) {
                        continued.put(key(r, c), m);
                        lastContinuedCol.merge(r, c, Math::max);
                    } else {
                        covered.add(key(r, c));
                    }
                }
            }
        }
        int lastRow = usedLastRow;
        List<List<Item.Cell>> rows = new ArrayList<>();
        String name = sheet.getSheetName();
        for (int r = 0; r <= lastRow; r++) {
            Row row = sheet.getRow(r);
            int last = Math.max(row == null ? -1 : row.getLastCellNum() - 1, lastContinuedCol.getOrDefault(r, -1));
            List<Item.Cell> cells = new ArrayList<>();
            for (int c = 0; c <= last; c++) {
                long k = key(r, c);
                if (covered.contains(k)) {
                    continue;
                }
                CellRangeAddress cont = continued.get(k);
                if (cont != null) {
                    cells.add(new Item.Cell("", c, width(cont), Src.sheet(name, r + 1, c + 1)));
                    continue;
                }
                CellRangeAddress a = anchors.get(k);
                Cell cell = row == null ? null : row.getCell(c);
                cells.add(new Item.Cell(TextNorm.trimLines(checked(text(cell), name, r, c)), c,
                        a == null ? 1 : width(a), Src.sheet(name, r + 1, c + 1)));
            }
            rows.add(cells);
        }
        return new Grid(name, rows);
    }

    private static long key(int r, int c) {
        return ((long) r << 20) | c;
    }

    private static int width(CellRangeAddress m) {
        return Math.min(m.getLastColumn(), 16_383) - m.getFirstColumn() + 1;
    }

    /**
     * The text of a cell, refused when it holds what a text document may not (Excel writes a control character
     * as {@code _x0000_}, which POI decodes: a NUL would reach the database).
     */
    private static String checked(String text, String sheet, int r, int c) {
        SafeText.Finding f = SafeText.check(text, SafeText.Policy.DOCUMENT);
        if (f != null) {
            throw new DocumentRejectedException("not-a-document", null, r + 1, c + 1, null, sheet, null,
                    f.messageZh("单元格"), f.messageEn("the cell"), null);
        }
        return text;
    }

    /** A cell as written: text as is; numbers exactly (15 significant digits, like Excel); percent-formatted numbers as n%. */
    static String text(Cell c) {
        if (c == null) {
            return "";
        }
        CellType t = c.getCellType();
        if (t == CellType.FORMULA) {
            t = c.getCachedFormulaResultType();
        }
        switch (t) {
            case STRING:
                return c.getRichStringCellValue().getString();
            case NUMERIC:
                if (DateUtil.isCellDateFormatted(c)) {
                    LocalDateTime d = c.getLocalDateTimeCellValue();
                    return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
                }
                BigDecimal v = new BigDecimal(c.getNumericCellValue()).round(MathContext.DECIMAL64)
                        .round(new MathContext(15));
                String fmt = c.getCellStyle() == null ? null : c.getCellStyle().getDataFormatString();
                if (fmt != null && fmt.contains("%")) {
                    return plain(v.movePointRight(2)) + "%";
                }
                return plain(v);
            case BOOLEAN:
                return c.getBooleanCellValue() ? "TRUE" : "FALSE";
            case ERROR:
                return "#ERROR";
            default:
                return "";
        }
    }

    private static String plain(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    /** Sheets laid out like the Word document, flattened to paragraphs and table rows. */
    static List<Item> items(List<Grid> grids) {
        List<Item> items = new ArrayList<>();
        int table = -1;
        for (Grid g : grids) {
            int firstCol = Integer.MAX_VALUE;
            for (List<Item.Cell> row : g.rows()) {
                for (Item.Cell c : row) {
                    if (!c.text().isBlank()) {
                        firstCol = Math.min(firstCol, c.gridCol());
                        break;
                    }
                }
            }
            boolean inTable = false;
            for (int r = 0; r < g.rows().size(); r++) {
                List<Item.Cell> cells = g.rows().get(r);
                List<Item.Cell> nonBlank = cells.stream().filter(c -> !c.text().isBlank()).toList();
                if (nonBlank.isEmpty()) {
                    inTable = false;
                    continue;
                }
                if (!inTable && nonBlank.size() == 1 && nonBlank.get(0).gridCol() == firstCol) {
                    Item.Cell only = nonBlank.get(0);
                    items.add(new Item.Para(only.text(), only.src()));
                    continue;
                }
                if (!inTable) {
                    table++;
                    inTable = true;
                }
                items.add(new Item.Row(table, List.copyOf(cells), Src.sheet(g.name(), r + 1, 1)));
            }
        }
        return items;
    }
}
