package io.budgetwatch.goals.document.parse;

import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFSDT;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTDecimalNumber;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTrPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STMerge;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Word document's body in order: paragraphs, and tables row by row. A cell continuing a
 * vertical merge (w:vMerge without "restart") reads as blank, like the text export; w:gridSpan and
 * w:gridBefore give each cell its grid column so that rows align.
 */
final class DocxReader {
    private DocxReader() {
    }

    static List<Item> read(byte[] body) {
        List<Item> items = new ArrayList<>();
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(body))) {
            int table = -1;
            for (IBodyElement e : doc.getBodyElements()) {
                if (e instanceof XWPFParagraph p) {
                    for (String line : p.getText().split("\n", -1)) {
                        items.add(new Item.Para(TextNorm.trim(line), Src.NONE));
                    }
                } else if (e instanceof XWPFTable t) {
                    table++;
                    for (XWPFTableRow r : t.getRows()) {
                        items.add(new Item.Row(table, cells(r), Src.NONE));
                    }
                } else if (e instanceof XWPFSDT sdt) {
                    for (String line : sdt.getContent().getText().split("\n", -1)) {
                        items.add(new Item.Para(TextNorm.trim(line), Src.NONE));
                    }
                }
            }
        } catch (DocumentRejectedException e) {
            throw e;
        } catch (Exception | LinkageError e) {
            throw new DocumentRejectedException("not-a-document", null, null, null, null, null, "body",
                    "无法作为Word（.docx）文档读取：" + e.getClass().getSimpleName(),
                    "cannot be read as a Word (.docx) document: " + e.getClass().getSimpleName(), e);
        }
        return items;
    }

    private static List<Item.Cell> cells(XWPFTableRow r) {
        List<Item.Cell> cells = new ArrayList<>();
        int col = 0;
        CTTrPr trPr = r.getCtRow().getTrPr();
        if (trPr != null && trPr.sizeOfGridBeforeArray() > 0 && trPr.getGridBeforeArray(0).getVal() != null) {
            col = ((java.math.BigInteger) trPr.getGridBeforeArray(0).getVal()).intValue();
        }
        for (XWPFTableCell c : r.getTableCells()) {
            int span = 1;
            boolean continued = false;
            CTTcPr pr = c.getCTTc().getTcPr();
            if (pr != null) {
                if (pr.isSetGridSpan()) {
                    CTDecimalNumber n = pr.getGridSpan();
                    if (n.getVal() != null) {
                        span = Math.max(1, ((java.math.BigInteger) n.getVal()).intValue());
                    }
                }
                if (pr.isSetVMerge()) {
                    STMerge.Enum v = pr.getVMerge().getVal();
                    continued = v == null || v == STMerge.CONTINUE;
                }
            }
            String text = continued ? "" : TextNorm.trimLines(cellText(c));
            cells.add(new Item.Cell(text, col, span, Src.NONE));
            col += span;
        }
        return cells;
    }

    private static String cellText(XWPFTableCell c) {
        StringBuilder b = new StringBuilder();
        for (IBodyElement e : c.getBodyElements()) {
            String t;
            if (e instanceof XWPFParagraph p) {
                t = p.getText();
            } else if (e instanceof XWPFTable nested) {
                t = nested.getText();
            } else if (e instanceof XWPFSDT sdt) {
                t = sdt.getContent().getText();
            } else {
                continue;
            }
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append(t);
        }
        return b.toString();
    }
}
