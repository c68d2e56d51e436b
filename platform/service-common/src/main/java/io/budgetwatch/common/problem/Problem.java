package io.budgetwatch.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * RFC 9457 problem details. {@code code} is the machine-readable reason, {@code field} the input
 * that caused it (JSON field, query parameter, or a location inside an uploaded document).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String code,
        String field,
        List<FieldError> errors,
        Map<String, Object> context) {

    public static final String MEDIA_TYPE = "application/problem+json";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String code, String message) {
    }
}
