package io.budgetwatch.common.input;

import io.budgetwatch.common.problem.ProblemException;
import org.junit.jupiter.api.Test;

import static io.budgetwatch.common.input.SafeText.Policy.BODY;
import static io.budgetwatch.common.input.SafeText.Policy.DOCUMENT;
import static io.budgetwatch.common.input.SafeText.Policy.PARAMETER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafeTextTest {

    @Test
    void nulAndUnpairedSurrogatesAreRefusedByEveryPolicy() {
        for (SafeText.Policy policy : SafeText.Policy.values()) {
            assertEquals(SafeText.Flaw.NUL, SafeText.check("ab\u0000", policy).flaw());
            assertEquals(2, SafeText.check("ab\u0000", policy).index());
            assertEquals(SafeText.Flaw.UNPAIRED_SURROGATE, SafeText.check("a\ud800b", policy).flaw());
            assertEquals(SafeText.Flaw.UNPAIRED_SURROGATE, SafeText.check("\udc00", policy).flaw());
            assertEquals(SafeText.Flaw.UNPAIRED_SURROGATE, SafeText.check("x\ud800", policy).flaw());
            assertNull(SafeText.check("预算 \ud83d\udca5 ok", policy), "a surrogate pair is one character");
            assertNull(SafeText.check(null, policy));
        }
    }

    @Test
    void controlCharactersDependOnWhereTheTextComesFrom() {
        assertEquals(SafeText.Flaw.CONTROL, SafeText.check("2021\n", PARAMETER).flaw());
        assertEquals(SafeText.Flaw.CONTROL, SafeText.check("a\u007f", PARAMETER).flaw());
        assertNull(SafeText.check("line\nbreak\ttab\u0001", BODY));
        assertNull(SafeText.check("cell\tcell\r\n\f\u000b", DOCUMENT));
        assertEquals(SafeText.Flaw.CONTROL, SafeText.check("a\u001b[31m", DOCUMENT).flaw());
        assertEquals(3, SafeText.count("\u0000a\u0001\u0002\n", DOCUMENT));
    }

    @Test
    void aFindingIsAProblemOfTheGivenStatusNamingTheField() {
        ProblemException e = SafeText.check("x\u0000", PARAMETER).problem(404, "paymentId");
        assertEquals(404, e.status());
        assertEquals("invalid-character", e.code());
        assertEquals("paymentId", e.field());
        assertTrue(e.messageEn().contains("NUL"), e.messageEn());
        assertTrue(e.messageZh().contains("空字符"), e.messageZh());
        assertEquals("invalid-encoding", SafeText.check("\ud800", BODY).problem(400, "by").code());
    }

    @Test
    void percentDecodingIsStrictUtf8() {
        assertEquals("预算 a+b", UriText.decode("%E9%A2%84%E7%AE%97+a%2Bb", true, "q", 400));
        assertEquals("a+b", UriText.decode("a+b", false, "p", 404));
        assertEquals("\u0000", UriText.decode("%00", false, "p", 404), "characters are judged after decoding");
        for (String raw : new String[] {"%ED%A0%80", "%C3%28", "%FF", "%E4%B8", "%C0%AF", "%zz", "%", "a%0",
                "\u00e5", "a b"}) {
            ProblemException e = assertThrows(ProblemException.class, () -> UriText.decode(raw, true, "agency", 400), raw);
            assertEquals("invalid-encoding", e.code(), raw);
            assertEquals("agency", e.field(), raw);
            assertEquals(400, e.status(), raw);
        }
    }
}
