package io.budgetwatch.reporting;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real HTTP endpoint receiving alert webhooks in tests; it can be told to fail the next requests. */
public class WebhookReceiver implements QuarkusTestResourceLifecycleManager {

    public static final String SECRET = "测试-shared-secret";

    /** One request as received. */
    public record Received(String signature, String eventId, String contentType, byte[] body) {
    }

    public static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    /** Event id -> how many more deliveries of it to answer with HTTP 500. */
    public static final Map<String, Integer> FAIL = new java.util.concurrent.ConcurrentHashMap<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/hook", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            int status = 204;
            String eventId = exchange.getRequestHeaders().getFirst("X-BudgetWatch-Event-Id");
            if (eventId != null && FAIL.getOrDefault(eventId, 0) > 0) {
                FAIL.merge(eventId, -1, Integer::sum);
                status = 500;
            } else {
                RECEIVED.add(new Received(exchange.getRequestHeaders().getFirst("X-BudgetWatch-Signature"),
                        exchange.getRequestHeaders().getFirst("X-BudgetWatch-Event-Id"),
                        exchange.getRequestHeaders().getFirst("Content-Type"), body));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return Map.of("budgetwatch.alerts.webhooks.ops.url",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/hook",
                "budgetwatch.alerts.webhooks.ops.secret", SECRET);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
