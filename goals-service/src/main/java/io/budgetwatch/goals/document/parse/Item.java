package io.budgetwatch.goals.document.parse;

import java.util.List;

/** The flattened document every reader produces: paragraphs and table rows in reading order. */
sealed interface Item permits Item.Para, Item.Row {

    /** A paragraph outside tables. */
    record Para(String text, Src src) implements Item {
    }

    /**
     * One table row. table numbers the source tables (0-based, per reader); cells carry their grid
     * column and span so that rows of one table can be aligned.
     */
    record Row(int table, List<Cell> cells, Src src) implements Item {
        boolean isBlank() {
            return cells.stream().allMatch(c -> c.text().isBlank());
        }

        long nonBlankCount() {
            return cells.stream().filter(c -> !c.text().isBlank()).count();
        }

        /** The cell covering a grid column, or null. */
        Cell at(int gridCol) {
            for (Cell c : cells) {
                if (gridCol >= c.gridCol() && gridCol < c.gridCol() + c.span()) {
                    return c;
                }
            }
            return null;
        }
    }

    /** A table cell; text has its paragraphs joined by '\n' and outer whitespace removed. */
    record Cell(String text, int gridCol, int span, Src src) {
    }
}
