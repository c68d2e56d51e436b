package io.budgetwatch.goals.document.parse;

import java.util.regex.Pattern;

/** Goal lines (绩效目标): the list numbering is not part of the goal. */
final class Goals {
    private static final Pattern NUMBERING = Pattern.compile(
            "^\\s*(?:[(（]\\s*(?:\\d{1,2}|[一二三四五六七八九十]{1,2})\\s*[)）]|(?:\\d{1,2}|[一二三四五六七八九十]{1,2})(?:[、)）:：]|[.．](?!\\d)))\\s*");

    private Goals() {
    }

    static String strip(String line) {
        return TextNorm.trim(NUMBERING.matcher(TextNorm.trim(line)).replaceFirst(""));
    }
}
