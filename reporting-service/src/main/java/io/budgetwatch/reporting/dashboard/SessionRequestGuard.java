package io.budgetwatch.reporting.dashboard;

import io.budgetwatch.common.problem.ProblemException;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.net.URI;
import java.util.Set;

/**
 * Cross-site request forgery protection for the dashboard's session: a state-changing request signed in by
 * the session cookie (not by a bearer token) must carry {@code X-Requested-With: JavaScript}, which a page of
 * another origin cannot set without a CORS preflight this service never grants, and an {@code Origin}, when the
 * browser sends one, of this service. Otherwise 403. Bearer-token calls carry no ambient credential and pass.
 * Safe methods pass too: they change nothing, and the live stream ({@code GET /api/live}) is opened by a browser's
 * EventSource, which cannot add a header (its ended session answers 499: {@link DashboardJavaScriptRequests}).
 */
public class SessionRequestGuard {

    static final String HEADER = "X-Requested-With";
    static final String VALUE = "JavaScript";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @ServerRequestFilter(preMatching = true)
    public void check(ContainerRequestContext request, RoutingContext routing) {
        if (SAFE.contains(request.getMethod()) || request.getHeaderString("Authorization") != null
                || !DashboardTenant.hasSession(routing)) {
            return;
        }
        if (!VALUE.equals(request.getHeaderString(HEADER))) {
            throw refused("the X-Requested-With: JavaScript header is missing");
        }
        String origin = request.getHeaderString("Origin");
        if (origin != null && !sameOrigin(origin, routing)) {
            throw refused("Origin " + origin + " is not this service");
        }
    }

    private static boolean sameOrigin(String origin, RoutingContext routing) {
        try {
            URI o = URI.create(origin);
            String host = routing.request().authority() == null ? null : routing.request().authority().toString();
            return host != null && (o.getHost() + (o.getPort() < 0 ? "" : ":" + o.getPort())).equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static ProblemException refused(String why) {
        return new ProblemException(403, "cross-site-request", "X-Requested-With",
                "拒绝跨站请求：" + why, "Cross-site request refused: " + why);
    }
}
