package io.budgetwatch.common.text;

/**
 * UTF-8 of text written straight into a caller's byte array (the hot paths that hash or serialize without a
 * temporary String or byte[]). Writes exactly the bytes of {@code String.getBytes(UTF_8)}, including {@code '?'} for
 * an unpaired surrogate.
 */
public final class Utf8 {

    private Utf8() {
    }

    /** The most bytes {@link #write} writes for {@code chars} characters. */
    public static int maxBytes(int chars) {
        return chars * 3;
    }

    /** Writes the UTF-8 of {@code s[from, to)} at {@code buf[at]}; returns the end. */
    public static int write(CharSequence s, int from, int to, byte[] buf, int at) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                buf[at++] = (byte) c;
            } else if (c < 0x800) {
                buf[at++] = (byte) (0xC0 | (c >> 6));
                buf[at++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    buf[at++] = (byte) (0xF0 | (cp >> 18));
                    buf[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    buf[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    buf[at++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    buf[at++] = '?';
                }
            } else {
                buf[at++] = (byte) (0xE0 | (c >> 12));
                buf[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[at++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return at;
    }
}
