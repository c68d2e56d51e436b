package io.budgetwatch.reporting.dashboard;

import io.quarkus.oidc.TenantResolver;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which sign-in a request takes. A request with an {@code Authorization} header, and any API request without
 * the dashboard's session, is a bearer-token call (the default tenant: 401 with {@code WWW-Authenticate} when
 * the token is missing or bad). The dashboard's pages, and the API calls its script makes with the session
 * cookie, take the code flow of the {@value #TENANT} tenant: a browser without a session is sent to the
 * provider's login.
 */
@ApplicationScoped
public class DashboardTenant implements TenantResolver {

    public static final String TENANT = "dashboard";
    /** quarkus-oidc's session cookie of the tenant (split into _1, _2... when large). */
    static final String SESSION_COOKIE = "q_session_" + TENANT;

    @Override
    public String resolve(RoutingContext context) {
        if (context.request().getHeader("Authorization") != null) {
            return null;
        }
        String path = context.normalizedPath();
        boolean api = path.startsWith("/api/") || path.equals("/api") || path.startsWith("/q/");
        return api && !hasSession(context) ? null : TENANT;
    }

    static boolean hasSession(RoutingContext context) {
        for (Cookie cookie : context.request().cookies()) {
            if (cookie.getName().startsWith(SESSION_COOKIE)) {
                return true;
            }
        }
        return false;
    }
}
