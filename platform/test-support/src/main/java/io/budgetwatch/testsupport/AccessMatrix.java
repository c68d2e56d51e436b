package io.budgetwatch.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The endpoint × role × own/other agency matrix of one service, generated from its OpenAPI document: every
 * operation must have a {@link Rule} (a new endpoint without one fails), and for each it asserts the exact
 * status without a token (401 with {@code WWW-Authenticate}), for every realm role (403 when the role is
 * not allowed), for the caller's own agency and for another agency's data (403 or 404), and that no
 * answer carries a marker of the other agency (its code, names, project codes).
 */
public final class AccessMatrix {

    private static final Logger LOG = Logger.getLogger(AccessMatrix.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one operation allows, and how to call it for the own agency and for the other one. */
    public static final class Rule {
        private final Set<String> roles;
        private Map<String, String> own = Map.of();
        private Map<String, String> other;
        private int otherStatus;
        private Set<Integer> ok = Set.of(200);
        private String contentType;
        private byte[] ownBody;
        private byte[] otherBody;
        private Runnable after = () -> { };

        private Rule(Set<String> roles) {
            this.roles = roles;
        }

        /** The roles allowed; every other realm role gets 403. */
        public static Rule roles(String... roles) {
            return new Rule(Set.of(roles));
        }

        /** Parameter values (path and query, by name) of a call about the caller's own agency. */
        public Rule own(Map<String, String> params) {
            this.own = params;
            return this;
        }

        /** Parameter values of the same call about the other agency, and the status that must answer it. */
        public Rule other(Map<String, String> params, int status) {
            this.other = params;
            this.otherStatus = status;
            return this;
        }

        /** The statuses an allowed call about the own agency may answer (default 200). */
        public Rule ok(Integer... statuses) {
            this.ok = Set.of(statuses);
            return this;
        }

        public Rule body(String contentType, byte[] own, byte[] other) {
            this.contentType = contentType;
            this.ownBody = own;
            this.otherBody = other;
            return this;
        }

        /** Runs after the operation's calls (e.g. resume what a pause stopped). */
        public Rule after(Runnable after) {
            this.after = after;
            return this;
        }
    }

    private final URI base;
    private final String ownAgency;
    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private final Set<String> markers = new LinkedHashSet<>();
    private final Map<String, String> exemptPrefixes = new LinkedHashMap<>();

    private AccessMatrix(URI base, String ownAgency) {
        this.base = base;
        this.ownAgency = ownAgency;
    }

    /** The matrix of the service at {@code base}; callers with agencies are given {@code ownAgency}. */
    public static AccessMatrix against(URI base, String ownAgency) {
        return new AccessMatrix(base, ownAgency);
    }

    /** {@code operation} as {@code GET /api/projects/{code}}. */
    public AccessMatrix rule(String operation, Rule rule) {
        rules.put(operation, rule);
        return this;
    }

    /**
     * The rule of {@code GET /api/audit}, the same in every service: auditors and administrators, the
     * own agency's records; asking for {@code otherAgency}'s is 403.
     */
    public AccessMatrix auditTrail(String otherAgency) {
        return rule("GET /api/audit", Rule.roles("auditor", "admin").other(Map.of("agency", otherAgency), 403));
    }

    /** Operations under a path prefix that are not the service's API (e.g. test-only probes), with why. */
    public AccessMatrix exempt(String pathPrefix, String reason) {
        exemptPrefixes.put(pathPrefix, reason);
        return this;
    }

    /** Text of the other agency that no answer to this caller may contain (unless the request itself named it). */
    public AccessMatrix otherAgencyMarkers(String... texts) {
        markers.addAll(List.of(texts));
        return this;
    }

    /** The token of a caller with one role, of the own agency (the treasury's machine client has none). */
    public String token(String role) {
        TestTokens.Builder builder = TestTokens.user(role + "-" + ownAgency).roles(role);
        return "treasury".equals(role) ? builder.sign() : builder.agencies(ownAgency).sign();
    }

    /** Calls every operation as described; returns the number of requests; fails listing every violation. */
    public int run() {
        List<OpenApiDocument.Operation> operations = OpenApiDocument.operations(openApi());
        List<String> violations = new ArrayList<>();
        int requests = 0;
        for (OpenApiDocument.Operation op : operations) {
            if (exemptPrefixes.keySet().stream().anyMatch(op.path()::startsWith)) {
                continue;
            }
            Rule rule = rules.get(op.id());
            if (rule == null) {
                violations.add(op.id() + ": no access rule (add one to the matrix)");
                continue;
            }
            try {
                RawHttp.Answer anonymous = call(null, op, rule.own, rule.ownBody, rule.contentType);
                requests++;
                if (anonymous.status() != 401 || anonymous.header("WWW-Authenticate") == null) {
                    violations.add(op.id() + " without a token: " + anonymous.status() + " (want 401 with "
                            + "WWW-Authenticate)");
                }
                for (String role : TestTokens.ALL_ROLES) {
                    String token = token(role);
                    RawHttp.Answer answer = call(token, op, rule.own, rule.ownBody, rule.contentType);
                    requests++;
                    boolean allowed = rule.roles.contains(role);
                    if (!allowed && answer.status() != 403) {
                        violations.add(op.id() + " as " + role + ": " + answer.status() + " (want 403) "
                                + shorten(answer.text()));
                    } else if (allowed && !rule.ok.contains(answer.status())) {
                        violations.add(op.id() + " as " + role + " (own agency): " + answer.status() + " (want "
                                + rule.ok + ") " + shorten(answer.text()));
                    }
                    leaks(op.id() + " as " + role + " (own agency)", answer, rule.own, rule.ownBody, violations);
                    if (allowed && rule.other != null) {
                        RawHttp.Answer foreign = call(token, op, rule.other, rule.otherBody, rule.contentType);
                        requests++;
                        if (foreign.status() != rule.otherStatus) {
                            violations.add(op.id() + " as " + role + " (other agency): " + foreign.status()
                                    + " (want " + rule.otherStatus + ") " + shorten(foreign.text()));
                        }
                        leaks(op.id() + " as " + role + " (other agency)", foreign, rule.other, rule.otherBody,
                                violations);
                    }
                }
            } catch (IOException e) {
                violations.add(op.id() + ": " + e);
            } finally {
                rule.after.run();
            }
        }
        for (String operation : rules.keySet()) {
            if (operations.stream().noneMatch(op -> op.id().equals(operation))) {
                violations.add(operation + ": a rule for an operation the OpenAPI document does not have");
            }
        }
        LOG.info(String.format("Access matrix of %s: %d operations, %d requests, %d violations", base,
                operations.size(), requests, violations.size()));
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " access violations:\n" + String.join("\n", violations));
        }
        return requests;
    }

    private void leaks(String what, RawHttp.Answer answer, Map<String, String> params, byte[] body,
                       List<String> violations) {
        String text = answer.text();
        String request = params.values() + (body == null ? "" : new String(body, StandardCharsets.UTF_8));
        for (String marker : markers) {
            if (text.contains(marker) && !request.contains(marker)) {
                violations.add(what + ": the answer contains the other agency's " + marker);
            }
        }
    }

    private RawHttp.Answer call(String token, OpenApiDocument.Operation op, Map<String, String> params, byte[] body,
                                String contentType) throws IOException {
        String path = op.path();
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, String> p : params.entrySet()) {
            String value = URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8).replace("+", "%20");
            if (path.contains("{" + p.getKey() + "}")) {
                path = path.replace("{" + p.getKey() + "}", value);
            } else {
                query.append(query.length() == 0 ? '?' : '&').append(p.getKey()).append('=').append(value);
            }
        }
        if (path.contains("{")) {
            throw new IllegalStateException(op.id() + ": the rule gives no value for a path parameter of " + path);
        }
        return new RawHttp(base, Duration.ofSeconds(30), token).send(op.method(), path + query, contentType,
                body == null && !op.safe() ? new byte[0] : body, null);
    }

    private JsonNode openApi() {
        try {
            RawHttp.Answer answer = new RawHttp(base, Duration.ofSeconds(30)).send("GET", "/q/openapi?format=json",
                    null, null, null);
            if (answer.status() != 200) {
                throw new IllegalStateException("GET /q/openapi answered " + answer.status());
            }
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the OpenAPI document of " + base, e);
        }
    }

    private static String shorten(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
