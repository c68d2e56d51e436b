package io.budgetwatch.goals.support;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Direct database access for tests: row counts of every goals table, and a clean slate. */
@ApplicationScoped
public class GoalsDb {

    public static final List<String> TABLES = List.of("agency", "goal_document", "department_goal",
            "quality_warning", "project", "project_version", "plan_point", "goal_line", "indicator",
            "budget_adjustment", "outbox");

    @Inject
    Pool pool;

    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, scalar("SELECT count(*) FROM " + table));
        }
        return counts;
    }

    public long scalar(String sql) {
        Row row = pool.query(sql).execute().await().atMost(Duration.ofSeconds(10)).iterator().next();
        return row.getLong(0);
    }

    public List<Row> rows(String sql) {
        List<Row> rows = new java.util.ArrayList<>();
        pool.query(sql).execute().await().atMost(Duration.ofSeconds(10)).forEach(rows::add);
        return rows;
    }
}
