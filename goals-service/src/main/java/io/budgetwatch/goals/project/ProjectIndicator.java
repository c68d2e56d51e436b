package io.budgetwatch.goals.project;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;

/** 绩效指标 of the current version: the target as written (byte-exact) and its parsed form. */
@Entity
@IdClass(ProjectIndicator.Key.class)
@Table(name = "indicator")
public class ProjectIndicator {

    public record Key(String projectCode, int seq) implements Serializable {
    }

    @Id
    @Column(name = "project_code")
    public String projectCode;

    @Id
    @Column(name = "seq")
    public int seq;

    @Column(name = "level1")
    public String level1;

    @Column(name = "level2")
    public String level2;

    @Column(name = "level3")
    public String level3;

    @Column(name = "description")
    public String description;

    @Column(name = "target_raw", nullable = false)
    public String targetRaw;

    /** Null when the target could not be parsed (then every other target column is null too). */
    @Column(name = "target_kind")
    public String targetKind;

    @Column(name = "operator")
    public String operator;

    @Column(name = "value")
    public BigDecimal targetValue;

    @Column(name = "upper")
    public BigDecimal targetUpper;

    @Column(name = "unit")
    public String unit;

    @Column(name = "base_value")
    public BigDecimal baseValue;

    @Column(name = "base_upper")
    public BigDecimal baseUpper;

    @Column(name = "base_unit")
    public String baseUnit;

    @Column(name = "deadline")
    public LocalDate deadline;

    @Column(name = "direction")
    public String direction;

    @Column(name = "basis")
    public String basis;
}
