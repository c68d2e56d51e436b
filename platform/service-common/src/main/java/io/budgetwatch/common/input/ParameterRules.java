package io.budgetwatch.common.input;

import io.budgetwatch.common.problem.Params;
import io.budgetwatch.common.problem.ProblemException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The registry of parameter formats: by parameter name (the same name means the same thing in every
 * service), else by the Java type the resource method declares (so that the framework's own conversion
 * can no longer fail with an anonymous 404). {@link ParameterGuard} applies it to every path and query
 * value after the general rules ({@link SafeText}, {@link SafeText#MAX_PARAMETER_LENGTH}).
 *
 * <p>Names are matched ignoring case, like the query parameters themselves ({@code ?YEAR=} reaches a
 * {@code @QueryParam("year")}). Names a route uses with different meanings ({@code id}, {@code code},
 * {@code version}, {@code seq}) are not listed: their resources convert them and answer as documented.
 */
public final class ParameterRules {

    /** A format: checks a decoded value that passed the general rules; throws the refusal with the given status. */
    @FunctionalInterface
    public interface Format {
        void check(String value, String field, int status);
    }

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,19}");
    /** Kafka topic names (the broker's own rule). */
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Payment voucher ids, as in execution-service/docs/payment-event.schema.json ({@link Params#isVoucherId}). */
    private static final int MAX_PAYMENT_ID = 64;

    static final Format FISCAL_YEAR = (v, field, status) -> {
        if (!v.isEmpty() && !Params.isYear(v)) {
            throw Params.invalidYear(status, field, v);
        }
    };

    static final Format AGENCY_CODE = (v, field, status) -> {
        if (!v.isEmpty() && !Params.isAgency(v)) {
            throw Params.invalidAgency(status, field, v);
        }
    };

    static final Format PROJECT_CODE = (v, field, status) -> {
        if (!v.isEmpty() && !Params.isProjectCode(v)) {
            throw Params.invalidProjectCode(status, field, v);
        }
    };

    /** yyyy-MM-dd; blank is absent (the resources take today or the year end). */
    static final Format DATE = (v, field, status) -> {
        if (!v.isBlank() && Params.parseDate(v) == null) {
            throw Params.invalidDate(status, field, v);
        }
    };

    static final Format PAYMENT_ID = (v, field, status) -> {
        if (!v.isEmpty() && !Params.isVoucherId(v)) {
            throw new ProblemException(status, "invalid-payment-id", field,
                    field + " 须为 1 至 " + MAX_PAYMENT_ID + " 个可打印 ASCII 字符，不含空格和 #",
                    field + " must be 1 to " + MAX_PAYMENT_ID + " printable ASCII characters without space or #");
        }
    };

    static final Format TOPIC_NAME = (v, field, status) -> {
        if (!v.isEmpty() && !TOPIC.matcher(v).matches()) {
            throw new ProblemException(status, "invalid-topic", field,
                    field + " 须为 Kafka 主题名（字母、数字、. _ -，至多 249 个字符）",
                    field + " must be a Kafka topic name (letters, digits, '.', '_', '-', at most 249 characters)");
        }
    };

    static final Format INT32 = integer(Integer.MIN_VALUE, Integer.MAX_VALUE);
    static final Format INT64 = integer(Long.MIN_VALUE, Long.MAX_VALUE);
    static final Format INT16 = integer(Short.MIN_VALUE, Short.MAX_VALUE);

    static final Format DECIMAL = (v, field, status) -> {
        try {
            new BigDecimal(v);
        } catch (NumberFormatException e) {
            throw new ProblemException(status, "invalid-number", field, field + " 须为数字", field + " must be a number");
        }
    };

    static final Format UUID_FORMAT = (v, field, status) -> {
        if (!UUID_TEXT.matcher(v).matches()) {
            throw new ProblemException(status, "invalid-uuid", field, field + " 须为 UUID", field + " must be a UUID");
        }
    };

    static final Format BOOLEAN = (v, field, status) -> {
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new ProblemException(status, "invalid-flag", field, field + " 只能是 true 或 false",
                    field + " must be true or false");
        }
    };

    /** By lower-case parameter name. */
    private static final Map<String, Format> BY_NAME = Map.ofEntries(
            Map.entry("year", FISCAL_YEAR),
            Map.entry("fiscalyear", FISCAL_YEAR),
            Map.entry("agency", AGENCY_CODE),
            Map.entry("agencycode", AGENCY_CODE),
            Map.entry("project", PROJECT_CODE),
            Map.entry("projectcode", PROJECT_CODE),
            Map.entry("asof", DATE),
            Map.entry("from", DATE),
            Map.entry("to", DATE),
            Map.entry("paymentid", PAYMENT_ID),
            Map.entry("originalpaymentid", PAYMENT_ID),
            Map.entry("topic", TOPIC_NAME),
            Map.entry("limit", INT32),
            Map.entry("offset", INT32),
            Map.entry("indicatorseq", INT32),
            Map.entry("afterseq", INT64));

    private ParameterRules() {
    }

    /** The format registered for a parameter name (any case), or null. */
    public static Format byName(String name) {
        return name == null ? null : BY_NAME.get(name.toLowerCase(Locale.ROOT));
    }

    /** The format a declared parameter type needs so that the framework can convert the value, or null. */
    public static Format byType(Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return INT32;
        }
        if (type == long.class || type == Long.class) {
            return INT64;
        }
        if (type == short.class || type == Short.class) {
            return INT16;
        }
        if (type == BigDecimal.class || type == BigInteger.class || type == double.class || type == Double.class
                || type == float.class || type == Float.class) {
            return type == BigInteger.class ? INT64 : DECIMAL;
        }
        if (type == boolean.class || type == Boolean.class) {
            return BOOLEAN;
        }
        if (type == UUID.class) {
            return UUID_FORMAT;
        }
        if (type == LocalDate.class) {
            return (v, field, status) -> {
                if (Params.parseDate(v) == null) {
                    throw Params.invalidDate(status, field, v);
                }
            };
        }
        if (type.isEnum()) {
            return enumeration(type);
        }
        return null;
    }

    private static Format integer(long min, long max) {
        return (v, field, status) -> {
            boolean fits = INTEGER.matcher(v).matches();
            if (fits) {
                try {
                    long n = Long.parseLong(v);
                    fits = n >= min && n <= max;
                } catch (NumberFormatException e) {
                    fits = false;
                }
            }
            if (!fits) {
                throw new ProblemException(status, "invalid-integer", field,
                        field + " 须为 " + min + " 至 " + max + " 之间的整数",
                        field + " must be an integer between " + min + " and " + max,
                        null, Map.of("min", min, "max", max));
            }
        };
    }

    private static Format enumeration(Class<?> type) {
        String[] names = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toArray(String[]::new);
        return (v, field, status) -> {
            if (Arrays.stream(names).noneMatch(v::equals)) {
                throw new ProblemException(status, "invalid-value", field,
                        field + " 只能是 " + String.join("、", names),
                        field + " must be one of " + String.join(", ", names), null,
                        Map.of("allowed", Arrays.asList(names)));
            }
        };
    }
}
