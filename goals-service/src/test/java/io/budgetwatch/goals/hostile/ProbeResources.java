package io.budgetwatch.goals.hostile;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestQuery;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Endpoints that exist in the tests only (the application under test picks up test classes): one whose
 * parameters the framework converts from text, one that fails as no endpoint should.
 */
public final class ProbeResources {

    private ProbeResources() {
    }

    public enum Colour {
        RED, GREEN
    }

    /** Typed parameters whose names no registry knows: only their declared types say what text converts. */
    @Path("/test/typed-parameters/{day}")
    @Produces(MediaType.APPLICATION_JSON)
    public static class TypedParameters {

        @GET
        public Map<String, Object> get(@PathParam("day") LocalDate day,
                                       @QueryParam("pageSize") @DefaultValue("10") int pageSize,
                                       @QueryParam("colour") Colour colour, @QueryParam("ref") UUID ref,
                                       @RestQuery Long total) {
            Map<String, Object> echo = new LinkedHashMap<>();
            echo.put("day", day.toString());
            echo.put("pageSize", pageSize);
            echo.put("colour", colour == null ? null : colour.name());
            echo.put("ref", ref == null ? null : ref.toString());
            echo.put("total", total);
            return echo;
        }
    }

    /** A failure nobody foresaw, carrying SQL and a cause, as a driver's would. */
    @Path("/test/unexpected-failure")
    public static class UnexpectedFailure {

        @GET
        public String fail() {
            throw new IllegalStateException("ERROR: duplicate key value violates unique constraint \"outbox_event_id_key\""
                    + " in INSERT INTO outbox (event_id, payload) VALUES ($1, $2)",
                    new SQLException("SELECT password FROM pg_shadow", "23505"));
        }
    }
}
