package io.budgetwatch.goals.departmentgoal;

import io.budgetwatch.goals.document.parse.ParsedDuty;
import io.budgetwatch.goals.support.Db;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class DepartmentGoalRepository {

    @Inject
    Pool pool;

    public Uni<Void> insert(SqlClient tx, UUID documentId, String agencyCode, int fiscalYear, List<ParsedDuty> duties) {
        List<Tuple> rows = new ArrayList<>();
        for (ParsedDuty duty : duties) {
            rows.add(Db.tuple(documentId, duty.seq(), agencyCode, fiscalYear, duty.title(), duty.mainDuty(),
                    duty.dutyGoal(), duty.performanceGoal(), duty.indicatorText(), duty.standard()));
        }
        return Db.batch(tx, "INSERT INTO department_goal (document_id, seq, agency_code, fiscal_year, title, "
                + "main_duty, duty_goal, performance_goal, indicator_text, standard) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)", rows);
    }

    /**
     * The duties of the latest document of the agency and year that has a part 1; null when the
     * agency has no goal document for the year.
     */
    public Uni<DepartmentGoals> latest(String agencyCode, int fiscalYear) {
        return pool.preparedQuery("SELECT d.id, d.version, a.name AS agency_name, "
                        + "(SELECT max(version) FROM goal_document x WHERE x.agency_code = d.agency_code "
                        + "AND x.fiscal_year = d.fiscal_year) AS latest_version, "
                        + "EXISTS (SELECT 1 FROM department_goal g WHERE g.document_id = d.id) AS has_goals "
                        + "FROM goal_document d JOIN agency a ON a.code = d.agency_code "
                        + "WHERE d.agency_code = $1 AND d.fiscal_year = $2 ORDER BY has_goals DESC, d.version DESC "
                        + "LIMIT 1")
                .execute(Tuple.of(agencyCode, fiscalYear))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    Row doc = rows.iterator().next();
                    return pool.preparedQuery("SELECT * FROM department_goal WHERE document_id = $1 ORDER BY seq")
                            .execute(Tuple.of(doc.getUUID("id")))
                            .map(goalRows -> {
                                List<DepartmentGoals.Duty> duties = new ArrayList<>();
                                for (Row row : goalRows) {
                                    duties.add(new DepartmentGoals.Duty(row.getInteger("seq"), row.getString("title"),
                                            row.getString("main_duty"), row.getString("duty_goal"),
                                            row.getString("performance_goal"), row.getString("indicator_text"),
                                            row.getString("standard")));
                                }
                                return new DepartmentGoals(agencyCode, doc.getString("agency_name"), fiscalYear,
                                        doc.getUUID("id"), doc.getInteger("version"),
                                        doc.getInteger("latest_version"), duties);
                            });
                });
    }
}
