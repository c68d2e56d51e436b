package io.budgetwatch.reporting.export;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading the export workbooks' cells in tests: a cell that must be there, its text, its number, a 万元 amount. */
final class WorkbookCells {

    private WorkbookCells() {
    }

    static Cell cell(XSSFSheet sheet, int row, int column) {
        Row r = sheet.getRow(row);
        assertNotNull(r, "row " + row);
        Cell c = r.getCell(column);
        assertNotNull(c, "cell " + row + "/" + column);
        return c;
    }

    static String text(XSSFSheet sheet, int row, int column) {
        Cell c = cell(sheet, row, column);
        return c.getCellType() == CellType.BLANK ? "" : c.getStringCellValue();
    }

    static BigDecimal number(XSSFSheet sheet, int row, int column) {
        Cell c = cell(sheet, row, column);
        assertEquals(CellType.NUMERIC, c.getCellType(), "cell " + row + "/" + column + " is numeric");
        return BigDecimal.valueOf(c.getNumericCellValue());
    }

    /** The cell holds {@code yuan} in 万元 exactly, under the 万元 format. */
    static void assertWan(String yuan, XSSFSheet sheet, int row, int column) {
        BigDecimal expected = new BigDecimal(yuan).divide(BigDecimal.valueOf(10000));
        assertEquals(0, expected.compareTo(number(sheet, row, column)), yuan + " at " + row + "/" + column);
        assertTrue(cell(sheet, row, column).getCellStyle().getDataFormatString().startsWith("#,##0.00"));
    }
}
