package io.budgetwatch.goals.document.parse;

import java.util.ArrayList;
import java.util.List;

/** What a reader found, as written and with locations, before conversion and validation. */
final class RawDocument {
    final List<ParsedDuty> duties = new ArrayList<>();
    /** A year stated for the whole document (title 2021年…, Excel 年度 column), or null. */
    Integer titleYear;
    final List<RawProject> projects = new ArrayList<>();

    /** A text as written and where it was read. */
    record Val(String text, Loc loc) {
        boolean isBlank() {
            return text == null || text.isBlank();
        }
    }

    static final class RawProject {
        int tableNo;
        Loc loc;
        Val code;
        Val name;
        Val total;
        Val fiscal;
        Val other;
        /** The money unit as written (元, 万元, or anything else: refused), null when none was found. */
        Val unit;
        String agencyCode;
        String agencyName;
        String purpose = "";
        Val planLabel;
        final List<Val> checkpoints = new ArrayList<>();
        final List<Val> percents = new ArrayList<>();
        final List<String> goals = new ArrayList<>();
        final List<RawIndicator> indicators = new ArrayList<>();
    }

    /**
     * One indicator row; blank level1/level2 continue the row above. operator/unit come from the
     * optional 指标性质/计量单位 columns (blank when absent).
     */
    record RawIndicator(Loc loc, Val level1, Val level2, Val level3, Val description, Val target, Val basis,
                        String operator, String unit) {
    }
}
