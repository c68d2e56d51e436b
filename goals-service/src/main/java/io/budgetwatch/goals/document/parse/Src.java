package io.budgetwatch.goals.document.parse;

/** Source coordinates of a paragraph or cell: text line, or Excel sheet/row/column (1-based). */
record Src(Integer line, String sheet, Integer sheetRow, Integer sheetCol) {
    static final Src NONE = new Src(null, null, null, null);

    static Src line(int line) {
        return new Src(line, null, null, null);
    }

    static Src sheet(String sheet, int row, int col) {
        return new Src(null, sheet, row, col);
    }
}
