package io.budgetwatch.testsupport;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;

/** Reads a service's database from outside it (tests of packaged services): one value or one column per query. */
public final class SqlQueries {

    private SqlQueries() {
    }

    public static Connection connect(SuiteInfrastructure.Database db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    /** The first column of the only row, as a number ({@code SELECT count(*) …}). */
    public static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The first column of the only row, as a decimal ({@code SELECT sum(amount) …}; null when no row was summed). */
    public static BigDecimal decimal(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getBigDecimal(1);
        }
    }

    /** The first column of every row, as text, sorted. */
    public static Set<String> texts(Connection c, String sql) throws SQLException {
        Set<String> values = new TreeSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
