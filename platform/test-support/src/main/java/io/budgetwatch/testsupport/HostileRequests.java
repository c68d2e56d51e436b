package io.budgetwatch.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Logger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Walks a running service's OpenAPI document ({@code /q/openapi?format=json}) and sends, for EVERY operation,
 * hostile values for each path and query parameter in turn (the other parameters plausible), and for every
 * operation that declares a request body, hostile bodies of each declared media type. An operation added to a
 * service is covered without editing any test.
 *
 * <p>It asserts that nothing answers 5xx and that every 4xx is {@code application/problem+json} with a
 * {@code code} (and the HTTP status as {@code status}). The exceptions are the refusals of the HTTP server's
 * request decoder (Netty/Vert.x), which come before any application code and carry no body: 414 for a request
 * line over {@code quarkus.http.limits.max-initial-line-length} (the 100 000-character value), and 400 for a
 * request target that is not a URI at all (a malformed '%' escape, a raw non-ASCII byte), only for those values.
 *
 * <p>Plausible values never name stored data, except that {@link #knownValues} are used for the parameters of
 * safe operations (GET/HEAD), so that hostile values of one parameter reach the code behind an existing
 * resource. Write operations keep made-up targets: a hostile value that happens to be legitimate (markup in
 * a free-text field is text) must not change stored data, which the service tests check.
 */
public final class HostileRequests {

    private static final Logger LOG = Logger.getLogger(HostileRequests.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Answered by the HTTP codec (request line / headers too large) before the application: no body. */
    private static final Set<Integer> CODEC_STATUSES = Set.of(414, 431);
    private static final int LONG = 100_000;
    /** Requests in flight at once: some operations wait on I/O (a catch-up with a topic) for each request. */
    private static final int CONCURRENCY = 4;
    /** Values that make the request target an invalid URI: the HTTP decoder answers a bodiless 400. */
    private static final Set<String> NOT_A_URI = Set.of("%zz", "%", "a%0", "%%41", "\u00e5\u008d\u0095");

    private final URI base;
    private final RawHttp http;
    private final Map<String, String> known = new LinkedHashMap<>();
    private final Map<String, String> bodyExclusions = new LinkedHashMap<>();

    /** What was sent and found. {@code requests}: per operation ("METHOD /path"), in path order. */
    public record Report(Map<String, Integer> requests, Map<String, String> skipped, List<String> violations,
                         Map<Integer, Integer> statuses) {

        public int total() {
            return requests.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** Fails listing every violation (the first 200) when there is any. */
        public void assertClean() {
            if (!violations.isEmpty()) {
                throw new AssertionError(violations.size() + " hostile requests answered wrongly:\n"
                        + String.join("\n", violations.subList(0, Math.min(200, violations.size()))));
            }
        }
    }


    private record Body(String contentType, byte[] bytes, String label) {
    }

    private HostileRequests(URI base) {
        this.base = base;
        // Signed in with every role, so that hostile values reach the handlers rather than stop at sign-in
        this.http = new RawHttp(base, Duration.ofSeconds(60), TestTokens.superuser());
    }

    /** A walker for the service at {@code base} (e.g. {@code http://localhost:8081/}). */
    public static HostileRequests against(URI base) {
        return new HostileRequests(base);
    }

    /** Values of existing data by parameter name (e.g. {@code code} of a stored project), for safe operations. */
    public HostileRequests knownValues(Map<String, String> values) {
        known.putAll(values);
        return this;
    }

    /** Sends no hostile bodies to one operation (its parameters are still walked); the reason is logged. */
    public HostileRequests withoutBodyChecks(String method, String path, String reason) {
        bodyExclusions.put(method.toUpperCase(Locale.ROOT) + " " + path, reason);
        return this;
    }

    /** Walks every operation, logs the counts, and fails on any violation. */
    public Report run() {
        Report report = probe();
        report.assertClean();
        return report;
    }

    /** Walks every operation and logs the counts; the caller decides what to do with the violations. */
    public Report probe() {
        JsonNode doc = openApi();
        Map<String, Integer> requests = new LinkedHashMap<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        List<String> violations = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            for (OpenApiDocument.Operation op : OpenApiDocument.operations(doc)) {
                String excluded = bodyExclusions.get(op.id());
                if (op.params().isEmpty() && (op.content() == null || excluded != null)) {
                    String why = op.content() == null ? "no parameters and no request body: nothing hostile to send"
                            : "no parameters, body checks excluded: " + excluded;
                    skipped.put(op.id(), why);
                    LOG.info("hostile requests: skipped " + op.id() + " (" + why + ")");
                    continue;
                }
                List<Request> batch = requests(doc, op, excluded);
                List<Future<String>> verdicts = new ArrayList<>();
                for (int i = 0; i < batch.size(); i++) {
                    Request r = batch.get(i);
                    String language = i % 2 == 0 ? null : "en";
                    verdicts.add(pool.submit(() -> send(op, r, language, statuses)));
                }
                for (Future<String> verdict : verdicts) {
                    String violation = verdict.get();
                    if (violation != null) {
                        violations.add(violation);
                    }
                }
                requests.put(op.id(), batch.size());
                LOG.info(String.format("hostile requests: %-70s %5d requests", op.id(), batch.size()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Report report = new Report(requests, skipped, violations, statuses);
        LOG.info(String.format("hostile requests to %s: %d operations walked, %d skipped, %d requests, "
                        + "statuses %s, %d violations", base, requests.size(), skipped.size(), report.total(),
                statuses, violations.size()));
        return report;
    }

    /** One hostile request of an operation: its parameter values, its body and what is hostile about it. */
    private record Request(Map<String, String> values, Body body, String what, boolean notAUri) {
    }

    private List<Request> requests(JsonNode doc, OpenApiDocument.Operation op, String excluded) {
        List<Request> batch = new ArrayList<>();
        Map<String, String> plausible = new LinkedHashMap<>();
        for (OpenApiDocument.Param p : op.params()) {
            plausible.put(p.name(), plausibleParam(p, op.safe()));
        }
        Body plausibleBody = op.content() == null ? null : plausibleBody(doc, op.content());
        for (OpenApiDocument.Param p : op.params()) {
            for (String hostile : hostileValues(p)) {
                Map<String, String> values = new LinkedHashMap<>(plausible);
                values.put(p.name(), hostile);
                batch.add(new Request(values, plausibleBody, p.in() + " " + p.name() + "=" + shorten(hostile),
                        NOT_A_URI.contains(hostile)));
            }
        }
        if (op.content() != null && excluded == null) {
            Iterator<Map.Entry<String, JsonNode>> types = op.content().fields();
            while (types.hasNext()) {
                Map.Entry<String, JsonNode> type = types.next();
                JsonNode schema = OpenApiDocument.resolve(doc, type.getValue().path("schema"));
                for (Body b : hostileBodies(doc, type.getKey(), schema)) {
                    batch.add(new Request(plausible, b, "body " + b.label(), false));
                }
            }
            batch.add(new Request(plausible, new Body("application/x-hostile", plausibleBody.bytes(), "wrong media type"),
                    "body of media type application/x-hostile", false));
        } else if (excluded != null) {
            LOG.info("hostile requests: no hostile bodies for " + op.id() + " (" + excluded + ")");
        }
        return batch;
    }

    // ---------------------------------------------------------------------------------------------------
    // sending and judging

    /** Sends one request; null when the answer is acceptable, else the violation. */
    private String send(OpenApiDocument.Operation op, Request r, String language, Map<Integer, Integer> statuses) {
        RawHttp.Answer answer;
        try {
            answer = http.send(op.method(), target(op, r.values()), r.body() == null ? null : r.body().contentType(),
                    r.body() == null ? null : r.body().bytes(), language);
        } catch (IOException e) {
            return op.id() + " with " + r.what() + ": no answer (" + e + ")";
        }
        synchronized (statuses) {
            statuses.merge(answer.status(), 1, Integer::sum);
        }
        if (r.notAUri() && answer.status() == 400 && answer.body().length == 0 && answer.header("content-type") == null) {
            return null; // the HTTP server's decoder refused the request line
        }
        String problem = judge(answer);
        return problem == null ? null : op.id() + " with " + r.what() + ": " + problem;
    }

    /** Null when the answer is acceptable, else what is wrong with it. */
    static String judge(RawHttp.Answer answer) {
        int status = answer.status();
        if (status < 0) {
            return "the connection closed without an answer";
        }
        if (status >= 500) {
            return "answered " + status + ": " + shorten(answer.text());
        }
        if (status < 400 || CODEC_STATUSES.contains(status)) {
            return null;
        }
        String type = answer.header("content-type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/problem+json")) {
            return "answered " + status + " as " + type + " instead of application/problem+json: "
                    + shorten(answer.text());
        }
        try {
            JsonNode problem = JSON.readTree(answer.body());
            if (!problem.path("code").isTextual() || problem.path("code").asText().isBlank()) {
                return "answered " + status + " with a problem without code: " + shorten(answer.text());
            }
            if (problem.path("status").asInt() != status) {
                return "answered " + status + " with a problem of status " + problem.path("status");
            }
        } catch (IOException e) {
            return "answered " + status + " with a problem body that is not JSON: " + shorten(answer.text());
        }
        return null;
    }

    private String target(OpenApiDocument.Operation op, Map<String, String> values) {
        String path = op.path();
        StringBuilder query = new StringBuilder();
        for (OpenApiDocument.Param p : op.params()) {
            String value = values.get(p.name());
            if ("path".equals(p.in())) {
                path = path.replace("{" + p.name() + "}", value);
            } else {
                query.append(query.length() == 0 ? '?' : '&').append(encode(p.name())).append('=').append(value);
            }
        }
        String prefix = base.getPath() == null || base.getPath().equals("/") ? "" : base.getPath().replaceAll("/$", "");
        return prefix + path + query;
    }

    private JsonNode openApi() {
        try {
            RawHttp.Answer answer = http.send("GET", "/q/openapi?format=json", null, null, null);
            if (answer.status() != 200) {
                throw new IllegalStateException("GET /q/openapi answered " + answer.status() + ": " + answer.text());
            }
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the OpenAPI document of " + base, e);
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // plausible values: valid in form, naming nothing stored (unless known values are given)

    private String plausibleParam(OpenApiDocument.Param p, boolean safe) {
        if (safe && known.containsKey(p.name())) {
            return encode(known.get(p.name()));
        }
        return encode(plausibleText(p.name(), p.schema()));
    }

    private static String plausibleText(String name, JsonNode schema) {
        String byName = switch (name.toLowerCase(Locale.ROOT)) {
            case "year", "fiscalyear" -> "2021";
            case "agency", "agencycode" -> "213001";
            case "asof", "from", "to", "date", "paidon", "reportedon", "effectiveon" -> "2021-06-30";
            case "code", "project", "projectcode" -> "13030321HOSTILE000001";
            case "paymentid", "originalpaymentid", "reportid" -> "HOSTILE-PROBE-1";
            case "limit" -> "10";
            case "afterseq" -> "0";
            case "indicatorseq", "version", "seq" -> "1";
            case "topic" -> "goals.projects";
            case "severity" -> "WARNING";
            case "acknowledged" -> "false";
            default -> null;
        };
        if (byName != null) {
            return byName;
        }
        if (schema.has("default") && !schema.path("default").isNull()) {
            return schema.path("default").asText();
        }
        if (schema.path("enum").isArray() && schema.path("enum").size() > 0) {
            return schema.path("enum").get(0).asText();
        }
        String format = schema.path("format").asText("");
        return switch (schema.path("type").asText("string")) {
            case "integer" -> "1";
            case "number" -> "1.5";
            case "boolean" -> "false";
            default -> switch (format) {
                case "uuid" -> UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
                case "date" -> "2021-06-30";
                case "date-time" -> "2021-06-30T00:00:00Z";
                default -> "hostile-probe";
            };
        };
    }

    private static JsonNode plausibleJson(JsonNode doc, String name, JsonNode schema, int depth) {
        JsonNode s = OpenApiDocument.resolve(doc, schema);
        String type = s.path("type").asText(s.has("properties") ? "object" : "string");
        if (depth > 5) {
            return NODES.nullNode();
        }
        switch (type) {
            case "object": {
                ObjectNode object = NODES.objectNode();
                s.path("properties").fields().forEachRemaining(e ->
                        object.set(e.getKey(), plausibleJson(doc, e.getKey(), e.getValue(), depth + 1)));
                return object;
            }
            case "array": {
                ArrayNode array = NODES.arrayNode();
                array.add(plausibleJson(doc, name, s.path("items"), depth + 1));
                return array;
            }
            case "integer":
                return NODES.numberNode(Long.parseLong(integerText(plausibleText(name, s))));
            case "number":
                return NODES.numberNode(new java.math.BigDecimal("100.00"));
            case "boolean":
                return NODES.booleanNode(false);
            default:
                return NODES.textNode(plausibleText(name, s));
        }
    }

    private static String integerText(String text) {
        return text.matches("-?\\d{1,18}") ? text : "1";
    }

    private static Body plausibleBody(JsonNode doc, JsonNode content) {
        Map.Entry<String, JsonNode> first = content.fields().next();
        String type = first.getKey();
        if (isJson(type)) {
            return new Body(type, bytes(plausibleJson(doc, "body", first.getValue().path("schema"), 0)), "plausible");
        }
        return new Body(contentType(type), "hostile probe".getBytes(StandardCharsets.UTF_8), "plausible");
    }

    // ---------------------------------------------------------------------------------------------------
    // hostile values

    /** Raw (as sent) hostile values for one path or query parameter. */
    static List<String> hostileValues(OpenApiDocument.Param p) {
        List<String> values = new ArrayList<>(List.of(
                "%00", "a%00b", "%01", "%1F", "%7F", "%09", "%0A", "%0D%0Aset-cookie:x", "%1B%5B31m",
                "%ED%A0%80", "a%ED%B0%80", "%C3%28", "%FF", "%E4%B8", "%C0%AF", "%F4%90%80%80",
                "%zz", "%", "a%0", "%%41", "\u00e5\u008d\u0095",
                "a".repeat(3_000), "%E4%B8%80".repeat(300), "a".repeat(LONG),
                "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", "..%2F..%2Fetc%2Fpasswd", "%2e%2e%2f", "..%5C..%5Cwin.ini",
                "'%20OR%201%3D1--", "%22%7D%2C%7B", "2021-02-30", "2021-13-01", "%2B999999999-12-31",
                "-999999999-01-01", "0000-00-00", "21", "1999", "99999", "%202021", "2021%20", "-1", "1.5", "1e9",
                "0x10", "NaN", "99999999999999999999", "-99999999999999999999", "abc", "null", "%E2%80%AE",
                "%EF%BB%BF", "%F0%9F%92%A5"));
        String type = p.schema().path("type").asText("string");
        if (type.equals("integer") || type.equals("number") || type.equals("boolean")) {
            values.add(""); // no text converts to a number: the framework would fail on it
        }
        return values;
    }

    private static List<Body> hostileBodies(JsonNode doc, String mediaType, JsonNode schema) {
        if (isJson(mediaType)) {
            return jsonBodies(doc, mediaType, schema);
        }
        if (mediaType.startsWith("text/")) {
            return textBodies(contentType(mediaType));
        }
        return binaryBodies(mediaType);
    }

    private static List<Body> jsonBodies(JsonNode doc, String type, JsonNode schema) {
        List<Body> bodies = new ArrayList<>();
        for (String raw : List.of("{", "{\"a\":", "[1,2", "nul", "{\"x\":1,}", "{'a':'b'}", "<x/>", "{\"a\" \"b\"}",
                "\uFEFF{}", "[]", "[{}]", "\"text\"", "42", "true", "null", "{}", "1e999999",
                "[".repeat(5_000) + "]".repeat(5_000), "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000))) {
            bodies.add(new Body(type, raw.getBytes(StandardCharsets.UTF_8), "json " + shorten(raw)));
        }
        bodies.add(new Body(type, new byte[0], "empty"));
        bodies.add(new Body(type, "{\"a\":\"x\u0000y\"}".getBytes(StandardCharsets.UTF_8), "raw NUL byte"));
        bodies.add(new Body(type, concat("{\"a\":\"", new byte[] {(byte) 0xC3, 0x28}, "\"}"), "invalid UTF-8"));
        bodies.add(new Body(type, concat("{\"a\":\"", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\"}"),
                "UTF-8-encoded surrogate"));
        JsonNode plausible = plausibleJson(doc, "body", schema, 0);
        if (plausible instanceof ObjectNode object) {
            for (String field : iterable(object.fieldNames())) {
                for (Map.Entry<String, JsonNode> hostile : hostileJsonValues().entrySet()) {
                    ObjectNode copy = object.deepCopy();
                    copy.set(field, hostile.getValue());
                    bodies.add(new Body(type, bytes(copy), field + "=" + hostile.getKey()));
                }
            }
            for (String key : List.of("\u0000", "\ud800", "a".repeat(LONG))) {
                ObjectNode copy = object.deepCopy();
                copy.put(key, "x");
                bodies.add(new Body(type, bytes(copy), "property name " + shorten(key)));
            }
        } else {
            for (Map.Entry<String, JsonNode> hostile : hostileJsonValues().entrySet()) {
                bodies.add(new Body(type, bytes(hostile.getValue()), "value " + hostile.getKey()));
            }
        }
        return bodies;
    }

    /** Hostile JSON values, by label. */
    private static Map<String, JsonNode> hostileJsonValues() {
        Map<String, JsonNode> v = new LinkedHashMap<>();
        for (String s : List.of("\u0000", "a\u0000b", "\ud800", "x\udc00", "\udc00\ud800", "\u0001\u001f\u007f",
                "\n\r\t", "a".repeat(LONG), "<img src=x onerror=alert(1)>", "../../etc/passwd", "%2e%2e%2f",
                "2021-02-30", "2021-13-01", "+999999999-12-31", "not-a-date", "1e99999999999", "-0.001", "NaN",
                "12abc", "9".repeat(400), "'; DROP TABLE outbox;--", "\u202e", "")) {
            v.put("\"" + shorten(s) + "\"", NODES.textNode(s));
        }
        v.put("1e999999", NODES.numberNode(new java.math.BigDecimal("1e999999")));
        v.put("-1e999999", NODES.numberNode(new java.math.BigDecimal("-1e999999")));
        v.put("1e-999999", NODES.numberNode(new java.math.BigDecimal("1e-999999")));
        v.put("400 digits", NODES.numberNode(new java.math.BigInteger("9".repeat(400))));
        v.put("2000 digits", NODES.numberNode(new java.math.BigInteger("9".repeat(2000))));
        v.put("0.001", NODES.numberNode(new java.math.BigDecimal("0.001")));
        v.put("-1", NODES.numberNode(-1));
        v.put("{}", NODES.objectNode());
        v.put("[]", NODES.arrayNode());
        v.put("[\"a\"]", NODES.arrayNode().add("a"));
        v.put("true", NODES.booleanNode(true));
        v.put("null", NODES.nullNode());
        return v;
    }

    private static List<Body> textBodies(String type) {
        List<Body> bodies = new ArrayList<>();
        bodies.add(new Body(type, "abc\u0000def".getBytes(StandardCharsets.UTF_8), "NUL byte"));
        bodies.add(new Body(type, new byte[] {0}, "only NUL"));
        bodies.add(new Body(type, new byte[] {'a', (byte) 0xC3, 0x28}, "invalid UTF-8"));
        bodies.add(new Body(type, new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 'A'}, "UTF-16 BOM"));
        bodies.add(new Body(type, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "UTF-8-encoded surrogate"));
        bodies.add(new Body(type, "\u0001\u0002\u001b[31m".getBytes(StandardCharsets.UTF_8), "control characters"));
        bodies.add(new Body(type, "a".repeat(LONG).getBytes(StandardCharsets.UTF_8), "100 000 characters"));
        bodies.add(new Body(type, "\t\n".repeat(LONG / 2).getBytes(StandardCharsets.UTF_8), "100 000 layout characters"));
        bodies.add(new Body(type, "<img src=x onerror=alert(1)>".getBytes(StandardCharsets.UTF_8), "markup"));
        bodies.add(new Body(type, "../../etc/passwd".getBytes(StandardCharsets.UTF_8), "path traversal"));
        bodies.add(new Body(type, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "only a BOM"));
        bodies.add(new Body(type, new byte[0], "empty"));
        bodies.add(new Body(type, "{\"a\":1}".getBytes(StandardCharsets.UTF_8), "JSON"));
        bodies.add(new Body(type, randomBytes(4096, 1), "random bytes"));
        return bodies;
    }

    private static List<Body> binaryBodies(String type) {
        List<Body> bodies = new ArrayList<>();
        bodies.add(new Body(type, randomBytes(4096, 2), "random bytes"));
        bodies.add(new Body(type, concat("PK\u0003\u0004", randomBytes(512, 3), ""), "zip header then garbage"));
        bodies.add(new Body(type, zip(Map.of()), "empty zip"));
        bodies.add(new Body(type, zip(Map.of("[Content_Types].xml", "\u0000<Types>".getBytes(StandardCharsets.UTF_8),
                "../../evil.txt", "x".getBytes(StandardCharsets.UTF_8))), "zip with NUL XML and a traversal entry"));
        bodies.add(new Body(type, new byte[1000], "1000 NUL bytes"));
        bodies.add(new Body(type, new byte[0], "empty"));
        bodies.add(new Body(type, "hello".getBytes(StandardCharsets.UTF_8), "text"));
        return bodies;
    }

    // ---------------------------------------------------------------------------------------------------
    // helpers

    private static boolean isJson(String mediaType) {
        String m = mediaType.toLowerCase(Locale.ROOT);
        return m.startsWith("application/json") || m.endsWith("+json");
    }

    private static String contentType(String mediaType) {
        return mediaType.startsWith("text/") && !mediaType.contains("charset") ? mediaType + "; charset=utf-8"
                : mediaType;
    }

    private static String encode(String value) {
        StringBuilder b = new StringBuilder();
        for (byte x : value.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c));
            }
        }
        return b.toString();
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(middle);
        out.writeBytes(after.getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : new TreeMap<>(entries).entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static <T> Iterable<T> iterable(Iterator<T> iterator) {
        List<T> list = new ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }

    static String shorten(String s) {
        String printable = s.replaceAll("[\\p{Cntrl}]", "?");
        return printable.length() <= 60 ? printable : printable.substring(0, 40) + "…(" + s.length() + " chars)";
    }
}
