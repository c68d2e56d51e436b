package io.budgetwatch.reporting.explanation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A stored deviation explanation (table {@code deviation_explanation}, V8). Inserted once, never changed: every column
 * is not updatable, and the table refuses UPDATE and DELETE. {@code seq} is the database's insertion order (the tie
 * breaker of "newest first" when two were recorded at the same instant).
 */
@Entity
@Table(name = "deviation_explanation")
public class ExplanationEntity {

    @Id
    @Column(name = "explanation_id", updatable = false)
    private String explanationId;

    @Column(name = "seq", insertable = false, updatable = false)
    private Long seq;

    @Column(name = "project_code", updatable = false)
    private String projectCode;

    @Column(name = "agency_code", updatable = false)
    private String agencyCode;

    @Column(name = "fiscal_year", updatable = false)
    private int fiscalYear;

    @Column(name = "monitoring_date", updatable = false)
    private LocalDate monitoringDate;

    @Column(name = "indicator_seq", updatable = false)
    private Integer indicatorSeq;

    @Column(name = "cause_funding", updatable = false)
    private String causeFunding;

    @Column(name = "cause_institutional", updatable = false)
    private String causeInstitutional;

    @Column(name = "cause_staffing", updatable = false)
    private String causeStaffing;

    @Column(name = "cause_hardware", updatable = false)
    private String causeHardware;

    @Column(name = "cause_other", updatable = false)
    private String causeOther;

    @Column(name = "likelihood", updatable = false)
    private String likelihood;

    @Column(name = "expected_amount", precision = 18, scale = 2, updatable = false)
    private BigDecimal expectedAmount;

    @Column(name = "expected_text", updatable = false)
    private String expectedText;

    @Column(name = "expected_value", precision = 24, scale = 6, updatable = false)
    private BigDecimal expectedValue;

    @Column(name = "corrective_measures", updatable = false)
    private String correctiveMeasures;

    @Column(name = "alert_id", updatable = false)
    private String alertId;

    @Column(name = "recorded_by", updatable = false)
    private String recordedBy;

    @Column(name = "recorded_by_subject", updatable = false)
    private String recordedBySubject;

    @Column(name = "recorded_at", updatable = false)
    private Instant recordedAt;

    protected ExplanationEntity() {
    }

    ExplanationEntity(Explanation e, String agencyCode, int fiscalYear, String recordedBy, String recordedBySubject,
                      Instant recordedAt) {
        this.explanationId = e.id();
        this.projectCode = e.projectCode();
        this.agencyCode = agencyCode;
        this.fiscalYear = fiscalYear;
        this.monitoringDate = e.monitoringDate();
        this.indicatorSeq = e.indicatorSeq();
        this.causeFunding = e.causes().get(Cause.FUNDING);
        this.causeInstitutional = e.causes().get(Cause.INSTITUTIONAL);
        this.causeStaffing = e.causes().get(Cause.STAFFING);
        this.causeHardware = e.causes().get(Cause.HARDWARE);
        this.causeOther = e.causes().get(Cause.OTHER);
        this.likelihood = e.likelihood().name();
        this.expectedAmount = e.expectedAmount();
        this.expectedText = e.expectedText();
        this.expectedValue = e.expectedValue();
        this.correctiveMeasures = e.correctiveMeasures();
        this.alertId = e.alertId();
        this.recordedBy = recordedBy;
        this.recordedBySubject = recordedBySubject;
        this.recordedAt = recordedAt;
    }

    /** The filled causes, in the form's order. */
    public Map<Cause, String> causes() {
        Map<Cause, String> causes = new EnumMap<>(Cause.class);
        put(causes, Cause.FUNDING, causeFunding);
        put(causes, Cause.INSTITUTIONAL, causeInstitutional);
        put(causes, Cause.STAFFING, causeStaffing);
        put(causes, Cause.HARDWARE, causeHardware);
        put(causes, Cause.OTHER, causeOther);
        return Collections.unmodifiableMap(causes);
    }

    private static void put(Map<Cause, String> causes, Cause cause, String text) {
        if (text != null) {
            causes.put(cause, text);
        }
    }

    public String explanationId() {
        return explanationId;
    }

    public Long seq() {
        return seq;
    }

    public String projectCode() {
        return projectCode;
    }

    public String agencyCode() {
        return agencyCode;
    }

    public int fiscalYear() {
        return fiscalYear;
    }

    public LocalDate monitoringDate() {
        return monitoringDate;
    }

    public Integer indicatorSeq() {
        return indicatorSeq;
    }

    public String likelihood() {
        return likelihood;
    }

    public BigDecimal expectedAmount() {
        return expectedAmount;
    }

    public String expectedText() {
        return expectedText;
    }

    public BigDecimal expectedValue() {
        return expectedValue;
    }

    public String correctiveMeasures() {
        return correctiveMeasures;
    }

    public String alertId() {
        return alertId;
    }

    public String recordedBy() {
        return recordedBy;
    }

    public String recordedBySubject() {
        return recordedBySubject;
    }

    public Instant recordedAt() {
        return recordedAt;
    }
}
