package io.budgetwatch.reporting.export;

import static io.budgetwatch.reporting.export.FormCells.number;
import static io.budgetwatch.reporting.export.FormCells.put;

import io.budgetwatch.reporting.evaluation.IndicatorActual;
import io.budgetwatch.reporting.explanation.Cause;
import io.budgetwatch.reporting.explanation.ExplanationView;
import io.budgetwatch.reporting.selfevaluation.SelfEvaluationCalculator;
import io.budgetwatch.reporting.selfevaluation.SelfEvaluationCalculator.IndicatorScore;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The 项目支出绩效自评表 of 财预〔2020〕10号 (annex) as an xlsx workbook: of one project one sheet, of an agency one
 * sheet per project (named by its code), nine columns A–I as on the form; the last, 偏差原因分析及改进措施, per
 * indicator from its latest deviation explanation (the causes by category, then the corrective measures). Amounts in 万元 are the yuan amounts moved four places exactly (BigDecimal), turned into the cell's
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

    private final FormCells cells = new FormCells();
    private Sheet sheet;
    private final CellStyle title = cells.title;
    private final CellStyle subtitle = cells.subtitle;
    private final CellStyle label = cells.label;
    private final CellStyle text = cells.text;
    private final CellStyle percent = cells.percent;
    private final CellStyle score = cells.score;

    private SelfEvaluationWorkbook() {
    }

    /** The workbook of one project: one sheet, {@link #SHEET}. */
    public static byte[] write(SelfEvaluationForm form) {
        SelfEvaluationWorkbook w = new SelfEvaluationWorkbook();
        w.sheet = w.cells.workbook.createSheet(SHEET);
        w.fill(form);
        return w.cells.bytes();
    }

    /**
     * The workbook of several projects, in the order given: a sheet per project named by its code (unique, at most
     * 31 characters, as Excel requires); no project: one sheet {@link #SHEET} saying so.
     */
    public static byte[] write(List<SelfEvaluationForm> forms, String agencyName, int fiscalYear) {
        SelfEvaluationWorkbook w = new SelfEvaluationWorkbook();
        for (SelfEvaluationForm form : forms) {
            w.sheet = w.cells.workbook.createSheet(w.cells.sheetName(form.evaluation().projectCode()));
            w.fill(form);
        }
        if (forms.isEmpty()) {
            w.sheet = w.cells.workbook.createSheet(SHEET);
            w.empty(agencyName, fiscalYear);
        }
        return w.cells.bytes();
    }

    /** The text of the column 偏差原因分析及改进措施 for an explanation: causes by category, corrective measures. */
    public static String deviationText(ExplanationView e) {
        if (e == null) {
            return null;
        }
        StringBuilder causes = new StringBuilder();
        Map<Cause, String> given = e.causes() == null ? Map.of() : e.causes();
        for (Cause cause : Cause.values()) {
            String text = given.get(cause);
            if (text != null && !text.isBlank()) {
                causes.append(causes.isEmpty() ? "" : "；").append(FormCells.causeLabel(cause)).append("：")
                        .append(text);
            }
        }
        StringBuilder all = new StringBuilder();
        if (!causes.isEmpty()) {
            all.append("偏差原因：").append(causes);
        }
        if (e.correctiveMeasures() != null && !e.correctiveMeasures().isBlank()) {
            all.append(all.isEmpty() ? "" : "\n").append("改进措施：").append(e.correctiveMeasures());
        }
        return all.isEmpty() ? null : all.toString();
    }

    private void empty(String agencyName, int fiscalYear) {
        Row r = row(0, null);
        put(r, 0, TITLE, title);
        merge(0, 0, 0, COLUMNS - 1);
        r = row(1, null);
        put(r, 0, "（" + fiscalYear + "年度）", subtitle);
        merge(1, 1, 0, COLUMNS - 1);
        r = row(2, null);
        put(r, 0, (agencyName == null ? "" : agencyName + "：") + "本年度无项目", text);
        merge(2, 2, 0, COLUMNS - 1);
    }

    /** 万元 from yuan, exactly. */
    public static BigDecimal wanYuan(BigDecimal yuan) {
        return FormCells.wanYuan(yuan);
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
            put(r, 8, deviationText(form.explanations() == null ? null
                    : form.explanations().get(indicator.seq())), text);
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

        FormCells.layOut(sheet, new int[] {12, 12, 16, 22, 16, 16, 10, 10, 30}, REPEATING_ROWS);
    }

    /** A row whose nine cells carry {@code style} (so merged regions keep their borders). */
    private Row row(int index, CellStyle style) {
        return FormCells.row(sheet, index, style, COLUMNS);
    }

    private void amount(Row r, int column, BigDecimal yuan) {
        cells.amount(r, column, yuan);
    }

    private void actual(Row r, int column, IndicatorActual actual) {
        cells.actual(r, column, actual);
    }

    private void merge(int firstRow, int lastRow, int firstColumn, int lastColumn) {
        FormCells.merge(sheet, firstRow, lastRow, firstColumn, lastColumn);
    }
}
