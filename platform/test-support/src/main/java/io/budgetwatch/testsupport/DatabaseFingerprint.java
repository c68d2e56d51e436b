package io.budgetwatch.testsupport;

import org.awaitility.Awaitility;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a database holds, in a form that changes when any stored row changes: for every table of the
 * connection's schema, its row count and an md5 over the md5 of each row's text (in sorted order, so the
 * physical order of rows does not matter).
 */
public final class DatabaseFingerprint {

    private DatabaseFingerprint() {
    }

    /**
     * A fingerprint once the database has settled: two readings in a row agree (background work such as an
     * outbox relay or a consumer finishing what earlier tests caused has stopped changing it).
     */
    public static Map<String, String> settled(String jdbcUrl, String user, String password, Duration atMost) {
        AtomicReference<Map<String, String>> last = new AtomicReference<>();
        return Awaitility.await("database " + jdbcUrl + " settles").atMost(atMost).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    Map<String, String> now = of(jdbcUrl, user, password);
                    return now.equals(last.getAndSet(now)) ? now : null;
                }, java.util.Objects::nonNull);
    }

    /** Table name to "rows=N md5=…", over JDBC. */
    public static Map<String, String> of(String jdbcUrl, String user, String password) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            Map<String, String> fingerprint = new TreeMap<>();
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT count(*), coalesce(md5(string_agg(h, ',' ORDER BY h)), '-') "
                        + "FROM (SELECT md5(t::text) AS h FROM \"" + table.replace("\"", "\"\"") + "\" t) rows")) {
                    rs.next();
                    fingerprint.put(table, "rows=" + rs.getLong(1) + " md5=" + rs.getString(2));
                }
            }
            return fingerprint;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot fingerprint " + jdbcUrl, e);
        }
    }
}
