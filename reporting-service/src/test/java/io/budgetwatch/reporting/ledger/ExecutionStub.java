package io.budgetwatch.reporting.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server standing in for execution-service's {@code GET /api/projects/{code}/ledger} in every test of the
 * module (so the hostile-input walk and the access matrix reach it too): it records what it received and answers as
 * execution-service would, judging the caller by the token it was sent — a ledger page of a project of one of the
 * token's agencies (or any, for a token without {@code agency_codes}), else its 404 problem — or, for the codes
 * below, a 500, a connection closed without an answer, or nothing until {@link #RELEASE} opens (longer than
 * reporting's timeout, set to 1 s here).
 */
public class ExecutionStub implements QuarkusTestResourceLifecycleManager {

    public static final String LEDGER_CODE = "130303210B2L85R7NSB45";
    public static final String OTHER_CODE = "130303219970200000001";
    public static final String SLOW_CODE = "SLOW0000000000000000001";
    public static final String FAILING_CODE = "FAIL0000000000000000001";
    public static final String HANG_UP_CODE = "HANGUP000000000000000001";
    /** The projects it knows and their agencies (AccessMatrixTest's own and other agency's among them). */
    static final Map<String, String> AGENCIES = Map.of(LEDGER_CODE, "213001", "130303219970100000001", "990701",
            OTHER_CODE, "990702");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A page as execution-service writes it: a payment, its partial refund (negative) and a correction. */
    public static final byte[] LEDGER_PAGE = ("{\"projectCode\":\"" + LEDGER_CODE + "\",\"name\":\"车辆保险费\","
            + "\"fiscalYear\":2021,\"agencyCode\":\"213001\",\"budget\":{\"total\":\"4000.00\",\"fiscal\":\"4000.00\","
            + "\"other\":\"0.00\"},\"executed\":{\"total\":\"3700.00\",\"fiscal\":\"3700.00\",\"other\":\"0.00\"},"
            + "\"executionRatePercent\":\"92.50\",\"overspend\":false,\"entryCount\":3,\"entries\":["
            + "{\"seq\":1,\"entryId\":\"e-1\",\"paymentId\":\"DEMO-2021-0001\",\"role\":\"PAYMENT\",\"kind\":\"PAYMENT\","
            + "\"projectCode\":\"" + LEDGER_CODE + "\",\"amount\":\"4300.00\",\"fundSource\":\"FISCAL\","
            + "\"paidOn\":\"2021-03-05\",\"overspend\":true,\"projectExecutedTotal\":\"4300.00\","
            + "\"payee\":\"中国人民财产保险股份有限公司秦皇岛分公司\",\"purpose\":\"公务用车保险\",\"source\":\"HTTP\","
            + "\"recordedAt\":\"2021-03-05T02:00:00Z\"},"
            + "{\"seq\":2,\"entryId\":\"e-2\",\"paymentId\":\"DEMO-2021-0002\",\"role\":\"REFUND\",\"kind\":\"REFUND\","
            + "\"originalPaymentId\":\"DEMO-2021-0001\",\"projectCode\":\"" + LEDGER_CODE + "\",\"amount\":\"-500.00\","
            + "\"fundSource\":\"FISCAL\",\"paidOn\":\"2021-03-20\",\"overspend\":false,"
            + "\"projectExecutedTotal\":\"3800.00\",\"payee\":\"中国人民财产保险股份有限公司秦皇岛分公司\","
            + "\"purpose\":\"退保费 — «部分»\",\"source\":\"KAFKA\",\"recordedAt\":\"2021-03-20T02:00:00Z\"},"
            + "{\"seq\":3,\"entryId\":\"e-3\",\"paymentId\":\"DEMO-2021-0003\",\"role\":\"CORRECTION\","
            + "\"kind\":\"CORRECTION\",\"originalPaymentId\":\"DEMO-2021-0001\",\"projectCode\":\"" + LEDGER_CODE
            + "\",\"amount\":\"-100.00\",\"fundSource\":\"FISCAL\",\"paidOn\":\"2021-03-21\",\"overspend\":false,"
            + "\"projectExecutedTotal\":\"3700.00\",\"payee\":\"𠀀测试（更正）\",\"purpose\":\"更正\","
            + "\"source\":\"HTTP\",\"recordedAt\":\"2021-03-21T02:00:00Z\"}],\"nextAfterSeq\":null}")
            .getBytes(StandardCharsets.UTF_8);

    /** execution-service's refusal of another agency's project, as it writes it. */
    public static final byte[] NOT_FOUND = ("{\"type\":\"urn:budgetwatch:problem:project-not-found\",\"title\":\"未找到\","
            + "\"status\":404,\"detail\":\"项目 " + OTHER_CODE + " 未知且没有台账记录\",\"instance\":\"/api/projects/"
            + OTHER_CODE + "/ledger\",\"code\":\"project-not-found\",\"field\":\"code\"}")
            .getBytes(StandardCharsets.UTF_8);

    /** One request as received. */
    public record Received(String method, String pathAndQuery, String authorization, String acceptLanguage) {
    }

    public static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    /** Opened by the test once it has its answer about {@link #SLOW_CODE}. */
    public static volatile CountDownLatch RELEASE = new CountDownLatch(1);

    private HttpServer server;
    private ExecutorService executor;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/api/projects/", this::answer);
        server.start();
        return Map.of("budgetwatch.execution.url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "budgetwatch.execution.timeout", "1s");
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        RECEIVED.add(new Received(exchange.getRequestMethod(), path + (query == null ? "" : "?" + query),
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Accept-Language")));
        if (path.equals("/api/projects/" + HANG_UP_CODE + "/ledger")) {
            exchange.close(); // no status line: the connection just ends
            return;
        }
        try (exchange) {
            if (path.equals("/api/projects/" + SLOW_CODE + "/ledger")) {
                try {
                    RELEASE.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                send(exchange, 200, "application/json", LEDGER_PAGE);
            } else if (path.equals("/api/projects/" + FAILING_CODE + "/ledger")) {
                send(exchange, 500, "application/problem+json",
                        "{\"code\":\"internal\",\"detail\":\"服务内部错误\"}".getBytes(StandardCharsets.UTF_8));
            } else {
                String code = path.replaceFirst("^/api/projects/([^/]+)/ledger$", "$1");
                String agency = AGENCIES.get(code);
                if (agency != null && sees(exchange.getRequestHeaders().getFirst("Authorization"), agency)) {
                    send(exchange, 200, "application/json;charset=UTF-8", code.equals(LEDGER_CODE) ? LEDGER_PAGE
                            : ("{\"projectCode\":\"" + code + "\",\"agencyCode\":\"" + agency
                            + "\",\"entryCount\":0,\"entries\":[],\"nextAfterSeq\":null}").getBytes(StandardCharsets.UTF_8));
                } else {
                    send(exchange, 404, "application/problem+json;charset=UTF-8", code.equals(OTHER_CODE) ? NOT_FOUND
                            : ("{\"type\":\"urn:budgetwatch:problem:project-not-found\",\"status\":404,"
                            + "\"code\":\"project-not-found\",\"field\":\"code\"}").getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            // the caller hung up (the slow answer after its timeout)
        }
    }

    /** execution-service's wall, from the token it was sent: no agency_codes claim sees every agency. */
    private static boolean sees(String authorization, String agency) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        try {
            String[] parts = authorization.substring(7).split("\\.");
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            JsonNode agencies = claims.get("agency_codes");
            if (agencies == null) {
                return true;
            }
            for (JsonNode a : agencies) {
                if (agency.equals(a.asText())) {
                    return true;
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void stop() {
        RELEASE.countDown();
        if (server != null) {
            server.stop(0);
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
