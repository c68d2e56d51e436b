package io.budgetwatch.goals.document.parse;

/** Where something was read: project table, row, cell; text line; Excel sheet. Any part may be null. */
record Loc(Integer table, Integer row, Integer cell, Integer line, String sheet) {
    static final Loc NONE = new Loc(null, null, null, null, null);

    Loc withCell(Integer c) {
        return new Loc(table, row, c, line, sheet);
    }
}
