package io.budgetwatch.goals.project;

import io.budgetwatch.events.ProjectSnapshot.Budget;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * 项目: the current state of a project. The code (21 characters, the year inside) identifies it across
 * the suite. Three budgets: current (every execution rate uses it), original (first declared) and
 * declared (as the latest document states it; a document changes the budget only when this changes).
 */
@Entity
@Table(name = "project")
public class Project {

    @Id
    @Column(name = "code")
    public String code;

    @Column(name = "fiscal_year", nullable = false)
    public int fiscalYear;

    @Column(name = "agency_code", nullable = false)
    public String agencyCode;

    /** The agency whose goal document lists the project (it may be run by another, agencyCode). */
    @Column(name = "document_agency_code", nullable = false)
    public String documentAgencyCode;

    @Column(name = "name", nullable = false)
    public String name;

    @Column(name = "purpose")
    public String purpose;

    @Column(name = "table_no", nullable = false)
    public int tableNo;

    @Column(name = "version", nullable = false)
    public int version;

    @Column(name = "budget_total", nullable = false)
    public BigDecimal budgetTotal;

    @Column(name = "budget_fiscal", nullable = false)
    public BigDecimal budgetFiscal;

    @Column(name = "budget_other", nullable = false)
    public BigDecimal budgetOther;

    @Column(name = "original_total", nullable = false, updatable = false)
    public BigDecimal originalTotal;

    @Column(name = "original_fiscal", nullable = false, updatable = false)
    public BigDecimal originalFiscal;

    @Column(name = "original_other", nullable = false, updatable = false)
    public BigDecimal originalOther;

    @Column(name = "declared_total", nullable = false)
    public BigDecimal declaredTotal;

    @Column(name = "declared_fiscal", nullable = false)
    public BigDecimal declaredFiscal;

    @Column(name = "declared_other", nullable = false)
    public BigDecimal declaredOther;

    @Column(name = "content_sha256", nullable = false)
    public String contentSha256;

    @Column(name = "in_latest_document", nullable = false)
    public boolean inLatestDocument;

    @Column(name = "source_document_id", nullable = false)
    public UUID sourceDocumentId;

    @Column(name = "last_document_id", nullable = false)
    public UUID lastDocumentId;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public Budget budget() {
        return new Budget(budgetTotal, budgetFiscal, budgetOther);
    }

    public Budget original() {
        return new Budget(originalTotal, originalFiscal, originalOther);
    }

    public Budget declared() {
        return new Budget(declaredTotal, declaredFiscal, declaredOther);
    }

    void setBudget(Budget budget) {
        budgetTotal = budget.total();
        budgetFiscal = budget.fiscal();
        budgetOther = budget.other();
    }

    void setOriginal(Budget budget) {
        originalTotal = budget.total();
        originalFiscal = budget.fiscal();
        originalOther = budget.other();
    }

    void setDeclared(Budget budget) {
        declaredTotal = budget.total();
        declaredFiscal = budget.fiscal();
        declaredOther = budget.other();
    }
}
