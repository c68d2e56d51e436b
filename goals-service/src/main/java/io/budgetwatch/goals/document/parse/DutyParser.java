package io.budgetwatch.goals.document.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Part 1 部门整体绩效目标: numbered duties ("1、开展统战工作专项业务") each followed by lines starting
 * with 主要职责 / 职责目标 / 绩效目标 / 绩效指标 / 绩效标准. Sections ("一、总体绩效目标",
 * "二、分项绩效目标") whose heading does not mention 目标 (e.g. 工作保障措施) are skipped. A duty
 * number seen again (the seed states its duties under 总体 and again under 分项) is the same duty:
 * the later statement replaces the earlier one.
 */
final class DutyParser {
    private DutyParser() {
    }

    private static final Pattern SECTION = Pattern.compile("^[一二三四五六七八九十]+[、.]");
    private static final Pattern PART = Pattern.compile("^第[一二三四五六七八九十\\d]+部分");
    private static final Pattern DUTY = Pattern.compile("^(\\d{1,2})(?:[、]|\\.(?!\\d))\\s*(\\S.*)$");
    private static final Pattern LABEL = Pattern.compile("^(主要职责|职责目标|绩效目标|绩效指标|绩效标准)\\s*(?:是|为)?\\s*:?\\s*");

    static List<ParsedDuty> parse(List<String> paragraphs) {
        Map<Integer, ParsedDuty> duties = new LinkedHashMap<>();
        boolean include = true;
        Builder current = null;
        for (String raw : paragraphs) {
            String line = TextNorm.trim(raw);
            if (line.isEmpty()) {
                continue;
            }
            String half = TextNorm.halfWidth(line);
            if (PART.matcher(half).find() || SECTION.matcher(half).find()) {
                current = finish(current, duties);
                include = PART.matcher(half).find() || half.contains("目标");
                continue;
            }
            if (!include) {
                continue;
            }
            Matcher label = LABEL.matcher(half);
            if (label.find()) {
                if (current != null) {
                    current.field = label.group(1);
                    current.set(label.group(1), line.substring(label.end()));
                }
                continue;
            }
            Matcher duty = DUTY.matcher(half);
            if (duty.matches()) {
                current = finish(current, duties);
                current = new Builder(Integer.parseInt(duty.group(1)), stripEnd(line.substring(duty.start(2))));
                continue;
            }
            if (current != null && current.field != null) {
                current.append(line);
            }
        }
        finish(current, duties);
        return new ArrayList<>(duties.values());
    }

    private static Builder finish(Builder b, Map<Integer, ParsedDuty> duties) {
        if (b != null && b.hasContent()) {
            duties.put(b.seq, b.build());
        }
        return null;
    }

    static String stripEnd(String s) {
        String t = TextNorm.trim(s);
        while (!t.isEmpty() && "。:：;；".indexOf(t.charAt(t.length() - 1)) >= 0) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    private static final class Builder {
        final int seq;
        final String title;
        final Map<String, StringBuilder> fields = new LinkedHashMap<>();
        String field;

        Builder(int seq, String title) {
            this.seq = seq;
            this.title = title;
        }

        void set(String label, String text) {
            fields.put(label, new StringBuilder(TextNorm.trim(text)));
        }

        void append(String line) {
            StringBuilder b = fields.get(field);
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append(line);
        }

        boolean hasContent() {
            return !fields.isEmpty();
        }

        String get(String label) {
            StringBuilder b = fields.get(label);
            return b == null ? "" : b.toString();
        }

        ParsedDuty build() {
            return new ParsedDuty(seq, title, get("主要职责"), get("职责目标"), get("绩效目标"), get("绩效指标"),
                    get("绩效标准"));
        }
    }
}
