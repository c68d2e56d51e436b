package io.budgetwatch.common.text;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class Utf8Test {

    private static byte[] encoded(String s, int from, int to) {
        byte[] buf = new byte[Utf8.maxBytes(to - from) + 3];
        Arrays.fill(buf, (byte) 0x55);
        int end = Utf8.write(s, from, to, buf, 3);
        return Arrays.copyOfRange(buf, 3, end);
    }

    @Test
    void writesTheBytesOfGetBytesForEveryKindOfCharacter() {
        for (String s : new String[] {"", "ascii", "预算绩效运行监控", "é", "\u07ff\u0800", "😀𠀀", "\uFFFF\uFFFE\uFEFF",
                "\ud800", "\udc00", "a\ud83d", "\ude00a", "\ud83d\ud83d\ude00", "\u0000\u001f\u007f"}) {
            assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), encoded(s, 0, s.length()), s);
        }
    }

    @Test
    void randomTextAndSpansMatchGetBytes() {
        Random random = new Random(42);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder sb = new StringBuilder();
            for (int k = random.nextInt(30); k > 0; k--) {
                int kind = random.nextInt(5);
                sb.append(switch (kind) {
                    case 0 -> (char) random.nextInt(0x80);
                    case 1 -> (char) (0x80 + random.nextInt(0x780));
                    case 2 -> (char) (0xD800 + random.nextInt(0x800));
                    case 3 -> (char) (0x800 + random.nextInt(0xF7FF));
                    default -> new String(Character.toChars(0x10000 + random.nextInt(0x100000)));
                });
            }
            String s = sb.toString();
            int from = s.isEmpty() ? 0 : random.nextInt(s.length());
            int to = from + (s.length() == from ? 0 : random.nextInt(s.length() - from + 1));
            assertArrayEquals(s.substring(from, to).getBytes(StandardCharsets.UTF_8), encoded(s, from, to), s);
        }
        assertEquals(6, Utf8.maxBytes(2));
    }
}
