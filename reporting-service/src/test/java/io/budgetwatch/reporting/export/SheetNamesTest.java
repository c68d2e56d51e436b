package io.budgetwatch.reporting.export;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sheet names the workbooks give: legal in Excel, at most 31 characters, unique without regard to case. */
class SheetNamesTest {

    @Test
    void namesAreLegalShortAndUnique() {
        FormCells cells = new FormCells();
        List<String> names = new ArrayList<>();
        for (String wanted : List.of("130303219911100000001", "abc", "ABC", "x".repeat(40), "x".repeat(40),
                "a/b\\\\c?d*e[f]g:h", "'quoted'", "", "项目：资金[2021]")) {
            String name = cells.sheetName(wanted);
            cells.workbook.createSheet(name);
            names.add(name);
        }
        assertEquals("130303219911100000001", names.get(0));
        assertEquals("abc", names.get(1));
        assertEquals("ABC~2", names.get(2));
        assertEquals("x".repeat(31), names.get(3));
        assertEquals("x".repeat(29) + "~2", names.get(4));
        for (String name : names) {
            assertTrue(name.length() >= 1 && name.length() <= 31, name);
            assertTrue(name.chars().noneMatch(c -> "/\\\\?*[]:".indexOf(c) >= 0), name);
            assertTrue(!name.startsWith("'") && !name.endsWith("'"), name);
        }
        assertEquals(names.size(), names.stream().map(n -> n.toLowerCase(java.util.Locale.ROOT)).distinct().count());
    }
}
