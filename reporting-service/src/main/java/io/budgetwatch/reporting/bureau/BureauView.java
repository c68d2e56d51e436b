package io.budgetwatch.reporting.bureau;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.budgetwatch.reporting.progress.ProgressStatus;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** JSON answer of GET /api/bureau. Money in yuan (totals) and rates in percent, as decimal strings. */
public final class BureauView {

    private BureauView() {
    }

    public record Bureau(
            int fiscalYear,
            LocalDate asOf,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal timeElapsedRate,
            List<AgencyLine> agencies) {
    }

    /**
     * One agency: status = its totals against its budget-weighted plan, by the projects' rule; green = on track,
     * yellow = lagging, red = seriously lagging or overspent projects.
     */
    public record AgencyLine(
            String agencyCode,
            String agencyName,
            int projectCount,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal budget,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal executed,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal executionRate,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal plannedRate,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal timeElapsedRate,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal gapToTimeElapsedPoints,
            ProgressStatus status,
            int green,
            int yellow,
            int red,
            long openAlerts) {
    }
}
