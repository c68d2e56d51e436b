package io.budgetwatch.reporting.export;

import io.budgetwatch.reporting.evaluation.IndicatorActual;
import io.budgetwatch.reporting.selfevaluation.SelfEvaluationCalculator;
import io.budgetwatch.reporting.selfevaluation.SelfEvaluationCalculator.IndicatorScore;
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
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * The 项目支出绩效自评表 of 财预〔2020〕10号 (annex) as an xlsx workbook of one sheet, nine columns A–I as on the
 * form. Amounts in 万元 are the yuan amounts moved four places exactly (BigDecimal), turned into the cell's
 * double only when written; rates are fractions under a percent format; every number is a numeric cell.
 * Blocking (builds and zips in memory): call it on a worker thread.
 */
public final class SelfEvaluationWorkbook {

    public static final String TITLE = "项目支出绩效自评表";
    public static final String SHEET = "绩效自评表";
    static final int COLUMNS = 9;
    /** Rows printed again on every page: the title, the year, the project and its unit. */
    public static final String REPEATING_ROWS = "1:4";
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final XSSFWorkbook workbook = new XSSFWorkbook();
    private final Sheet sheet = workbook.createSheet(SHEET);
    private final DataFormat formats = workbook.createDataFormat();
    private final CellStyle title;
    private final CellStyle subtitle;
    private final CellStyle label;
    private final CellStyle text;
    private final CellStyle wanYuan;
    private final CellStyle percent;
    private final CellStyle score;
    private final Map<String, CellStyle> withUnit = new HashMap<>();

    private SelfEvaluationWorkbook() {
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

    /** The workbook's bytes. */
    public static byte[] write(SelfEvaluationForm form) {
        SelfEvaluationWorkbook w = new SelfEvaluationWorkbook();
        try (XSSFWorkbook book = w.workbook) {
            w.fill(form);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 万元 from yuan, exactly. */
    public static BigDecimal wanYuan(BigDecimal yuan) {
        return yuan.movePointLeft(4);
    }

    private void fill(SelfEvaluationForm form) {
        var evaluation = form.evaluation();
        SelfEvaluationCalculator.Result result = evaluation.score();

        Row r = row(0, null);
        r.setHeightInPoints(30);
        put(r, 0, TITLE, title);
        merge(0, 0, 0, COLUMNS - 1);
        r = row(1, null);
        put(r, 0, "（" + evaluation.fiscalYear() + "年度）", subtitle);
        merge(1, 1, 0, COLUMNS - 1);

        r = row(2, text);
        put(r, 0, "项目名称", label);
        put(r, 2, evaluation.name(), text);
        merge(2, 2, 0, 1);
        merge(2, 2, 2, 8);
        r = row(3, text);
        put(r, 0, "主管部门", label);
        put(r, 2, form.agencyName(), text);
        put(r, 5, "实施单位", label);
        put(r, 7, form.agencyName(), text);
        merge(3, 3, 0, 1);
        merge(3, 3, 2, 4);
        merge(3, 3, 5, 6);
        merge(3, 3, 7, 8);

        // 项目资金（万元）
        r = row(4, label);
        put(r, 0, "项目资金（万元）", label);
        String[] heads = {"", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"};
        for (int i = 0; i < heads.length; i++) {
            put(r, 2 + i, heads[i], label);
        }
        merge(4, 8, 0, 1);
        r = row(5, text);
        put(r, 2, "年度资金总额", text);
        amount(r, 3, form.budgetAtStart());
        amount(r, 4, form.budget().total());
        amount(r, 5, form.executed().total());
        number(r, 6, SelfEvaluationCalculator.EXECUTION_POINTS, score);
        // the rate is in percent (97.50): the cell holds the fraction under a percent format
        number(r, 7, result.executionRate().movePointLeft(2), percent);
        number(r, 8, result.executionScore(), score);
        r = row(6, text);
        put(r, 2, "其中：当年财政拨款", text);
        amount(r, 3, form.fiscalAtStart());
        amount(r, 4, form.budget().fiscal());
        amount(r, 5, form.executed().fiscal());
        r = row(7, text);
        put(r, 2, "上年结转资金", text);
        r = row(8, text);
        put(r, 2, "其他资金", text);
        amount(r, 3, form.otherAtStart());
        amount(r, 4, form.budget().other());
        amount(r, 5, form.executed().other());

        // 年度总体目标
        r = row(9, label);
        put(r, 0, "年度总体目标", label);
        put(r, 1, "预期目标", label);
        put(r, 5, "实际完成情况", label);
        merge(9, 10, 0, 0);
        merge(9, 9, 1, 4);
        merge(9, 9, 5, 8);
        r = row(10, text);
        r.setHeightInPoints(45);
        put(r, 1, form.goals(), text);
        merge(10, 10, 1, 4);
        merge(10, 10, 5, 8);

        // 绩效指标
        int header = 11;
        r = row(header, label);
        String[] columns = {"绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                "偏差原因分析及改进措施"};
        for (int i = 0; i < columns.length; i++) {
            put(r, i, columns[i], label);
        }
        int at = header + 1;
        for (IndicatorScore indicator : result.indicators()) {
            r = row(at++, text);
            put(r, 1, indicator.level1(), text);
            put(r, 2, indicator.level2(), text);
            put(r, 3, indicator.level3(), text);
            put(r, 4, indicator.targetRaw(), text);
            actual(r, 5, indicator.actual());
            number(r, 6, indicator.points(), score);
            number(r, 7, indicator.score(), score);
        }
        if (at > header + 1) {
            merge(header, at - 1, 0, 0);
        }
        r = row(at, label);
        put(r, 0, "总分", label);
        merge(at, at, 0, 5);
        number(r, 6, HUNDRED, score);
        number(r, 7, result.total(), score);
        put(r, 8, "自评等级：" + result.grade(), label);

        int[] widths = {12, 12, 16, 22, 16, 16, 10, 10, 30};
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
        sheet.setRepeatingRows(CellRangeAddress.valueOf(REPEATING_ROWS));
    }

    /** A row whose nine cells carry {@code style} (so merged regions keep their borders). */
    private Row row(int index, CellStyle style) {
        Row r = sheet.createRow(index);
        if (style != null) {
            for (int i = 0; i < COLUMNS; i++) {
                r.createCell(i).setCellStyle(style);
            }
        }
        return r;
    }

    private static void put(Row r, int column, String value, CellStyle style) {
        Cell cell = cell(r, column);
        cell.setCellStyle(style);
        if (value != null && !value.isEmpty()) {
            cell.setCellValue(value);
        }
    }

    private static Cell cell(Row r, int column) {
        Cell cell = r.getCell(column);
        return cell != null ? cell : r.createCell(column);
    }

    private void amount(Row r, int column, BigDecimal yuan) {
        if (yuan != null) {
            number(r, column, wanYuan(yuan), wanYuan);
        }
    }

    private static void number(Row r, int column, BigDecimal value, CellStyle style) {
        Cell cell = cell(r, column);
        cell.setCellStyle(style);
        if (value != null) {
            // the only conversion to double: the cell's own
            cell.setCellValue(value.doubleValue());
        }
    }

    /** A number with its unit shown by the format (the cell stays numeric), or the assessment as text. */
    private void actual(Row r, int column, IndicatorActual actual) {
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

    private void merge(int firstRow, int lastRow, int firstColumn, int lastColumn) {
        sheet.addMergedRegion(new CellRangeAddress(firstRow, lastRow, firstColumn, lastColumn));
    }
}
