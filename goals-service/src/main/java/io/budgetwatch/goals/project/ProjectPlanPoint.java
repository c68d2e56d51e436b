package io.budgetwatch.goals.project;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;

/** 资金支出计划: one checkpoint of the current version's cumulative disbursement plan. */
@Entity
@IdClass(ProjectPlanPoint.Key.class)
@Table(name = "plan_point")
public class ProjectPlanPoint {

    public record Key(String projectCode, int seq) implements Serializable {
    }

    @Id
    @Column(name = "project_code")
    public String projectCode;

    @Id
    @Column(name = "seq")
    public int seq;

    @Column(name = "checkpoint", nullable = false)
    public LocalDate checkpoint;

    @Column(name = "cumulative_percent", nullable = false)
    public BigDecimal cumulativePercent;
}
