package io.budgetwatch.reporting.evaluation;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DisbursementPlanTest {

    /** The seed's plan: 25/50/75/100 % by the end of March, June, October and December 2021. */
    static DisbursementPlan seedPlan() {
        return new DisbursementPlan(2021, List.of(
                new DisbursementPlan.Checkpoint(LocalDate.of(2021, 3, 31), new BigDecimal("25")),
                new DisbursementPlan.Checkpoint(LocalDate.of(2021, 6, 30), new BigDecimal("50")),
                new DisbursementPlan.Checkpoint(LocalDate.of(2021, 10, 31), new BigDecimal("75")),
                new DisbursementPlan.Checkpoint(LocalDate.of(2021, 12, 31), new BigDecimal("100"))));
    }

    @Test
    void checkpointsGiveTheirOwnPercent() {
        DisbursementPlan plan = seedPlan();
        assertEquals(new BigDecimal("25.00"), plan.plannedPercentAt(LocalDate.of(2021, 3, 31)));
        assertEquals(new BigDecimal("50.00"), plan.plannedPercentAt(LocalDate.of(2021, 6, 30)));
        assertEquals(new BigDecimal("75.00"), plan.plannedPercentAt(LocalDate.of(2021, 10, 31)));
        assertEquals(new BigDecimal("100.00"), plan.plannedPercentAt(LocalDate.of(2021, 12, 31)));
    }

    @Test
    void betweenCheckpointsThePlanIsLinearFromZeroOnFirstJanuary() {
        DisbursementPlan plan = seedPlan();
        // End of 1 Jan: day 1 of 90 before 31 Mar: 25 * 1 / 90 = 0.2777… -> 0.28
        assertEquals(new BigDecimal("0.28"), plan.plannedPercentAt(LocalDate.of(2021, 1, 1)));
        // End of 15 Feb 2021: 46 days of 90: 25 * 46 / 90 = 12.777… -> 12.78
        assertEquals(new BigDecimal("12.78"), plan.plannedPercentAt(LocalDate.of(2021, 2, 15)));
        // End of 31 Aug: 62 days after 30 Jun, of 123 to 31 Oct: 50 + 25 * 62 / 123 = 62.601… -> 62.60
        assertEquals(new BigDecimal("62.60"), plan.plannedPercentAt(LocalDate.of(2021, 8, 31)));
        // End of 30 Nov: 30 of 61 days after 31 Oct: 75 + 25 * 30 / 61 = 87.295… -> 87.30
        assertEquals(new BigDecimal("87.30"), plan.plannedPercentAt(LocalDate.of(2021, 11, 30)));
    }

    @Test
    void outsideTheYearThePlanIsFlat() {
        DisbursementPlan plan = seedPlan();
        assertEquals(new BigDecimal("0.00"), plan.plannedPercentAt(LocalDate.of(2020, 12, 31)));
        assertEquals(new BigDecimal("100.00"), plan.plannedPercentAt(LocalDate.of(2022, 5, 1)));
    }

    @Test
    void checkpointsAreDataNotAFixedCalendar() {
        DisbursementPlan plan = new DisbursementPlan(2021, List.of(
                new DisbursementPlan.Checkpoint(LocalDate.of(2021, 9, 30), new BigDecimal("60")),
                new DisbursementPlan.Checkpoint(LocalDate.of(2021, 12, 31), new BigDecimal("100"))));
        // 273 days to 30 Sep; end of 30 Jun is day 181: 60 * 181 / 273 = 39.780… -> 39.78
        assertEquals(new BigDecimal("39.78"), plan.plannedPercentAt(LocalDate.of(2021, 6, 30)));
    }

    @Test
    void timeElapsedProgressCountsMonthsAndTheCurrentMonthByDays() {
        assertEquals(new BigDecimal("50.00"), DisbursementPlan.timeElapsedPercent(2021, LocalDate.of(2021, 6, 30)));
        assertEquals(new BigDecimal("25.00"), DisbursementPlan.timeElapsedPercent(2021, LocalDate.of(2021, 3, 31)));
        // 15 Feb: (1 + 15/28) / 12 = 12.797… -> 12.80
        assertEquals(new BigDecimal("12.80"), DisbursementPlan.timeElapsedPercent(2021, LocalDate.of(2021, 2, 15)));
        assertEquals(new BigDecimal("100.00"), DisbursementPlan.timeElapsedPercent(2021, LocalDate.of(2022, 1, 1)));
        assertEquals(new BigDecimal("0.00"), DisbursementPlan.timeElapsedPercent(2021, LocalDate.of(2020, 12, 31)));
    }
}
