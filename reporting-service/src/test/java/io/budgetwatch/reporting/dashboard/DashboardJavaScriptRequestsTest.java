package io.budgetwatch.reporting.dashboard;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which requests of an ended dashboard session get 499 (the page signs in again) instead of the redirect to the
 * provider: the script's calls with their header, and the EventSource of {@code GET /api/live}, which has none.
 */
class DashboardJavaScriptRequestsTest {

    private final DashboardJavaScriptRequests checker = new DashboardJavaScriptRequests();

    @Test
    void theLiveStreamAndTheScriptsCallsAreJavaScriptPagesAreNot() {
        assertTrue(checker.isJavaScriptRequest(request(HttpMethod.GET, "/api/live", null)), "EventSource");
        assertTrue(checker.isJavaScriptRequest(request(HttpMethod.GET, "/api/progress", "JavaScript")));
        assertTrue(checker.isJavaScriptRequest(request(HttpMethod.POST, "/api/alerts/x/acknowledgement",
                "XMLHttpRequest")));
        assertFalse(checker.isJavaScriptRequest(request(HttpMethod.GET, "/", null)), "the page is redirected");
        assertFalse(checker.isJavaScriptRequest(request(HttpMethod.GET, "/api/progress", null)));
        assertFalse(checker.isJavaScriptRequest(request(HttpMethod.POST, "/api/live", null)), "GET only");
        assertFalse(checker.isJavaScriptRequest(request(HttpMethod.GET, "/api/live/x", null)));
    }

    private static RoutingContext request(HttpMethod method, String path, String requestedWith) {
        HttpServerRequest request = (HttpServerRequest) Proxy.newProxyInstance(getClass(HttpServerRequest.class),
                new Class<?>[] {HttpServerRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "method" -> method;
                    case "getHeader" -> "X-Requested-With".equalsIgnoreCase(String.valueOf(args[0])) ? requestedWith
                            : null;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        return (RoutingContext) Proxy.newProxyInstance(getClass(RoutingContext.class),
                new Class<?>[] {RoutingContext.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "request" -> request;
                    case "normalizedPath" -> path;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static ClassLoader getClass(Class<?> type) {
        return type.getClassLoader();
    }
}
