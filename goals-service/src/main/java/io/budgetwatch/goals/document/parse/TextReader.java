package io.budgetwatch.goals.document.parse;

import io.budgetwatch.common.input.SafeText;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the text a Word document is exported to: paragraphs are plain lines; a table cell is a line
 * starting with a tab (a line holding only a tab is a blank cell); lines without a tab right after a
 * cell continue that cell (several paragraphs in one cell); an empty line ends a row; a paragraph or
 * two empty lines end a table. {@code [bookmark: …]} markers are dropped.
 */
final class TextReader {
    private static final Pattern BOOKMARK = Pattern.compile("\\[bookmark:[^\\]]*\\]");

    private TextReader() {
    }

    static String decode(byte[] body) {
        int offset = 0;
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            offset = 3;
        }
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars;
        try {
            chars = dec.decode(ByteBuffer.wrap(body, offset, body.length - offset));
        } catch (CharacterCodingException e) {
            throw new DocumentRejectedException("not-a-document", null, null, null, null, null, "body",
                    "文档不是UTF-8编码的文本，也不是Word（.docx）或Excel（.xlsx）文件",
                    "the document is not UTF-8 text (nor a Word .docx or Excel .xlsx file)", e);
        }
        String text = chars.toString();
        int controls = SafeText.count(text, SafeText.Policy.DOCUMENT);
        if (controls > 0) {
            throw new DocumentRejectedException("not-a-document", "body",
                    "文档含有" + controls + "个控制字符，不是文本文档",
                    "the document holds " + controls + " control characters: it is not a text document");
        }
        return text;
    }

    static List<Item> read(String text) {
        // Word writes a manual line break as a vertical tab in some exports: a new line inside the cell or paragraph
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').replace('\f', '\n').replace('\u000B', '\n')
                .split("\n", -1);
        List<Item> items = new ArrayList<>();
        int table = -1;
        boolean inTable = false;
        List<Item.Cell> row = null;
        int rowLine = 0;
        StringBuilder cell = null;
        int cellLine = 0;
        boolean afterCell = false;
        int blankRun = 0;
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = BOOKMARK.matcher(lines[i]).replaceAll("");
            if (line.startsWith("\t")) {
                if (!inTable) {
                    table++;
                    inTable = true;
                }
                if (row == null) {
                    row = new ArrayList<>();
                    rowLine = lineNo;
                } else {
                    addCell(row, cell, cellLine);
                }
                cell = new StringBuilder(line.substring(1));
                cellLine = lineNo;
                afterCell = true;
                blankRun = 0;
            } else if (line.isEmpty()) {
                if (row != null) {
                    addCell(row, cell, cellLine);
                    items.add(new Item.Row(table, List.copyOf(row), Src.line(rowLine)));
                    row = null;
                    cell = null;
                }
                afterCell = false;
                blankRun++;
                if (blankRun >= 2) {
                    inTable = false;
                }
            } else if (afterCell) {
                cell.append('\n').append(line);
            } else {
                if (row != null) {
                    addCell(row, cell, cellLine);
                    items.add(new Item.Row(table, List.copyOf(row), Src.line(rowLine)));
                    row = null;
                    cell = null;
                }
                inTable = false;
                blankRun = 0;
                items.add(new Item.Para(TextNorm.trim(line), Src.line(lineNo)));
            }
        }
        if (row != null) {
            addCell(row, cell, cellLine);
            items.add(new Item.Row(table, List.copyOf(row), Src.line(rowLine)));
        }
        return items;
    }

    private static void addCell(List<Item.Cell> row, StringBuilder cell, int line) {
        row.add(new Item.Cell(TextNorm.trimLines(cell.toString()), row.size(), 1, Src.line(line)));
    }
}
