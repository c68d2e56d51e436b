package io.budgetwatch.goals.departmentgoal;

import io.budgetwatch.common.persistence.Transactions;
import io.budgetwatch.goals.document.parse.ParsedDuty;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.UUID;

/** Department goals of each stored goal document. Writes take part in the caller's transaction. */
@ApplicationScoped
public class DepartmentGoalRepository implements PanacheRepositoryBase<DepartmentGoal, DepartmentGoal.Key> {

    @Inject
    Transactions transactions;

    public Uni<Void> insert(UUID documentId, String agencyCode, int fiscalYear, List<ParsedDuty> duties) {
        Object[] rows = duties.stream().map(duty -> {
            DepartmentGoal goal = new DepartmentGoal();
            goal.documentId = documentId;
            goal.seq = duty.seq();
            goal.agencyCode = agencyCode;
            goal.fiscalYear = fiscalYear;
            goal.title = duty.title();
            goal.mainDuty = duty.mainDuty();
            goal.dutyGoal = duty.dutyGoal();
            goal.performanceGoal = duty.performanceGoal();
            goal.indicatorText = duty.indicatorText();
            goal.standard = duty.standard();
            return goal;
        }).toArray();
        return getSession().flatMap(session -> session.persistAll(rows));
    }

    /**
     * The duties of the latest document of the agency and year that has a part 1; null when the
     * agency has no goal document for the year.
     */
    public Uni<DepartmentGoals> latest(String agencyCode, int fiscalYear) {
        return transactions.inSession(() -> getSession()
                .flatMap(session -> session.createSelectionQuery("select d.id, d.version, a.name, "
                                + "(select max(x.version) from GoalDocument x where x.agencyCode = d.agencyCode "
                                + "and x.fiscalYear = d.fiscalYear) "
                                + "from GoalDocument d join Agency a on a.code = d.agencyCode "
                                + "where d.agencyCode = :agency and d.fiscalYear = :year order by "
                                + "case when exists (select 1 from DepartmentGoal g where g.documentId = d.id) "
                                + "then 1 else 0 end desc, d.version desc", Object[].class)
                        .setParameter("agency", agencyCode)
                        .setParameter("year", fiscalYear)
                        .setMaxResults(1)
                        .getResultList())
                .flatMap(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().nullItem();
                    }
                    Object[] doc = rows.get(0);
                    UUID documentId = (UUID) doc[0];
                    return list("documentId", Sort.by("seq"), documentId).map(goals -> new DepartmentGoals(agencyCode,
                            (String) doc[2], fiscalYear, documentId, (Integer) doc[1], (Integer) doc[3],
                            goals.stream().map(g -> new DepartmentGoals.Duty(g.seq, g.title, g.mainDuty, g.dutyGoal,
                                    g.performanceGoal, g.indicatorText, g.standard)).toList()));
                }));
    }
}
