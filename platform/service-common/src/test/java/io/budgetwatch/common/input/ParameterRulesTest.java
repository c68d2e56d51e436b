package io.budgetwatch.common.input;

import io.budgetwatch.common.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ParameterRulesTest {

    @Test
    void namesDecideTheFormatIgnoringCase() {
        assertRefused("year", "21", "invalid-fiscal-year");
        assertRefused("FISCALYEAR", "2100", "invalid-fiscal-year");
        assertRefused("agency", "21-3001", "invalid-agency-code");
        assertRefused("projectCode", "NO-SUCH", "invalid-project-code");
        assertRefused("asOf", "2021-02-30", "invalid-date");
        assertRefused("asOf", "+999999999-12-31", "invalid-date");
        assertRefused("paymentId", "a#b", "invalid-payment-id");
        assertRefused("paymentId", "x".repeat(65), "invalid-payment-id");
        assertRefused("limit", "abc", "invalid-integer");
        assertRefused("limit", "", "invalid-integer");
        assertRefused("limit", "2147483648", "invalid-integer");
        assertRefused("afterSeq", "1e3", "invalid-integer");
        assertRefused("topic", "goals projects", "invalid-topic");
        for (String[] fine : new String[][] {{"year", "2021"}, {"year", ""}, {"agency", "213001"}, {"asOf", ""},
                {"asOf", "2021-06-30"}, {"afterSeq", "9223372036854775807"}, {"limit", "-1"},
                {"topic", "execution.project-totals"}, {"paymentId", "PAY-2021/001"}}) {
            assertDoesNotThrow(() -> ParameterRules.byName(fine[0]).check(fine[1], fine[0], 400), fine[0] + "=" + fine[1]);
        }
        assertNull(ParameterRules.byName("id"), "an id means something else on each route");
        assertNull(ParameterRules.byName("code"));
    }

    @Test
    void declaredTypesDecideWhenTheNameIsUnknown() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> ParameterRules.byType(int.class).check("abc", "pageSize", 404));
        assertEquals(404, e.status());
        assertEquals("pageSize", e.field());
        assertThrows(ProblemException.class, () -> ParameterRules.byType(UUID.class).check("1-1-1-1-1", "ref", 400));
        assertThrows(ProblemException.class, () -> ParameterRules.byType(LocalDate.class).check("", "day", 400));
        assertThrows(ProblemException.class, () -> ParameterRules.byType(Thread.State.class).check("SLEEPING", "s", 400));
        assertDoesNotThrow(() -> ParameterRules.byType(Thread.State.class).check("WAITING", "s", 400));
        assertNull(ParameterRules.byType(String.class));
    }

    private static void assertRefused(String name, String value, String code) {
        ProblemException e = assertThrows(ProblemException.class,
                () -> ParameterRules.byName(name).check(value, name, 400), name + "=" + value);
        assertEquals(code, e.code(), name + "=" + value);
        assertEquals(name, e.field());
    }
}
