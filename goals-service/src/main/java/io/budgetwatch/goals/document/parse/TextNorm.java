package io.budgetwatch.goals.document.parse;

/** Small text helpers shared by the readers and rules. */
final class TextNorm {
    private TextNorm() {
    }

    /** Full-width ASCII forms (！ to ～) and the ideographic space to their ASCII form. */
    static String halfWidth(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '\uFF01' && c <= '\uFF5E') {
                b.append((char) (c - 0xFEE0));
            } else if (c == '\u3000') {
                b.append(' ');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static boolean isSpace(int c) {
        return Character.isWhitespace(c) || c == '\u00A0' || c == '\u3000' || c == '\u200B' || c == '\uFEFF'
                || c == '\u2007' || c == '\u202F';
    }

    /** Removes whitespace of any kind, everywhere. */
    static String squeeze(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().filter(c -> !isSpace(c)).forEach(b::appendCodePoint);
        return b.toString();
    }

    /** Removes whitespace of any kind at both ends (each line keeps its inner spaces). */
    static String trim(String s) {
        if (s == null) {
            return "";
        }
        int a = 0;
        int z = s.length();
        while (a < z && isSpace(s.charAt(a))) {
            a++;
        }
        while (z > a && isSpace(s.charAt(z - 1))) {
            z--;
        }
        return s.substring(a, z);
    }

    /** Trims every line, drops leading/trailing empty lines. */
    static String trimLines(String s) {
        String[] lines = s.split("\n", -1);
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append(trim(l));
        }
        return trim(b.toString());
    }

    /** A header/label cell in comparable form: half-width, no whitespace, no trailing colon or star. */
    static String label(String s) {
        String t = squeeze(halfWidth(s));
        while (!t.isEmpty() && (t.startsWith("*") || t.startsWith("★"))) {
            t = t.substring(1);
        }
        while (!t.isEmpty() && (t.endsWith(":") || t.endsWith("*") || t.endsWith("★"))) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    /** For comparing free texts (names, targets, goals): half-width, no whitespace, no final 。;. */
    static String comparable(String s) {
        String t = squeeze(halfWidth(s));
        while (!t.isEmpty() && ".。;；,，".indexOf(t.charAt(t.length() - 1)) >= 0) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    static boolean hasHan(String s) {
        return s.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    static boolean hasDigit(String s) {
        return s.chars().anyMatch(c -> (c >= '0' && c <= '9') || (c >= '\uFF10' && c <= '\uFF19'));
    }

    /** 一 … 十二 (and 1-digit/2-digit arabic) to an int; -1 when not a number. */
    static int smallNumber(String s) {
        if (s.matches("\\d{1,4}")) {
            return Integer.parseInt(s);
        }
        String digits = "零一二三四五六七八九";
        if (s.length() == 1) {
            int i = digits.indexOf(s.charAt(0));
            return i > 0 ? i : (s.equals("十") ? 10 : -1);
        }
        if (s.length() == 2 && s.charAt(0) == '十') {
            int i = digits.indexOf(s.charAt(1));
            return i > 0 ? 10 + i : -1;
        }
        if (s.length() == 2 && s.charAt(1) == '十') {
            int i = digits.indexOf(s.charAt(0));
            return i > 1 ? i * 10 : -1;
        }
        if (s.length() == 3 && s.charAt(1) == '十') {
            int a = digits.indexOf(s.charAt(0));
            int b = digits.indexOf(s.charAt(2));
            return a > 1 && b > 0 ? a * 10 + b : -1;
        }
        return -1;
    }
}
