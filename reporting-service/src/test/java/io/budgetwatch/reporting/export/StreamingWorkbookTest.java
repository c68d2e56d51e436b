package io.budgetwatch.reporting.export;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link StreamingWorkbook} writes the parts POI's own {@link SXSSFWorkbook} writes for the same sheets: its
 * byte-wise splicing of the rows, its closing of finished sheets and its print titles change nothing in the file.
 */
class StreamingWorkbookTest {

    @Test
    void writesThePartsPoiWrites() throws IOException {
        Map<String, String> poi = parts(build(new FormCells(new SXSSFWorkbook(null, FormCells.STREAMING_WINDOW,
                false))));
        Map<String, String> ours = parts(build(new FormCells(new StreamingWorkbook(FormCells.STREAMING_WINDOW))));
        ours.remove("docProps/core.xml"); // the time of creation
        poi.remove("docProps/core.xml");
        assertEquals(poi.keySet(), ours.keySet());
        poi.forEach((name, xml) -> assertEquals(xml, ours.get(name), name));
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(
                build(new FormCells(new StreamingWorkbook(FormCells.STREAMING_WINDOW)))))) {
            assertEquals(3, book.getNumberOfSheets());
            assertEquals("项目：资金（一）", book.getSheetAt(1).getRow(0).getCell(0).getStringCellValue());
            assertEquals(3, book.getSheetAt(2).getRepeatingRows().getLastRow());
            assertEquals(119, book.getSheetAt(2).getLastRowNum());
        }
    }

    /** A summary without titles, then two sheets of a digit-first name (quoted in references), one past the window. */
    private static byte[] build(FormCells cells) {
        Workbook workbook = cells.workbook;
        Sheet summary = workbook.createSheet(MonitoringWorkbook.SUMMARY);
        FormCells.put(FormCells.row(summary, 0, cells.label, 2), 0, "项目编码", cells.label);
        FormCells.finished(summary);
        for (int s = 1; s <= 2; s++) {
            Sheet sheet = workbook.createSheet(cells.sheetName("13030321991110000000" + s));
            int rows = s == 1 ? 5 : 120;
            for (int r = 0; r < rows; r++) {
                Row row = FormCells.row(sheet, r, cells.text, 4);
                FormCells.put(row, 0, r == 0 ? "项目：资金（一）" : "行 " + r + " & <x>", cells.text);
                cells.amount(row, 1, new java.math.BigDecimal("12345.67").add(java.math.BigDecimal.valueOf(r)));
                FormCells.merge(sheet, r, r, 2, 3);
            }
            FormCells.layOut(sheet, new int[] {10, 12, 14, 16}, MonitoringWorkbook.REPEATING_ROWS);
            FormCells.finished(sheet);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        cells.write(out);
        return out.toByteArray();
    }

    /** The parts by name, read through the zip's central directory (POI's local headers carry the template's sizes). */
    private static Map<String, String> parts(byte[] zip) throws IOException {
        Map<String, String> parts = new TreeMap<>();
        Path file = Files.createTempFile("streaming-workbook-test", ".xlsx");
        try {
            Files.write(file, zip);
            try (ZipFile in = new ZipFile(file.toFile())) {
                for (ZipEntry e : java.util.Collections.list(in.entries())) {
                    try (InputStream part = in.getInputStream(e)) {
                        parts.put(e.getName(), new String(part.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
        return parts;
    }
}
