package io.budgetwatch.execution.project;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** What execution-service needs to know of a project (from its latest snapshot on goals.projects). */
public record KnownProject(
        String code,
        int version,
        int fiscalYear,
        String agencyCode,
        String agencyName,
        String name,
        BigDecimal budgetTotal,
        BigDecimal budgetFiscal,
        BigDecimal budgetOther,
        List<IndicatorRef> indicators) {

    /**
     * An indicator of the project. {@code name} is the 三级指标 name; {@code targetKind} is the parsed
     * target's kind (NUMERIC, INTERVAL, DATE, QUALITATIVE; null when the target was not parsed).
     */
    public record IndicatorRef(int seq, String level1, String level2, String name, String targetRaw,
                               String targetKind, String unit) {

        public boolean qualitative() {
            return targetKind == null || "QUALITATIVE".equals(targetKind);
        }
    }

    public Optional<IndicatorRef> indicator(int seq) {
        return indicators.stream().filter(i -> i.seq() == seq).findFirst();
    }

    public List<IndicatorRef> indicatorsNamed(String indicatorName) {
        String wanted = indicatorName.strip();
        return indicators.stream().filter(i -> i.name() != null && i.name().strip().equals(wanted)).toList();
    }
}
