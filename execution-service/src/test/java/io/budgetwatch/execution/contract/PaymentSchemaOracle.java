package io.budgetwatch.execution.contract;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the published contract says of a record, read by an independent JSON Schema validator (networknt, with
 * its own Jackson 3 parser) from the published file itself, {@code docs/payment-event.schema.json}: the schema
 * with format assertions on, plus the one rule the schema states in words because JSON Schema cannot see it
 * (a JSON number's text must match its field's pattern, read from the same file).
 */
final class PaymentSchemaOracle {

    static final Path SCHEMA = Path.of("docs/payment-event.schema.json");

    private final Schema schema;
    private final JsonMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // a number beyond double's range (1e400) must reach the schema's bounds as itself, not as Infinity
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private final JsonMapper doubles = mapper.rebuild().disable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    /** Fields whose JSON number form is held to the pattern of their string form. */
    private static final java.math.BigDecimal BEYOND_DOUBLE = new java.math.BigDecimal("1E+400");
    private final Map<String, Pattern> numberText = new LinkedHashMap<>();

    PaymentSchemaOracle() {
        String text;
        try {
            text = Files.readString(SCHEMA, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config));
        schema = registry.getSchema(text, InputFormat.JSON);
        JsonNode root = mapper.readTree(text);
        root.get("properties").properties().forEach(property -> {
            JsonNode type = property.getValue().get("type");
            JsonNode pattern = property.getValue().get("pattern");
            if (type != null && type.isArray() && pattern != null && type.toString().contains("\"string\"")
                    && (type.toString().contains("\"number\"") || type.toString().contains("\"integer\""))) {
                numberText.put(property.getKey(), Pattern.compile(pattern.asString()));
            }
        });
        if (!numberText.keySet().equals(java.util.Set.of("fiscalYear", "amount"))) {
            throw new IllegalStateException("number fields of the schema: " + numberText.keySet());
        }
    }

    /** Null when the contract accepts the record, else why not. */
    String refusal(byte[] record) {
        if (record == null || record.length == 0) {
            return "no JSON value";
        }
        String text;
        try { // RFC 8259 8.1: JSON exchanged between systems is UTF-8 (the contract says so too)
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(record)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return "not UTF-8";
        }
        JsonNode node;
        try {
            node = readTree(text);
        } catch (JacksonException e) {
            return "not an I-JSON text: " + e.getOriginalMessage();
        }
        if (node == null || node.isMissingNode()) {
            return "no JSON value";
        }
        // the rule in words first: a number field whose text fails its pattern is refused before the schema's
        // bounds see it, so the schema only ever compares finite numbers of the contract's shape
        for (Map.Entry<String, Pattern> field : numberText.entrySet()) {
            JsonNode value = node.isObject() ? node.get(field.getKey()) : null;
            if (value != null && value.isNumber()) {
                String written = numberText(text, field.getKey());
                if (!field.getValue().matcher(written).find()) {
                    return field.getKey() + " written " + written + " does not match " + field.getValue();
                }
            }
        }
        List<Error> errors = schema.validate(node);
        if (!errors.isEmpty()) {
            return errors.toString();
        }
        return null;
    }

    /**
     * The record's tree, its numbers exact. A number no decimal can hold (an exponent beyond an int, such as
     * {@code 130303210e2285436789012}) is still JSON: the text is then read with doubles, and each such number (an
     * infinity there) becomes a decimal still beyond any double, of the same sign. Only its being a number can
     * matter to the verdict: every known field but amount and fiscalYear refuses a number whatever its value, and
     * those two are held to the pattern of their written text before the schema looks at them.
     */
    private JsonNode readTree(String text) {
        try {
            return mapper.readTree(text);
        } catch (NumberFormatException e) {
            return finite(doubles.readTree(text));
        }
    }

    private static JsonNode finite(JsonNode node) {
        if (node.isDouble() && Double.isInfinite(node.doubleValue())) {
            return JsonNodeFactory.instance.numberNode(node.doubleValue() > 0 ? BEYOND_DOUBLE : BEYOND_DOUBLE.negate());
        }
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>(object.propertyNames());
            names.forEach(name -> object.set(name, finite(object.get(name))));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, finite(array.get(i)));
            }
        }
        return node;
    }

    /** The text of the number of a top-level member as written. */
    private String numberText(String record, String name) {
        try (JsonParser p = mapper.createParser(record)) {
            int depth = 0;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    depth++;
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    depth--;
                } else if (depth == 1 && t == JsonToken.PROPERTY_NAME && name.equals(p.currentName())) {
                    if (p.nextToken().isNumeric()) {
                        return p.getString();
                    }
                }
            }
        }
        throw new IllegalStateException("no number " + name);
    }
}
