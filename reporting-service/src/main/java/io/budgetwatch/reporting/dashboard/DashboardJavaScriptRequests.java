package io.budgetwatch.reporting.dashboard;

import io.budgetwatch.reporting.live.LiveResource;
import io.quarkus.oidc.JavaScriptRequestChecker;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which requests of the dashboard's session are the page's script, answered 499 instead of a redirect to the
 * provider when the session has ended ({@code quarkus.oidc.dashboard.authentication.java-script-auto-redirect=false}):
 * those carrying {@code X-Requested-With: JavaScript} (or {@code XMLHttpRequest}), as quarkus-oidc decides by
 * default, and the live stream's {@code GET /api/live}, which a browser's EventSource opens without headers of its
 * own. Redirected, an EventSource would follow to the provider, fail on CORS and retry every few seconds for ever;
 * answered 499 it stops ({@code readyState} CLOSED, an {@code error} event) and the page signs in again as after any
 * other 499.
 */
@ApplicationScoped
public class DashboardJavaScriptRequests implements JavaScriptRequestChecker {

    @Override
    public boolean isJavaScriptRequest(RoutingContext context) {
        String header = context.request().getHeader(SessionRequestGuard.HEADER);
        if (SessionRequestGuard.VALUE.equals(header) || "XMLHttpRequest".equals(header)) {
            return true;
        }
        return context.request().method() == HttpMethod.GET && LiveResource.PATH.equals(context.normalizedPath());
    }
}
