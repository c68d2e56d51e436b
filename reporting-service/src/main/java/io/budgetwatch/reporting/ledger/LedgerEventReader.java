package io.budgetwatch.reporting.ledger;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import io.budgetwatch.events.LedgerEntryEvent;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads execution.ledger payloads into {@link LedgerEntryEvent} like the application's mapper, with
 * cheaper readings of what every entry carries: plain decimal strings ({@code "-1200.50"}) without
 * Jackson's regex check, {@code yyyy-MM-dd} dates without a formatter, and the instant of the previous
 * entry reused (a batch of entries shares {@code recordedAt}). Any other form goes to Jackson's own
 * deserializer, so the accepted input and the results stay the same.
 */
final class LedgerEventReader {

    private final ObjectReader reader;

    LedgerEventReader(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("ledger-event-reader");
        module.addDeserializer(BigDecimal.class, new PlainDecimal());
        module.addDeserializer(LocalDate.class, new IsoDate());
        module.addDeserializer(Instant.class, new RepeatedInstant());
        ObjectMapper copy = mapper.copy();
        // Jackson's default buffer pool lives in a thread local, which the event loop had lost again at every
        // payload (profiled: a new BufferRecycler and its buffers per entry, ~10 % of the consumer's samples in
        // ThreadLocal bookkeeping, and the garbage behind most young collections). A shared pool keeps the buffers.
        copy.getFactory().setRecyclerPool(JsonRecyclerPools.newConcurrentDequePool());
        reader = copy.registerModule(module).readerFor(LedgerEntryEvent.class);
    }

    LedgerEntryEvent read(String payload) throws IOException {
        return reader.readValue(payload);
    }

    private static final class PlainDecimal extends JsonDeserializer<BigDecimal> {
        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                String text = p.getText();
                if (plain(text)) {
                    return new BigDecimal(text);
                }
            }
            return NumberDeserializers.BigDecimalDeserializer.instance.deserialize(p, ctxt);
        }

        /** {@code -?[0-9]+(\.[0-9]+)?}, at most 40 characters. */
        private static boolean plain(String s) {
            int n = s.length();
            int i = n > 0 && s.charAt(0) == '-' ? 1 : 0;
            int digits = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                digits++;
            }
            if (digits == 0 || n > 40) {
                return false;
            }
            if (i == n) {
                return true;
            }
            if (s.charAt(i) != '.' || i + 1 == n) {
                return false;
            }
            for (i++; i < n; i++) {
                if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                    return false;
                }
            }
            return true;
        }
    }

    private static final class IsoDate extends JsonDeserializer<LocalDate> {
        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                String s = p.getText();
                if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
                    int year = digits(s, 0, 4);
                    int month = digits(s, 5, 7);
                    int day = digits(s, 8, 10);
                    if (year >= 0 && month >= 0 && day >= 0) {
                        try {
                            return LocalDate.of(year, month, day);
                        } catch (DateTimeException e) {
                            // not a date: Jackson's deserializer words the error
                        }
                    }
                }
            }
            return LocalDateDeserializer.INSTANCE.deserialize(p, ctxt);
        }

        private static int digits(String s, int from, int to) {
            int v = 0;
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                v = v * 10 + (c - '0');
            }
            return v;
        }
    }

    private static final class RepeatedInstant extends JsonDeserializer<Instant> {
        private record Last(String text, Instant value) {
        }

        private volatile Last last;

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                String text = p.getText();
                Last seen = last;
                if (seen != null && seen.text().equals(text)) {
                    return seen.value();
                }
                Instant value = InstantDeserializer.INSTANT.deserialize(p, ctxt);
                last = new Last(text, value);
                return value;
            }
            return InstantDeserializer.INSTANT.deserialize(p, ctxt);
        }
    }
}
