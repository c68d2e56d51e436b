package io.budgetwatch.goals.departmentgoal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.io.Serializable;
import java.util.UUID;

/** 部门整体绩效目标: one duty of part 1 of a goal document, kept with that document version. */
@Entity
@Immutable
@IdClass(DepartmentGoal.Key.class)
@Table(name = "department_goal")
public class DepartmentGoal {

    public record Key(UUID documentId, int seq) implements Serializable {
    }

    @Id
    @Column(name = "document_id")
    public UUID documentId;

    @Id
    @Column(name = "seq")
    public int seq;

    @Column(name = "agency_code", nullable = false)
    public String agencyCode;

    @Column(name = "fiscal_year", nullable = false)
    public int fiscalYear;

    @Column(name = "title", nullable = false)
    public String title;

    @Column(name = "main_duty")
    public String mainDuty;

    @Column(name = "duty_goal")
    public String dutyGoal;

    @Column(name = "performance_goal")
    public String performanceGoal;

    @Column(name = "indicator_text")
    public String indicatorText;

    @Column(name = "standard")
    public String standard;
}
