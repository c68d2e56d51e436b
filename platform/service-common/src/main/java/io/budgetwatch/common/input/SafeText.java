package io.budgetwatch.common.input;

import io.budgetwatch.common.problem.ProblemException;

/**
 * The character rules for text that comes from outside (path and query values, JSON request bodies,
 * imported documents): the one place that says which characters are refused and how the refusal reads.
 *
 * <p>Every policy refuses NUL (U+0000: a PostgreSQL {@code text} value cannot hold it, the write fails)
 * and unpaired UTF-16 surrogates (not Unicode text: they cannot be encoded as UTF-8 and would be stored as
 * '?'). Beyond that:
 * <ul>
 *   <li>{@link Policy#PARAMETER}: no control character at all (U+0001–U+001F, U+007F): identifiers,
 *   codes, dates and numbers never hold one, and a line break in a path or query value is an injection
 *   attempt rather than data.</li>
 *   <li>{@link Policy#BODY}: other control characters are kept (a comment may hold line breaks and tabs).</li>
 *   <li>{@link Policy#DOCUMENT}: tab, line feed, carriage return, form feed and vertical tab are layout; any
 *   other C0 control character means the bytes are not a text document.</li>
 * </ul>
 */
public final class SafeText {

    /** The longest path or query value accepted, in characters after percent-decoding. */
    public static final int MAX_PARAMETER_LENGTH = 256;

    /** Which characters besides NUL and unpaired surrogates are refused. */
    public enum Policy {
        PARAMETER, BODY, DOCUMENT
    }

    /** Why a character is refused, and the problem code that says so. */
    public enum Flaw {
        NUL("invalid-character"),
        CONTROL("invalid-character"),
        UNPAIRED_SURROGATE("invalid-encoding");

        private final String code;

        Flaw(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** The first refused character of a text: what it is and where (0-based char index). */
    public record Finding(Flaw flaw, int index, int character) {

        public String messageZh(String field) {
            return switch (flaw) {
                case NUL -> field + " 含有空字符（U+0000），无法保存为文本";
                case CONTROL -> field + " 含有控制字符 " + hex(character);
                case UNPAIRED_SURROGATE -> field + " 含有不成对的 UTF-16 代理项 " + hex(character) + "，不是有效的 Unicode 文本";
            };
        }

        public String messageEn(String field) {
            return switch (flaw) {
                case NUL -> field + " contains a NUL character (U+0000), which text cannot hold";
                case CONTROL -> field + " contains the control character " + hex(character);
                case UNPAIRED_SURROGATE -> field + " contains an unpaired UTF-16 surrogate " + hex(character)
                        + ": not valid Unicode text";
            };
        }

        /** The refusal as a problem with the given status (400 for a query value or a body, 404 for a path value). */
        public ProblemException problem(int status, String field) {
            return new ProblemException(status, flaw.code(), field, messageZh(field), messageEn(field));
        }
    }

    private SafeText() {
    }

    /** The first character the policy refuses, or null when the text is fine (null text is fine). */
    public static Finding check(String text, Policy policy) {
        return text == null ? null : scan(text, 0, policy);
    }

    /** How many characters of the text the policy refuses (an unpaired surrogate counts once). */
    public static int count(String text, Policy policy) {
        int count = 0;
        Finding f = text == null ? null : scan(text, 0, policy);
        while (f != null) {
            count++;
            f = scan(text, f.index() + 1, policy);
        }
        return count;
    }

    private static Finding scan(String text, int from, Policy policy) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                if (c == 0) {
                    return new Finding(Flaw.NUL, i, c);
                }
                if (refusesControl(policy, c)) {
                    return new Finding(Flaw.CONTROL, i, c);
                }
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++; // a pair: one supplementary character
                } else {
                    return new Finding(Flaw.UNPAIRED_SURROGATE, i, c);
                }
            }
        }
        return null;
    }

    private static boolean refusesControl(Policy policy, char c) {
        return switch (policy) {
            case PARAMETER -> true;
            case BODY -> false;
            case DOCUMENT -> c == 0x7F ? false
                    : c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\u000B';
        };
    }

    static String hex(int c) {
        return String.format("U+%04X", c);
    }
}
