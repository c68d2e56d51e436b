package io.budgetwatch.goals.document.parse;

import io.budgetwatch.goals.document.parse.TestDocuments.GoalDoc;
import io.budgetwatch.goals.document.parse.TestDocuments.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static io.budgetwatch.goals.document.parse.TestDocuments.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Plain unit test (no Quarkus): documents that cannot be read for sure are refused, saying where and why. */
class DocumentRejectionTest {
    private static final GoalDocumentParser PARSER = new GoalDocumentParser();

    private static DocumentRejectedException reject(byte[] body, String type) {
        return reject(body, type, null);
    }

    private static DocumentRejectedException reject(byte[] body, String type, Integer hint) {
        DocumentRejectedException e = assertThrows(DocumentRejectedException.class, () -> PARSER.parse(body, type, hint));
        assertTrue(e.messageZh() != null && !e.messageZh().isBlank(), "zh message");
        assertTrue(e.messageEn() != null && !e.messageEn().isBlank(), "en message");
        return e;
    }

    private static DocumentRejectedException rejectText(byte[] body) {
        return reject(body, GoalDocumentParser.TEXT);
    }

    /** 1-based line of the n-th (1-based) line equal to {@code line} in a text document. */
    private static int lineOf(byte[] text, String line, int occurrence) {
        String[] lines = new String(text, StandardCharsets.UTF_8).split("\n", -1);
        int seen = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].equals(line) && ++seen == occurrence) {
                return i + 1;
            }
        }
        throw new AssertionError("no line " + line);
    }

    private static void at(DocumentRejectedException e, String code, Integer table, Integer row, Integer cell) {
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(table, e.table(), e.getMessage());
        assertEquals(row, e.row(), e.getMessage());
        assertEquals(cell, e.cell(), e.getMessage());
    }

    // ---- the defects listed in issue 3 -----------------------------------------------------------

    @Test
    void emptyBody() {
        for (String type : GoalDocumentParser.MEDIA_TYPES) {
            DocumentRejectedException e = reject(TestDocuments.emptyBody(), type);
            assertEquals("empty-document", e.code());
            assertEquals("", e.location());
        }
        assertEquals("empty-document", rejectText(" \n\t\n\r\n".getBytes(StandardCharsets.UTF_8)).code());
        assertEquals("empty-document", rejectText(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}).code());
        assertEquals("empty-document", assertThrows(DocumentRejectedException.class,
                () -> PARSER.parse(null, GoalDocumentParser.TEXT, null)).code());
    }

    @Test
    void binaryGarbage() {
        for (String type : GoalDocumentParser.MEDIA_TYPES) {
            assertEquals("not-a-document", reject(TestDocuments.binaryGarbage(), type).code(), type);
        }
        assertEquals("not-a-document", rejectText("abc\0def".getBytes(StandardCharsets.UTF_8)).code());
        // a Word file sent as text or as Excel, an Excel file sent as Word
        assertEquals("not-a-document", rejectText(TestDocuments.seedDocx()).code());
        assertEquals("not-a-document", reject(TestDocuments.seedDocx(), GoalDocumentParser.XLSX).code());
        assertEquals("not-a-document", reject(TestDocuments.seedXlsx(), GoalDocumentParser.DOCX).code());
        assertEquals("not-a-document", reject(TestDocuments.seedText(), GoalDocumentParser.DOCX).code());
        // GBK bytes are not UTF-8
        assertEquals("not-a-document", rejectText("项目编码".getBytes(java.nio.charset.Charset.forName("GBK"))).code());
    }

    @Test
    void unsupportedMediaType() {
        assertEquals("unsupported-media-type", reject(TestDocuments.seedText(), "application/pdf").code());
        assertEquals("unsupported-media-type", reject(TestDocuments.seedText(), null).code());
        assertEquals("unsupported-media-type", reject(TestDocuments.seedText(), "application/msword").code());
    }

    @Test
    void tableWithAMissingColumn() {
        byte[] doc = TestDocuments.missingColumnText();
        DocumentRejectedException e = rejectText(doc);
        at(e, "missing-column", 2, 8, null);
        assertEquals("指标值", e.field());
        assertEquals(lineOf(doc, "\t一级指标", 2), e.line());
        assertEquals("表2 第8行（文本第" + e.line() + "行）", e.location());
        assertEquals("table 2, row 8 (text line " + e.line() + ")", e.locationEn());
        assertTrue(e.messageZh().contains("指标值"), e.messageZh());
        assertTrue(e.describeZh().startsWith("表2 第8行"), e.describeZh());
    }

    @Test
    void planThatDecreases() {
        byte[] doc = TestDocuments.decreasingPlanText();
        DocumentRejectedException e = rejectText(doc);
        at(e, "plan-decreasing", 3, 6, 4);
        assertEquals(lineOf(doc, "\t40.00%", 1), e.line());
        assertTrue(e.location().startsWith("表3 第6行 第4列"), e.location());
        assertTrue(e.messageZh().contains("50.00%") && e.messageZh().contains("40.00%"), e.messageZh());
        assertTrue(e.messageEn().contains("decreases"), e.messageEn());
    }

    @Test
    void planOutsideZeroToHundredOrNotEndingAtHundred() {
        at(rejectText(TestDocuments.planOverHundredText()), "plan-out-of-range", 7, 6, 4);
        at(rejectText(TestDocuments.incompletePlanText()), "plan-incomplete", 6, 6, 5);
        GoalDoc d = TestDocuments.seed();
        d.projects.get(0).percents = list("-5", "50", "75", "100");
        at(rejectText(d.toText()), "plan-out-of-range", 1, 6, 2);
        d.projects.get(0).percents = list("25", "五十", "75", "100");
        at(rejectText(d.toText()), "bad-plan-percent", 1, 6, 3);
        d.projects.get(0).percents = list("25", "50", "75", "");
        at(rejectText(d.toText()), "plan-value-missing", 1, 5, 5);
        d = TestDocuments.seed();
        d.projects.get(0).checkpoints = list("3月底", "三月中旬", "10月底", "12月底");
        at(rejectText(d.toText()), "bad-checkpoint", 1, 5, 3);
        d.projects.get(0).checkpoints = list("3月底", "6月底", "5月底", "12月底");
        at(rejectText(d.toText()), "bad-checkpoint-order", 1, 5, 4);
        d.projects.get(0).checkpoints = list("3月底", "6月底", "10月底", "2022年3月31日");
        at(rejectText(d.toText()), "checkpoint-outside-year", 1, 5, 5);
        d.projects.get(0).checkpoints = list("3月底", "6月底", "10月底", "12月底");
        d.projects.get(0).planLabel = "资金支出计划（万元）";
        at(rejectText(d.toText()), "plan-not-percent", 1, 5, 1);
    }

    @Test
    void totalThatIsNotTheSum() {
        byte[] doc = TestDocuments.sumMismatchText();
        DocumentRejectedException e = rejectText(doc);
        at(e, "budget-sum-mismatch", 2, 3, 3);
        assertEquals(lineOf(doc, "\t230000.00", 1), e.line());
        assertTrue(e.messageZh().contains("230000.00") && e.messageZh().contains("220000.00"), e.messageZh());
    }

    @Test
    void unknownMoneyUnit() {
        byte[] doc = TestDocuments.unknownUnitText();
        DocumentRejectedException e = rejectText(doc);
        at(e, "unknown-money-unit", 4, 1, 2);
        assertEquals(lineOf(doc, "\t单位：千元", 1), e.line());
        assertTrue(e.messageZh().contains("千元"), e.messageZh());
        GoalDoc d = TestDocuments.seed();
        d.projects.forEach(p -> p.unitLine = null);
        at(rejectText(d.toText()), "missing-money-unit", 1, 3, 3);
    }

    @Test
    void nonNumericAmount() {
        DocumentRejectedException e = rejectText(TestDocuments.nonNumericAmountText());
        at(e, "bad-amount", 1, 3, 5);
        assertEquals("财政资金", e.field());
        GoalDoc d = TestDocuments.seed();
        d.projects.get(0).total = "-4000.00";
        d.projects.get(0).fiscal = "-4000.00";
        at(rejectText(d.toText()), "bad-amount", 1, 3, 3);
        d = TestDocuments.seed();
        d.projects.get(0).total = "4000.001";
        at(rejectText(d.toText()), "bad-amount", 1, 3, 3);
        d = TestDocuments.seed();
        d.projects.get(0).unitLine = "单位：万元";
        d.projects.get(0).total = "0.0000001";
        at(rejectText(d.toText()), "bad-amount", 1, 3, 3);
    }

    @Test
    void badProjectCode() {
        DocumentRejectedException e = rejectText(TestDocuments.badProjectCodeText());
        at(e, "bad-project-code", 5, 2, 2);
        assertTrue(e.messageZh().contains("13030321DPERPAZTW8YX"), e.messageZh());
        GoalDoc d = TestDocuments.seed();
        d.projects.get(0).code = "13030A210B2L85R7NSB45"; // letter in the division code
        at(rejectText(d.toText()), "bad-project-code", 1, 2, 2);
        d = TestDocuments.seed();
        d.projects.get(1).code = d.projects.get(0).code;
        at(rejectText(d.toText()), "duplicate-project-code", 2, 2, 2);
    }

    // ---- more that cannot be read for sure -----------------------------------------------------

    @Test
    void fiscalYearThatCannotBeTold() {
        GoalDoc d = TestDocuments.seed();
        d.projects.get(2).code = "13030322A4GNQBCU9KKF1";
        DocumentRejectedException e = rejectText(d.toText());
        assertEquals("fiscal-year-unknown", e.code());
        assertEquals("fiscalYear", e.field());
        ParsedDocument withHint = PARSER.parse(d.toText(), GoalDocumentParser.TEXT, 2021);
        assertEquals(List.of("13030322A4GNQBCU9KKF1"), withHint.warnings().stream()
                .filter(w -> w.rule().equals("project-code-year-mismatch")).map(QualityWarning::projectCode).toList());
        assertEquals("bad-fiscal-year", reject(TestDocuments.seedText(), GoalDocumentParser.TEXT, 1999).code());
    }

    @Test
    void oneDocumentOneAgency() {
        GoalDoc d = TestDocuments.seed();
        d.projects.get(2).agency = "213002中共秦皇岛市山海关区委宣传部本级";
        at(rejectText(d.toText()), "mixed-agencies", 3, 2, 1);
        d = TestDocuments.seed();
        d.projects.forEach(p -> p.agency = "中共秦皇岛市山海关区委统战部本级");
        assertEquals("missing-agency", rejectText(d.toText()).code());
    }

    @Test
    void indicatorRowsThatCannotBeRead() {
        GoalDoc d = TestDocuments.seed();
        d.projects.get(0).indicators.get(1).set(4, "");
        at(rejectText(d.toText()), "missing-target", 1, 10, 5);
        d = TestDocuments.seed();
        d.projects.get(0).indicators.get(0).set(0, "");
        at(rejectText(d.toText()), "missing-level1", 1, 9, 1);
        d = TestDocuments.seed();
        d.projects.get(0).indicators.get(4).set(1, ""); // new 一级 效益指标 without a 二级
        at(rejectText(d.toText()), "missing-level2", 1, 13, 2);
        d = TestDocuments.seed();
        d.projects.get(0).indicators.get(2).set(2, "");
        at(rejectText(d.toText()), "missing-indicator-name", 1, 11, 3);
        d = TestDocuments.seed();
        d.projects.get(0).indicators.get(3).remove(5); // a row with 5 cells under 6 headers
        at(rejectText(d.toText()), "row-shape", 1, 12, null);
    }

    @Test
    void documentWithoutProjectTables() {
        assertEquals("no-project-table", rejectText("这是一份说明文字。\n没有表格。\n".getBytes(StandardCharsets.UTF_8)).code());
        String onlyProjectTable = new String(TestDocuments.seed().only("130303210B2L85R7NSB45").toText(),
                StandardCharsets.UTF_8);
        String cut = onlyProjectTable.substring(0, onlyProjectTable.indexOf("\t一级指标"));
        at(rejectText(cut.getBytes(StandardCharsets.UTF_8)), "missing-indicator-table", 1, 2, null);
        GoalDoc d = TestDocuments.seed();
        d.projects.get(0).planLabel = "备注";
        at(rejectText(d.toText()), "missing-field", 1, 2, null);
    }

    // ---- the same refusals from Word and Excel, with their locations -----------------------------

    private static GoalDoc decreasing() {
        GoalDoc d = TestDocuments.seed();
        d.projects.get(2).percents = list("25.00%", "50.00%", "40.00%", "100.00%");
        return d;
    }

    @Test
    void wordLocations() {
        DocumentRejectedException e = reject(decreasing().toDocx(), GoalDocumentParser.DOCX);
        at(e, "plan-decreasing", 3, 6, 4);
        assertNull(e.line());
        assertEquals("表3 第6行 第4列", e.location());
        assertEquals("table 3, row 6, cell 4", e.locationEn());
        GoalDoc d = TestDocuments.seed();
        d.projects.get(1).removeIndicatorColumn("指标值");
        at(reject(d.toDocx(), GoalDocumentParser.DOCX), "missing-column", 2, 8, null);
        d = TestDocuments.seed();
        d.projects.get(1).total = "230000.00";
        at(reject(d.toDocx(), GoalDocumentParser.DOCX), "budget-sum-mismatch", 2, 3, 3);
        d = TestDocuments.seed();
        d.projects.get(3).unitLine = "单位：美元";
        at(reject(d.toDocx(), GoalDocumentParser.DOCX), "unknown-money-unit", 4, 1, 2);
        d = TestDocuments.seed();
        d.projects.get(3).preambleAsParagraphs = true;
        d.projects.get(3).unitLine = "单位：美元";
        DocumentRejectedException para = reject(d.toDocx(), GoalDocumentParser.DOCX);
        at(para, "unknown-money-unit", 4, null, null);
        assertEquals("表4", para.location());
        byte[] text = d.toText();
        DocumentRejectedException textPara = rejectText(text);
        at(textPara, "unknown-money-unit", 4, null, null);
        assertEquals(lineOf(text, "单位：美元", 1), textPara.line());
    }

    @Test
    void excelWordLayoutLocationsAreSheetCells() {
        DocumentRejectedException e = reject(decreasing().toXlsxWordLayout(), GoalDocumentParser.XLSX);
        assertEquals("plan-decreasing", e.code());
        assertEquals(3, e.table());
        assertEquals("绩效目标表", e.sheet());
        assertEquals(4, e.cell()); // column D
        assertTrue(e.location().startsWith("表3 工作表“绩效目标表” 第"), e.location());
        assertTrue(e.locationEn().startsWith("table 3, sheet 绩效目标表, row "), e.locationEn());
    }

    @Test
    void excelTemplateLocationsAreSheetCells() {
        DocumentRejectedException e = reject(decreasing().toXlsxTemplate(), GoalDocumentParser.XLSX);
        assertEquals("plan-decreasing", e.code());
        assertEquals("项目", e.sheet());
        assertEquals(4, e.row()); // header in row 1, table 3's project in row 4
        assertEquals(11, e.cell()); // 10月底 is column K
        assertNull(e.table());
        assertEquals("工作表“项目” 第4行 第11列", e.location());

        GoalDoc d = TestDocuments.seed();
        d.projects.get(1).total = "230000.00";
        DocumentRejectedException sum = reject(d.toXlsxTemplate(), GoalDocumentParser.XLSX);
        assertEquals("budget-sum-mismatch", sum.code());
        assertEquals(3, sum.row());
        assertEquals(5, sum.cell());

        d = TestDocuments.seed();
        d.projects.forEach(p -> p.removeIndicatorColumn("指标值"));
        DocumentRejectedException col = reject(d.toXlsxTemplate(), GoalDocumentParser.XLSX);
        assertEquals("missing-column", col.code());
        assertEquals("指标", col.sheet());
        assertEquals(1, col.row());

        d = TestDocuments.seed();
        d.projects.forEach(p -> p.unitLine = "单位：千元");
        DocumentRejectedException unit = reject(d.toXlsxTemplate(), GoalDocumentParser.XLSX);
        assertEquals("unknown-money-unit", unit.code());
        assertEquals("项目", unit.sheet());
        assertEquals(1, unit.row());
    }

    // ---- whatever the damage, the only failure is a DocumentRejectedException --------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text-lines", "text-bytes", "docx", "xlsx"})
    void damagedDocumentsAreRefusedNeverCrash(String kind) {
        Random random = new Random(kind.hashCode());
        byte[] seedText = TestDocuments.seedText();
        byte[] docx = TestDocuments.seedDocx();
        byte[] xlsx = TestDocuments.seedXlsxWordLayout();
        int accepted = 0;
        for (int n = 0; n < 150; n++) {
            byte[] body;
            String type;
            switch (kind) {
                case "text-lines" -> {
                    List<String> lines = new ArrayList<>(Arrays.asList(new String(seedText, StandardCharsets.UTF_8).split("\n", -1)));
                    for (int k = 0; k < 1 + random.nextInt(4); k++) {
                        int i = random.nextInt(lines.size());
                        switch (random.nextInt(3)) {
                            case 0 -> lines.remove(i);
                            case 1 -> lines.add(i, lines.get(random.nextInt(lines.size())));
                            default -> lines.set(i, "\t" + lines.get(i));
                        }
                    }
                    body = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
                    type = GoalDocumentParser.TEXT;
                }
                case "text-bytes" -> {
                    body = Arrays.copyOf(seedText, random.nextInt(seedText.length));
                    type = GoalDocumentParser.TEXT;
                }
                case "docx" -> {
                    body = docx.clone();
                    for (int k = 0; k < 3; k++) {
                        body[random.nextInt(body.length)] ^= (byte) (1 + random.nextInt(255));
                    }
                    type = GoalDocumentParser.DOCX;
                }
                default -> {
                    body = Arrays.copyOf(xlsx, random.nextInt(xlsx.length));
                    type = GoalDocumentParser.XLSX;
                }
            }
            try {
                PARSER.parse(body, type, null);
                accepted++;
            } catch (DocumentRejectedException e) {
                if (e.code().equals("unreadable-document")) {
                    fail("unforeseen failure inside the parser", e.getCause());
                }
            }
        }
        assertTrue(accepted < 150, "some damage must be refused");
    }
}
