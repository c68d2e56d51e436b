package io.budgetwatch.reporting.live;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.Collection;
import java.util.Locale;

/**
 * The one rule of what a writer announces to the live stream ({@code GET /api/live}) and how: {@code pg_notify} on
 * channel {@value #CHANNEL} inside the writer's own transaction. PostgreSQL delivers a notification only when that
 * transaction commits (a rolled-back one announces nothing), to every connection listening, so each replica's
 * {@link LiveFeed} hears every change whichever replica wrote it.
 * <p>
 * One notice per distinct agency, fiscal year and project the transaction touched; an agency and year with more than
 * {@value #PROJECTS_PER_AGENCY} projects in one transaction gets a single notice with {@code projectCode} null (the
 * page re-fetches the agency), so a batch of the totals consumer (thousands of projects) costs at most one notice per
 * agency and year. Identical notices of one transaction are folded into one by PostgreSQL. The payload is
 * {@code {"type","agencyCode","fiscalYear","projectCode"}}: about 100 bytes, far below PostgreSQL's 8000-byte limit.
 * The totals consumer announces exactly the slices it applied; the snapshot and indicator consumers announce each
 * event of their batch, so a redelivered one that changes nothing is announced again (a needless re-fetch, no more).
 */
public final class LiveNotices {

    public static final String CHANNEL = "budgetwatch_live";
    public static final int PROJECTS_PER_AGENCY = 20;
    /** The {@code type} of the notice that the whole read model was emptied (for a rebuild): nothing kept is valid. */
    public static final String RESET = "reset";

    /** What changed: the {@code type} of a message. */
    public enum Kind {
        PAYMENT, ALERT, PROJECT, EXPLANATION, INDICATOR;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One touched project (or, with {@code projectCode} null, several of an agency and year). */
    public record Change(String agencyCode, int fiscalYear, String projectCode) {
    }

    private LiveNotices() {
    }

    /**
     * A query sending the notices of {@code kind} for every row of {@code relation} (a table expression with the
     * columns {@code agency_code}, {@code fiscal_year}, {@code project_code}); it answers one row, the number of
     * notices sent ({@code notices}). Embedded as a CTE by a writer whose change is one statement: the CTE must be
     * read by the statement's final query, or PostgreSQL skips it.
     */
    public static String select(Kind kind, String relation) {
        // void cast to text is '': counting it makes pg_notify run once per row, whatever the planner keeps
        return "SELECT count(CAST(pg_notify('" + CHANNEL + "', CAST(json_build_object('type', '" + kind.wire()
                + "', 'agencyCode', n.agency_code, 'fiscalYear', n.fiscal_year, 'projectCode', n.project_code)"
                + " AS text)) AS text)) AS notices"
                + " FROM (SELECT DISTINCT c.agency_code, c.fiscal_year, CASE WHEN count(*) OVER (PARTITION BY"
                + " c.agency_code, c.fiscal_year) > " + PROJECTS_PER_AGENCY + " THEN NULL ELSE c.project_code END"
                + " AS project_code FROM (SELECT DISTINCT agency_code, fiscal_year, project_code FROM " + relation
                + " WHERE agency_code IS NOT NULL) c) n";
    }

    /** Announces in {@code tx} that the read model is emptied: every answer kept anywhere is stale. */
    public static Uni<Void> reset(SqlClient tx) {
        return tx.query("SELECT pg_notify('" + CHANNEL + "', '{\"type\":\"" + RESET + "\"}')").execute()
                .replaceWithVoid();
    }

    /** Sends the notices of {@code changes} in the transaction {@code tx} (one statement; none when empty). */
    public static Uni<Void> send(SqlClient tx, Kind kind, Collection<Change> changes) {
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String[] agencies = new String[changes.size()];
        Integer[] years = new Integer[changes.size()];
        String[] projects = new String[changes.size()];
        int i = 0;
        for (Change c : changes) {
            agencies[i] = c.agencyCode();
            years[i] = c.fiscalYear();
            projects[i++] = c.projectCode();
        }
        return tx.preparedQuery(select(kind, "unnest($1::text[], $2::int[], $3::text[])"
                        + " AS t(agency_code, fiscal_year, project_code)"))
                .execute(Tuple.of(agencies, years, projects))
                .replaceWithVoid();
    }

    /** Sends the notice of {@code change} in the transaction of {@code session} (Hibernate Reactive). */
    public static Uni<Void> send(Mutiny.Session session, Kind kind, Change change) {
        return session.createNativeQuery(select(kind, "(VALUES (CAST(?1 AS text), CAST(?2 AS integer),"
                        + " CAST(?3 AS text))) AS t(agency_code, fiscal_year, project_code)"))
                .setParameter(1, change.agencyCode())
                .setParameter(2, change.fiscalYear())
                .setParameter(3, change.projectCode())
                .getSingleResult()
                .replaceWithVoid();
    }
}
