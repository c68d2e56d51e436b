package io.budgetwatch.reporting.export;

import static io.budgetwatch.reporting.export.FormCells.put;

import io.budgetwatch.reporting.evaluation.IndicatorActual;
import io.budgetwatch.reporting.explanation.Cause;
import io.budgetwatch.reporting.explanation.ExplanationView;
import io.budgetwatch.reporting.explanation.Likelihood;
import io.budgetwatch.reporting.progress.ProgressView.ProjectProgress;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.WorkbookUtil;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * The 项目支出绩效目标执行监控表 of an agency's projects as of a date, as an xlsx workbook: a summary sheet
 * {@value #SUMMARY} (one row per project) and one sheet per project named by its code, fourteen columns A–N.
 * Amounts in 万元 are the yuan amounts moved four places exactly ({@link SelfEvaluationWorkbook#wanYuan}), turned
 * into the cell's double only when written; rates are fractions under a percent format; every number is a numeric
 * cell. Streaming ({@link FormCells#streaming()}): every sheet is written row after row, never read back, so an
 * agency of thousands of indicators keeps only a small window of rows in memory. Blocking (writes temp files and
 * zips): call it on a worker thread.
 */
public final class MonitoringWorkbook {

    public static final String TITLE = "项目支出绩效目标执行监控表";
    public static final String SUMMARY = "汇总";
    static final int COLUMNS = 14;
    /** Rows printed again on every page of a project's sheet: the title, the months, the project and its unit. */
    public static final String REPEATING_ROWS = "1:4";
    /** The causes' columns (H–L) in the form's order: 经费保障, 制度保障, 人员保障, 硬件条件保障, 其他. */
    static final int CAUSES = 7;
    static final int LIKELIHOOD = 12;
    static final int REMARKS = 13;
    /** The first row of the indicators (0-based): after the funds block (rows 5–7) and the table's two header rows. */
    public static final int FIRST_INDICATOR_ROW = 9;
    /** The row of the funds' figures (0-based). */
    public static final int FUNDS_ROW = 6;

    private final FormCells cells = FormCells.streaming();
    private final CellStyle title = cells.title;
    private final CellStyle subtitle = cells.subtitle;
    private final CellStyle label = cells.label;
    private final CellStyle text = cells.text;
    private Sheet sheet;

    private MonitoringWorkbook() {
    }

    /** Writes the workbook to {@code out} (left open): the download's temp file, never an array in the heap. */
    public static void write(MonitoringForm form, OutputStream out) {
        build(form).write(out);
    }

    private static FormCells build(MonitoringForm form) {
        MonitoringWorkbook w = new MonitoringWorkbook();
        try {
            w.summary(form);
            for (MonitoringForm.Project project : form.projects()) {
                w.project(form.progress().asOf(), project);
            }
        } catch (RuntimeException e) {
            w.cells.discard();
            throw e;
        }
        return w.cells;
    }

    /** "1–N月" for a date in month N ("1月" in January). */
    public static String months(LocalDate asOf) {
        int month = asOf.getMonthValue();
        return month == 1 ? "1月" : "1–" + month + "月";
    }

    /** The sheet name of a project: its code, made safe, at most 31 characters. */
    public static String sheetName(String code) {
        return WorkbookUtil.createSafeSheetName(code.length() > 31 ? code.substring(0, 31) : code);
    }

    public static String likelihood(Likelihood likelihood) {
        return likelihood == null ? null : switch (likelihood) {
            case CERTAIN -> "确定能";
            case POSSIBLE -> "有可能";
            case IMPOSSIBLE -> "完全不可能";
        };
    }

    private void summary(MonitoringForm form) {
        sheet = cells.workbook.createSheet(SUMMARY);
        String months = months(form.progress().asOf());
        String[] heads = {"项目编码", "项目名称", "调整后预算数(万元)", months + "执行数(万元)", months + "执行率", "状态"};
        Row r = row(0, label, heads.length);
        for (int i = 0; i < heads.length; i++) {
            put(r, i, heads[i], label);
        }
        int at = 1;
        for (ProjectProgress p : form.progress().projects()) {
            r = row(at++, text, heads.length);
            put(r, 0, p.projectCode(), text);
            put(r, 1, p.name(), text);
            amount(r, 2, p.budget().total());
            amount(r, 3, p.executed().total());
            rate(r, 4, p.executionRate());
            put(r, 5, p.statusText(), text);
        }
        sheet.createFreezePane(0, 1);
        FormCells.layOut(sheet, new int[] {26, 36, 18, 18, 14, 14}, "1:1");
        FormCells.finished(sheet);
    }

    private void project(LocalDate asOf, MonitoringForm.Project project) {
        ProjectProgress p = project.progress();
        sheet = cells.workbook.createSheet(cells.sheetName(sheetName(p.projectCode())));
        String months = months(asOf);

        Row r = row(0, null, COLUMNS);
        r.setHeightInPoints(30);
        put(r, 0, TITLE, title);
        merge(0, 0, 0, COLUMNS - 1);
        r = row(1, null, COLUMNS);
        put(r, 0, "（" + asOf.getYear() + "年" + months + "）", subtitle);
        merge(1, 1, 0, COLUMNS - 1);

        r = row(2, text, COLUMNS);
        put(r, 0, "项目名称", label);
        put(r, 2, p.name(), text);
        merge(2, 2, 0, 1);
        merge(2, 2, 2, COLUMNS - 1);
        r = row(3, text, COLUMNS);
        put(r, 0, "主管部门及代码", label);
        put(r, 2, project.agencyName() + "（" + p.agencyCode() + "）", text);
        put(r, 7, "实施单位", label);
        put(r, 9, project.agencyName(), text);
        merge(3, 3, 0, 1);
        merge(3, 3, 2, 6);
        merge(3, 3, 7, 8);
        merge(3, 3, 9, COLUMNS - 1);

        // 项目资金（万元）: rows 5–7, the causes under one 偏差原因分析 heading
        r = row(4, label, COLUMNS);
        put(r, 0, "项目资金（万元）", label);
        String[] funds = {"年初预算数", "调整后预算数", months + "执行数", months + "执行率", "全年预计执行数"};
        for (int i = 0; i < funds.length; i++) {
            put(r, 2 + i, funds[i], label);
            merge(4, 5, 2 + i, 2 + i);
        }
        causeHeads(r);
        merge(4, FUNDS_ROW, 0, 1);
        r = row(FUNDS_ROW, text, COLUMNS);
        amount(r, 2, project.budgetAtStart());
        amount(r, 3, p.budget().total());
        amount(r, 4, p.executed().total());
        rate(r, 5, p.executionRate());
        ExplanationView fundsExplanation = project.funds();
        if (fundsExplanation != null && fundsExplanation.expectedFullYear() != null) {
            amount(r, 6, fundsExplanation.expectedFullYear().amount());
        }
        explanation(r, fundsExplanation);

        // 绩效指标
        int header = FIRST_INDICATOR_ROW - 2;
        r = row(header, label, COLUMNS);
        String[] columns = {"一级指标", "二级指标", "三级指标", "年度指标值", months + "执行情况", "全年预计完成情况"};
        for (int i = 0; i < columns.length; i++) {
            put(r, i, columns[i], label);
            merge(header, header + 1, i, i == 5 ? 6 : i);
        }
        causeHeads(r);
        int at = FIRST_INDICATOR_ROW;
        for (MonitoringForm.IndicatorLine line : project.indicators()) {
            r = row(at, text, COLUMNS);
            put(r, 0, line.indicator().level1(), text);
            put(r, 1, line.indicator().level2(), text);
            put(r, 2, line.indicator().level3(), text);
            put(r, 3, line.indicator().targetRaw(), text);
            actual(r, 4, line.actual());
            ExplanationView e = line.explanation();
            if (e != null && e.expectedFullYear() != null) {
                put(r, 5, e.expectedFullYear().text(), text);
            }
            merge(at, at, 5, 6);
            explanation(r, e);
            at++;
        }

        FormCells.layOut(sheet, new int[] {10, 12, 18, 14, 16, 12, 14, 16, 16, 16, 16, 16, 12, 24}, REPEATING_ROWS);
        FormCells.finished(sheet);
    }

    /**
     * 偏差原因分析 over H–L with its five categories below, 完成目标可能性 and 备注 over both rows: fills {@code top}
     * (the row just written) and writes the row below it.
     */
    private void causeHeads(Row top) {
        int at = top.getRowNum();
        Row below = row(at + 1, label, COLUMNS);
        put(top, CAUSES, "偏差原因分析", label);
        merge(at, at, CAUSES, CAUSES + 4);
        Cause[] causes = Cause.values();
        for (int i = 0; i < causes.length; i++) {
            put(below, CAUSES + i, FormCells.causeLabel(causes[i]), label);
        }
        put(top, LIKELIHOOD, "完成目标可能性", label);
        merge(at, at + 1, LIKELIHOOD, LIKELIHOOD);
        put(top, REMARKS, "备注", label);
        merge(at, at + 1, REMARKS, REMARKS);
    }

    /** The causes (H–L), the likelihood (M) and the corrective measures as 备注 (N) of an explanation. */
    private void explanation(Row r, ExplanationView e) {
        if (e == null) {
            return;
        }
        Map<Cause, String> causes = e.causes() == null ? Map.of() : e.causes();
        Cause[] order = Cause.values();
        for (int i = 0; i < order.length; i++) {
            put(r, CAUSES + i, causes.get(order[i]), text);
        }
        put(r, LIKELIHOOD, likelihood(e.likelihood()), text);
        put(r, REMARKS, e.correctiveMeasures(), text);
    }

    /** A row whose cells carry {@code style} (so merged regions keep their borders). */
    private Row row(int index, CellStyle style, int columns) {
        return FormCells.row(sheet, index, style, columns);
    }

    private void amount(Row r, int column, BigDecimal yuan) {
        cells.amount(r, column, yuan);
    }

    private void rate(Row r, int column, BigDecimal percentValue) {
        cells.rate(r, column, percentValue);
    }

    private void actual(Row r, int column, IndicatorActual actual) {
        cells.actual(r, column, actual);
    }

    private void merge(int firstRow, int lastRow, int firstColumn, int lastColumn) {
        FormCells.merge(sheet, firstRow, lastRow, firstColumn, lastColumn);
    }
}
