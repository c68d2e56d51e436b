package io.budgetwatch.common.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;

/**
 * Jackson module that checks every String a request body is read into (fields, elements, map keys) against
 * {@link SafeText.Policy#BODY}: NUL and unpaired surrogates are refused with {@link UnsafeTextException}.
 * Installed on the REST layer's mapper only ({@link RequestBodyMapper}); the services' own readers of
 * events and stored JSON are not affected.
 */
public final class SafeTextModule extends SimpleModule {

    public SafeTextModule() {
        super("budgetwatch-safe-text");
        addDeserializer(String.class, new SafeStringDeserializer());
        addKeyDeserializer(String.class, new SafeKeyDeserializer());
    }

    static final class SafeStringDeserializer extends StdScalarDeserializer<String> {

        SafeStringDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return checked(p, StringDeserializer.instance.deserialize(p, ctxt));
        }
    }

    static final class SafeKeyDeserializer extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            return checked(ctxt.getParser(), key);
        }
    }

    static String checked(JsonParser p, String value) throws UnsafeTextException {
        SafeText.Finding finding = SafeText.check(value, SafeText.Policy.BODY);
        if (finding != null) {
            throw new UnsafeTextException(p, finding);
        }
        return value;
    }
}
