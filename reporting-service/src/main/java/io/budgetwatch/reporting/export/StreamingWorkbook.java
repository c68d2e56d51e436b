package io.budgetwatch.reporting.export;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.openxml4j.util.ZipArchiveThresholdInputStream;
import org.apache.poi.openxml4j.util.ZipEntrySource;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;
import org.apache.poi.xssf.usermodel.XSSFName;
import org.apache.poi.ss.formula.SheetNameFormatter;
import org.apache.poi.ss.util.CellRangeAddress;
import org.openxmlformats.schemas.spreadsheetml.x2006.main.CTWorksheet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A streaming workbook of many short sheets (the monitoring form: one per project), written as POI's
 * {@link SXSSFWorkbook} writes it, without what costs per sheet there:
 * <ul>
 *   <li>a finished sheet's temp file writer is closed at once ({@link #finish}), so its buffers (24 KB) are not
 *   held for every sheet until the workbook is written;</li>
 *   <li>writing splices each sheet's rows into its template part as bytes (POI copies the part a character at a
 *   time through a reader and a writer, allocating for each character, and looks each part's sheet up among all
 *   sheets).</li>
 * </ul>
 * The parts written are the same: the template's part up to {@code </sheetData>} (or in place of an empty
 * {@code <sheetData/>}), the sheet's rows, the rest of the part.
 */
final class StreamingWorkbook extends SXSSFWorkbook {

    private static final byte[] EMPTY = "<sheetData/>".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OPEN = "<sheetData>".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "</sheetData>".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OPEN_LINE = "<sheetData>\n".getBytes(StandardCharsets.US_ASCII);

    private final Map<SXSSFSheet, SheetDataWriter> writers = new IdentityHashMap<>();
    private SheetDataWriter created;

    /** Temp files not compressed: a workbook of 500 sheets would hold 500 Deflaters (native memory) otherwise. */
    StreamingWorkbook(int window) {
        super(null, window, false);
    }

    @Override
    protected SheetDataWriter createSheetDataWriter() throws IOException {
        created = super.createSheetDataWriter();
        return created;
    }

    @Override
    public SXSSFSheet createSheet(String name) {
        SXSSFSheet sheet = super.createSheet(name);
        writers.put(sheet, created);
        created = null;
        return sheet;
    }

    @Override
    public SXSSFSheet createSheet() {
        SXSSFSheet sheet = super.createSheet();
        writers.put(sheet, created);
        created = null;
        return sheet;
    }

    /**
     * A sheet written to its end: its rows go to its temp file and the file's writer is closed (no row may be
     * added afterwards). Writing the workbook closes it again, which a closed writer allows.
     */
    void finish(SXSSFSheet sheet) throws IOException {
        sheet.flushRows();
        SheetDataWriter writer = writers.remove(sheet);
        if (writer != null) {
            writer.close();
        }
    }

    /**
     * Rows printed on every page of a new {@code sheet}, recorded as {@link SXSSFSheet#setRepeatingRows} records
     * them (the sheet's {@code _xlnm.Print_Titles} name, {@code 'sheet'!$1:$4}): without looking for the sheet's
     * existing titles among every sheet's twice first (a new sheet has none; POI's check of the name's uniqueness
     * remains).
     */
    void repeatRows(SXSSFSheet sheet, CellRangeAddress rows) {
        int index = getSheetIndex(sheet);
        XSSFName name = getXSSFWorkbook().createName();
        name.setSheetIndex(index);
        name.setNameName(XSSFName.BUILTIN_PRINT_TITLE);
        name.setRefersToFormula(SheetNameFormatter.format(sheet.getSheetName()) + "!$" + (rows.getFirstRow() + 1)
                + ":$" + (rows.getLastRow() + 1));
        CTWorksheet worksheet = getXSSFWorkbook().getSheetAt(index).getCTWorksheet();
        if (!worksheet.isSetPageSetup() || !worksheet.isSetPageMargins()) {
            sheet.getPrintSetup().setValidSettings(false); // as POI does for titles without a page setup
        }
    }

    @Override
    protected void injectData(ZipEntrySource source, OutputStream out) throws IOException {
        Map<String, SXSSFSheet> byPart = new HashMap<>();
        for (int i = 0; i < getNumberOfSheets(); i++) {
            byPart.put(getXSSFWorkbook().getSheetAt(i).getPackagePart().getPartName().getName().substring(1),
                    getSheetAt(i));
        }
        byte[] buffer = new byte[64 * 1024];
        ZipArchiveOutputStream zos = createArchiveOutputStream(out);
        try {
            Enumeration<? extends ZipArchiveEntry> entries = source.getEntries();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                ZipArchiveEntry copy = new ZipArchiveEntry(entry.getName());
                if (entry.getSize() >= 0) {
                    copy.setSize(entry.getSize());
                }
                if (entry.getTime() >= 0) {
                    copy.setTime(entry.getTime());
                }
                zos.putArchiveEntry(copy);
                try (InputStream in = source.getInputStream(entry)) {
                    if (in instanceof ZipArchiveThresholdInputStream guarded) {
                        guarded.setGuardState(false); // as POI: the parts are its own
                    }
                    SXSSFSheet sheet = byPart.get(entry.getName());
                    if (sheet != null) {
                        splice(in.readAllBytes(), sheet, zos, buffer);
                    } else {
                        copy(in, zos, buffer);
                    }
                } finally {
                    zos.closeArchiveEntry();
                }
            }
        } finally {
            zos.finish();
            source.close();
        }
    }

    /** The template part of a sheet with the sheet's rows in its {@code sheetData}, as POI splices them. */
    private static void splice(byte[] part, SXSSFSheet sheet, OutputStream out, byte[] buffer) throws IOException {
        int empty = indexOf(part, EMPTY, 0);
        int open = indexOf(part, OPEN, 0);
        int rest;
        if (open >= 0 && (empty < 0 || open < empty)) {
            int close = indexOf(part, CLOSE, open + OPEN.length);
            out.write(part, 0, close < 0 ? part.length : close);
            rest = close < 0 ? part.length : close + CLOSE.length;
        } else if (empty >= 0) {
            out.write(part, 0, empty);
            out.write(OPEN_LINE);
            rest = empty + EMPTY.length;
        } else {
            out.write(part);
            out.write(OPEN_LINE);
            rest = part.length;
        }
        try (InputStream rows = sheet.getWorksheetXMLInputStream()) {
            copy(rows, out, buffer);
        }
        out.write(CLOSE);
        out.write(part, rest, part.length - rest);
    }

    private static void copy(InputStream in, OutputStream out, byte[] buffer) throws IOException {
        for (int n; (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
        }
    }

    static int indexOf(byte[] data, byte[] wanted, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - wanted.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (data[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
