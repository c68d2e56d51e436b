package io.budgetwatch.common.input;

import io.budgetwatch.common.problem.ProblemException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict decoding of a raw path segment or query component: what the framework decodes leniently (an
 * invalid UTF-8 sequence, e.g. an encoded unpaired surrogate, becomes U+FFFD) is refused here with the
 * parameter named. Refusals have the code {@code invalid-encoding}. (A malformed '%' escape or a raw
 * non-ASCII byte in the request target is already refused by the HTTP server's decoder: a bodiless 400
 * before any application code; the checks here only keep this class exact on its own.)
 */
final class UriText {

    static final String CODE = "invalid-encoding";

    private UriText() {
    }

    /**
     * The decoded text of a raw component, or a problem with the given status naming the field.
     * {@code plusIsSpace}: in a query a '+' is a space (form encoding), in a path it is a '+'.
     */
    static String decode(String raw, boolean plusIsSpace, String field, int status) {
        byte[] bytes = new byte[raw.length()];
        int n = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
                if (lo < 0) {
                    throw badEscape(field, status);
                }
                bytes[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes[n++] = ' ';
            } else if (c > 0x20 && c < 0x7F) {
                bytes[n++] = (byte) c;
            } else {
                throw new ProblemException(status, CODE, field,
                        field + " 的编码无效：非 ASCII 字符、空格和控制字符须以百分号编码",
                        field + " is not validly encoded: characters outside printable ASCII must be percent-encoded");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, n)).toString();
        } catch (CharacterCodingException e) {
            throw new ProblemException(status, CODE, field,
                    field + " 的编码无效：百分号解码后的字节不是有效的 UTF-8（编码后的不成对代理项也不是）",
                    field + " is not validly encoded: the percent-decoded bytes are not valid UTF-8 "
                            + "(an encoded unpaired surrogate is not either)");
        }
    }

    private static ProblemException badEscape(String field, int status) {
        return new ProblemException(status, CODE, field, field + " 的百分号编码无效：“%”后须跟两位十六进制数字",
                field + " has an invalid percent-encoding: '%' must be followed by two hexadecimal digits");
    }
}
