package io.budgetwatch.reporting.export;

import io.budgetwatch.reporting.evaluation.IndicatorActual;
import io.budgetwatch.reporting.explanation.Cause;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the official forms' workbooks share: one workbook with the forms' cell styles (title, bordered label and
 * text, 万元, percent, score, a number with its unit), the ways a value goes into a cell (every number a numeric
 * cell, converted to the cell's double only there), merged regions, and the print setup (A4 landscape, one page
 * wide, repeated header rows). The workbook is any {@link Workbook}: an {@link XSSFWorkbook} in memory, or a
 * streaming {@link SXSSFWorkbook} ({@link #streaming()}) whose sheets are written strictly row after row (no row
 * is read back once written: only a small window of rows stays in memory).
 */
final class FormCells {

    /** The rows a streaming sheet keeps in memory; older rows are flushed to its temp file. */
    static final int STREAMING_WINDOW = 50;

    final Workbook workbook;
    private final DataFormat formats;
    final CellStyle title;
    final CellStyle subtitle;
    final CellStyle label;
    final CellStyle text;
    final CellStyle wanYuan;
    final CellStyle percent;
    final CellStyle score;
    private final Map<String, CellStyle> withUnit = new HashMap<>();

    /** An in-memory workbook (the self-evaluation forms). */
    FormCells() {
        this(new XSSFWorkbook());
    }

    /** A streaming workbook: rows must be written in order and never read back. */
    static FormCells streaming() {
        return new FormCells(new StreamingWorkbook(STREAMING_WINDOW));
    }

    FormCells(Workbook workbook) {
        this.workbook = workbook;
        formats = workbook.createDataFormat();
        Font titleFont = workbook.createFont();
        titleFont.setFontName("宋体");
        titleFont.setBold(true);
        titleFont.setFontHeightInPoints((short) 16);
        title = workbook.createCellStyle();
        title.setFont(titleFont);
        title.setAlignment(HorizontalAlignment.CENTER);
        title.setVerticalAlignment(VerticalAlignment.CENTER);
        subtitle = workbook.createCellStyle();
        subtitle.setAlignment(HorizontalAlignment.CENTER);
        Font bold = workbook.createFont();
        bold.setFontName("宋体");
        bold.setBold(true);
        label = bordered();
        label.setFont(bold);
        label.setAlignment(HorizontalAlignment.CENTER);
        text = bordered();
        wanYuan = bordered();
        wanYuan.setDataFormat(formats.getFormat("#,##0.00####"));
        percent = bordered();
        percent.setDataFormat(formats.getFormat("0.00%"));
        score = bordered();
        score.setDataFormat(formats.getFormat("0.00"));
    }

    private CellStyle bordered() {
        CellStyle style = workbook.createCellStyle();
        style.setBorderTop(BorderStyle.THIN);
        style.setBorderBottom(BorderStyle.THIN);
        style.setBorderLeft(BorderStyle.THIN);
        style.setBorderRight(BorderStyle.THIN);
        style.setVerticalAlignment(VerticalAlignment.CENTER);
        style.setWrapText(true);
        return style;
    }

    /** The workbook's bytes; closes it (and deletes a streaming workbook's temp files). */
    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out);
        return out.toByteArray();
    }

    /** Writes the workbook once to {@code out} (left open) and closes it, deleting a streaming one's temp files. */
    void write(OutputStream out) {
        try (Workbook book = workbook) {
            book.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (workbook instanceof SXSSFWorkbook streaming) {
                streaming.dispose();
            }
        }
    }

    /** Drops the workbook unwritten (a failure while building it): closes it and deletes its temp files. */
    void discard() {
        try {
            workbook.close();
        } catch (IOException e) {
            // nothing was written: nothing to lose
        } finally {
            if (workbook instanceof SXSSFWorkbook streaming) {
                streaming.dispose();
            }
        }
    }

    /** 万元 from yuan, exactly. */
    static BigDecimal wanYuan(BigDecimal yuan) {
        return yuan.movePointLeft(4);
    }

    /** A row whose first {@code columns} cells carry {@code style} (so merged regions keep their borders). */
    static Row row(Sheet sheet, int index, CellStyle style, int columns) {
        Row r = sheet.createRow(index);
        if (style != null) {
            for (int i = 0; i < columns; i++) {
                r.createCell(i).setCellStyle(style);
            }
        }
        return r;
    }

    static void put(Row r, int column, String value, CellStyle style) {
        Cell cell = cell(r, column);
        cell.setCellStyle(style);
        if (value != null && !value.isEmpty()) {
            cell.setCellValue(value);
        }
    }

    static Cell cell(Row r, int column) {
        Cell cell = r.getCell(column);
        return cell != null ? cell : r.createCell(column);
    }

    static void number(Row r, int column, BigDecimal value, CellStyle style) {
        Cell cell = cell(r, column);
        cell.setCellStyle(style);
        if (value != null) {
            // the only conversion to double: the cell's own
            cell.setCellValue(value.doubleValue());
        }
    }

    /** An amount in yuan shown in 万元. */
    void amount(Row r, int column, BigDecimal yuan) {
        if (yuan != null) {
            number(r, column, wanYuan(yuan), wanYuan);
        }
    }

    /** A rate in percent (97.50) as the fraction under a percent format. */
    void rate(Row r, int column, BigDecimal percentValue) {
        if (percentValue != null) {
            number(r, column, percentValue.movePointLeft(2), percent);
        }
    }

    /** A number with its unit shown by the format (the cell stays numeric), or the assessment as text. */
    void actual(Row r, int column, IndicatorActual actual) {
        if (actual == null) {
            return;
        }
        if (actual.assessment() != null) {
            put(r, column, switch (actual.assessment()) {
                case ACHIEVED -> "达成";
                case PARTIAL -> "部分达成";
                case NOT_ACHIEVED -> "未达成";
            }, text);
            return;
        }
        String unit = actual.unit() == null ? "" : actual.unit().replace("\"", "").replace("\\", "");
        CellStyle style = withUnit.computeIfAbsent(unit, u -> {
            CellStyle s = bordered();
            s.setDataFormat(formats.getFormat(u.isEmpty() ? "General" : "General\"" + u + "\""));
            return s;
        });
        number(r, column, actual.value(), style);
    }

    /** The cause category's heading on the forms (偏差原因分析): 经费保障, 制度保障, 人员保障, 硬件条件保障, 其他. */
    static String causeLabel(Cause cause) {
        return switch (cause) {
            case FUNDING -> "经费保障";
            case INSTITUTIONAL -> "制度保障";
            case STAFFING -> "人员保障";
            case HARDWARE -> "硬件条件保障";
            case OTHER -> "其他";
        };
    }

    /** Excel's longest sheet name. */
    static final int MAX_SHEET_NAME = 31;

    /**
     * A sheet name for {@code wanted} that Excel accepts and the workbook does not have yet: the characters Excel
     * refuses replaced, at most 31 characters, and a name taken already (Excel compares them case-insensitively)
     * given a suffix {@code ~2}, {@code ~3}… within the 31.
     */
    String sheetName(String wanted) {
        String safe = WorkbookUtil.createSafeSheetName(wanted == null || wanted.isBlank() ? "Sheet" : wanted);
        if (safe.length() > MAX_SHEET_NAME) {
            safe = safe.substring(0, MAX_SHEET_NAME);
        }
        int sheets = workbook.getNumberOfSheets();
        if (given != null && sheets == takenNames.size() + 1 && workbook.getSheetName(sheets - 1).equals(given)) {
            takenNames.add(caseless(given)); // the name given last became the last sheet's
        } else if (sheets != takenNames.size()) {
            // sheets named otherwise: read the workbook's names again
            takenNames.clear();
            for (int i = 0; i < sheets; i++) {
                takenNames.add(caseless(workbook.getSheetName(i)));
            }
        }
        String name = safe;
        for (int n = 2; takenNames.contains(caseless(name)); n++) {
            String suffix = "~" + n;
            name = safe.substring(0, Math.min(safe.length(), MAX_SHEET_NAME - suffix.length())) + suffix;
        }
        given = name;
        return name;
    }

    /**
     * The names of the workbook's sheets as Excel compares them (without regard to case), kept here (asking the
     * workbook scans every sheet's name, for each new sheet), and the name given last.
     */
    private final Set<String> takenNames = new HashSet<>();
    private String given;

    /** A name folded as {@link String#equalsIgnoreCase} compares its characters. */
    private static String caseless(String name) {
        StringBuilder folded = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            folded.append(Character.toLowerCase(Character.toUpperCase(name.charAt(i))));
        }
        return folded.toString();
    }

    /**
     * A sheet written to its end: a streaming sheet's rows go to its temp file (it may be shorter than the window)
     * and the file's writer is closed; nothing may be added to the sheet afterwards.
     */
    static void finished(Sheet sheet) {
        if (sheet instanceof SXSSFSheet streaming) {
            try {
                if (streaming.getWorkbook() instanceof StreamingWorkbook book) {
                    book.finish(streaming);
                } else {
                    streaming.flushRows();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * A merged region; a single cell is left as it is (POI refuses one). Added without POI's check against the
     * sheet's other regions (it parses every region added before, again for each new one: most of the monitoring
     * form's time and garbage): the forms' regions are fixed by their layouts, never overlapping (the tests open
     * the forms with POI and check them).
     */
    static void merge(Sheet sheet, int firstRow, int lastRow, int firstColumn, int lastColumn) {
        if (firstRow == lastRow && firstColumn == lastColumn) {
            return;
        }
        sheet.addMergedRegionUnsafe(new CellRangeAddress(firstRow, lastRow, firstColumn, lastColumn));
    }

    /** Column widths in characters, A4 landscape one page wide, centred, {@code repeatingRows} on every page. */
    static void layOut(Sheet sheet, int[] widths, String repeatingRows) {
        for (int i = 0; i < widths.length; i++) {
            sheet.setColumnWidth(i, widths[i] * 256);
        }
        PrintSetup print = sheet.getPrintSetup();
        print.setPaperSize(PrintSetup.A4_PAPERSIZE);
        print.setLandscape(true);
        print.setFitWidth((short) 1);
        print.setFitHeight((short) 0);
        sheet.setFitToPage(true);
        sheet.setHorizontallyCenter(true);
        CellRangeAddress rows = CellRangeAddress.valueOf(repeatingRows);
        if (sheet instanceof SXSSFSheet streaming && streaming.getWorkbook() instanceof StreamingWorkbook book) {
            book.repeatRows(streaming, rows);
        } else {
            sheet.setRepeatingRows(rows);
        }
    }
}
