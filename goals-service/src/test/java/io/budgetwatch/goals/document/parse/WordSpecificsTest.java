package io.budgetwatch.goals.document.parse;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.junit.jupiter.api.Test;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STMerge;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plain unit test (no Quarkus): Word tables with merged cells and spans, built here cell by cell. */
class WordSpecificsTest {
    private static final GoalDocumentParser PARSER = new GoalDocumentParser();

    /** Word keeps whatever text a cell had before it was merged into the cell above; it is not shown, so it is not read. */
    @Test
    void textLeftInVerticallyMergedCellsIsIgnored() throws Exception {
        int stale = 0;
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(TestDocuments.seedDocx()));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (XWPFTable t : doc.getTables()) {
                for (XWPFTableRow r : t.getRows()) {
                    for (XWPFTableCell c : r.getTableCells()) {
                        CTTcPr pr = c.getCTTc().getTcPr();
                        if (pr != null && pr.isSetVMerge() && pr.getVMerge().getVal() == null) {
                            c.getParagraphs().get(0).createRun().setText("合并前残留的文字");
                            stale++;
                        }
                    }
                }
            }
            doc.write(out);
            assertTrue(stale > 50, "continuation cells: " + stale);
            assertEquals(SeedDocumentTest.seed(), PARSER.parse(out.toByteArray(), GoalDocumentParser.DOCX, null));
        }
    }

    private static XWPFTableCell cell(XWPFTableRow r, String text, int span, STMerge.Enum vMerge, boolean continued) {
        XWPFTableCell c = r.addNewTableCell();
        CTTcPr pr = c.getCTTc().isSetTcPr() ? c.getCTTc().getTcPr() : c.getCTTc().addNewTcPr();
        if (span > 1) {
            pr.addNewGridSpan().setVal(BigInteger.valueOf(span));
        }
        if (vMerge != null) {
            pr.addNewVMerge().setVal(vMerge);
        } else if (continued) {
            pr.addNewVMerge();
        }
        String[] lines = text.split("\n");
        c.getParagraphs().get(0).createRun().setText(lines[0]);
        for (int i = 1; i < lines.length; i++) {
            c.addParagraph().createRun().setText(lines[i]);
        }
        return c;
    }

    private static XWPFTableRow row(XWPFTable t) {
        return t.insertNewTableRow(t.getNumberOfRows());
    }

    /**
     * A project table on an 8-column grid where the plan's label spans two columns and the row of
     * percents starts with two single blank cells: only grid columns pair 3月底 with 20%.
     */
    @Test
    void cellsAlignByGridColumnNotByIndex() throws Exception {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText("XX局2021年项目绩效目标表");
            doc.createParagraph().createRun().setText("单位：万元");
            XWPFTable t = doc.createTable();
            XWPFTableRow r = row(t);
            cell(r, "单位名称", 2, null, false);
            cell(r, "110102 XX局机关", 6, null, false);
            r = row(t);
            cell(r, "项目编码", 2, null, false);
            cell(r, "11010221XYZ0000000001", 2, null, false);
            cell(r, "项目名称", 1, null, false);
            cell(r, "档案数字化", 3, null, false);
            r = row(t);
            cell(r, "预算数", 2, null, false);
            cell(r, "其中：财政资金", 2, null, false);
            cell(r, "其他资金", 2, null, false);
            cell(r, "资金用途", 2, null, false);
            r = row(t);
            cell(r, "35.5", 2, null, false);
            cell(r, "30", 2, null, false);
            cell(r, "5.5", 2, null, false);
            cell(r, "扫描档案\n建设检索系统", 2, null, false);
            r = row(t);
            cell(r, "资金支出计划（%）", 2, STMerge.RESTART, false);
            cell(r, "3月底", 1, null, false);
            cell(r, "6月底", 1, null, false);
            cell(r, "9月底", 2, null, false);
            cell(r, "12月底", 2, null, false);
            r = row(t);
            cell(r, "", 1, null, true);
            cell(r, "", 1, null, false);
            cell(r, "20%", 1, null, false);
            cell(r, "45%", 1, null, false);
            cell(r, "70%", 2, null, false);
            cell(r, "100%", 2, null, false);
            r = row(t);
            cell(r, "年度绩效目标", 2, null, false);
            cell(r, "1.完成10万卷档案数字化\n2.建成检索系统", 6, null, false);
            r = row(t);
            cell(r, "一级指标", 1, null, false);
            cell(r, "二级指标", 1, null, false);
            cell(r, "三级指标", 2, null, false);
            cell(r, "指标值", 2, null, false);
            cell(r, "指标值确定依据", 2, null, false);
            r = row(t);
            cell(r, "产出指标", 1, STMerge.RESTART, false);
            cell(r, "数量指标", 1, STMerge.RESTART, false);
            cell(r, "数字化档案数量", 2, null, false);
            cell(r, "≥10万卷", 2, null, false);
            cell(r, "工作计划", 2, null, false);
            r = row(t);
            cell(r, "", 1, null, true);
            cell(r, "", 1, null, true);
            cell(r, "检索系统", 2, null, false);
            cell(r, "1套", 2, null, false);
            cell(r, "工作计划", 2, null, false);
            r = row(t);
            cell(r, "", 1, null, true);
            cell(r, "成本指标", 1, null, false);
            cell(r, "数字化成本", 2, null, false);
            cell(r, "≤35.5万元", 2, null, false);
            cell(r, "预算", 2, null, false);
            t.removeRow(0);
            doc.write(out);

            ParsedDocument d = PARSER.parse(out.toByteArray(), GoalDocumentParser.DOCX, null);
            assertEquals("110102", d.agencyCode());
            assertEquals("XX局机关", d.agencyName());
            assertEquals(2021, d.fiscalYear());
            ParsedProject p = d.projects().get(0);
            assertEquals(new BigDecimal("355000.00"), p.total());
            assertEquals(new BigDecimal("300000.00"), p.fiscal());
            assertEquals(new BigDecimal("55000.00"), p.other());
            assertEquals("扫描档案\n建设检索系统", p.purpose());
            assertEquals(List.of("完成10万卷档案数字化", "建成检索系统"), p.goals());
            assertEquals(List.of(LocalDate.of(2021, 3, 31), LocalDate.of(2021, 6, 30), LocalDate.of(2021, 9, 30),
                    LocalDate.of(2021, 12, 31)), p.plan().stream().map(x -> x.checkpoint()).toList());
            assertEquals(List.of(new BigDecimal("20.00"), new BigDecimal("45.00"), new BigDecimal("70.00"),
                    new BigDecimal("100.00")), p.plan().stream().map(x -> x.cumulativePercent()).toList());
            assertEquals(3, p.indicators().size());
            assertEquals(List.of("数量指标", "数量指标", "成本指标"), p.indicators().stream().map(ParsedIndicator::level2).toList());
            assertEquals(new BigDecimal("100000"), p.indicators().get(0).target().baseValue());
            assertEquals("卷", p.indicators().get(0).target().baseUnit());
            assertEquals(new BigDecimal("355000"), p.indicators().get(2).target().baseValue());
        }
    }
}
