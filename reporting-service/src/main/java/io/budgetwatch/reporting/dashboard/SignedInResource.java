package io.budgetwatch.reporting.dashboard;

import io.budgetwatch.common.security.Caller;
import io.budgetwatch.common.security.Roles;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.TreeSet;

/** Who is signed in: what the dashboard shows in its header and which views it offers. */
@Path("/api/me")
@Tag(name = "sign-in", description = "当前登录用户 / the signed-in caller")
public class SignedInResource {

    /** {@code agencies} null: every agency (supervisor, auditor, admin without an agency claim). */
    public record SignedIn(String username, List<String> roles, List<String> agencies) {
    }

    @Inject
    Caller caller;

    @GET
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The signed-in caller: username, the suite's roles it has, the agencies in scope (null for all)")
    public SignedIn me() {
        TreeSet<String> roles = new TreeSet<>(caller.roles());
        roles.retainAll(Roles.SUITE);
        return new SignedIn(caller.name(), List.copyOf(roles),
                caller.agencies() == null ? null : List.copyOf(caller.agencies()));
    }
}
