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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
            .build();
    /** Fields whose JSON number form is held to the pattern of their string form. */
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
            node = mapper.readTree(text);
        } catch (JacksonException e) {
            return "not an I-JSON text: " + e.getOriginalMessage();
        }
        if (node == null || node.isMissingNode()) {
            return "no JSON value";
        }
        List<Error> errors = schema.validate(node);
        if (!errors.isEmpty()) {
            return errors.toString();
        }
        for (Map.Entry<String, Pattern> field : numberText.entrySet()) {
            JsonNode value = node.get(field.getKey());
            if (value != null && value.isNumber()) {
                String written = numberText(text, field.getKey());
                if (!field.getValue().matcher(written).find()) {
                    return field.getKey() + " written " + written + " does not match " + field.getValue();
                }
            }
        }
        return null;
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
