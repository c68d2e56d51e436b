package io.budgetwatch.testsupport;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The operations of a service's OpenAPI document (its {@code /q/openapi?format=json}), for walkers. */
final class OpenApiDocument {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    private OpenApiDocument() {
    }

    record Param(String name, String in, JsonNode schema) {
    }

    record Operation(String method, String path, List<Param> params, JsonNode content) {
        /** {@code GET /api/projects/{code}}. */
        String id() {
            return method + " " + path;
        }

        boolean safe() {
            return method.equals("GET") || method.equals("HEAD");
        }
    }

    /** Every operation, by path then method; path and query parameters, and the request body's media types. */
    static List<Operation> operations(JsonNode doc) {
        List<Operation> operations = new ArrayList<>();
        TreeMap<String, JsonNode> paths = new TreeMap<>();
        doc.path("paths").fields().forEachRemaining(e -> paths.put(e.getKey(), e.getValue()));
        for (Map.Entry<String, JsonNode> path : paths.entrySet()) {
            for (String method : METHODS) {
                JsonNode op = path.getValue().get(method);
                if (op == null) {
                    continue;
                }
                Map<String, Param> params = new LinkedHashMap<>();
                for (JsonNode source : List.of(path.getValue().path("parameters"), op.path("parameters"))) {
                    for (JsonNode p : source) {
                        JsonNode param = resolve(doc, p);
                        String in = param.path("in").asText();
                        if (in.equals("path") || in.equals("query")) {
                            params.put(in + ":" + param.path("name").asText(), new Param(param.path("name").asText(),
                                    in, resolve(doc, param.path("schema"))));
                        }
                    }
                }
                JsonNode body = resolve(doc, op.path("requestBody"));
                JsonNode content = body.path("content").isObject() && body.path("content").size() > 0
                        ? body.path("content") : null;
                operations.add(new Operation(method.toUpperCase(Locale.ROOT), path.getKey(),
                        List.copyOf(params.values()), content));
            }
        }
        return operations;
    }

    static JsonNode resolve(JsonNode doc, JsonNode node) {
        JsonNode current = node;
        for (int depth = 0; depth < 20 && current.has("$ref"); depth++) {
            String ref = current.path("$ref").asText();
            if (!ref.startsWith("#/")) {
                break;
            }
            current = doc.at(ref.substring(1));
        }
        return current;
    }
}
