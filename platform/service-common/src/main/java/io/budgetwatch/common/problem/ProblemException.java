package io.budgetwatch.common.problem;

import java.util.List;
import java.util.Map;

/**
 * A refusal that reaches the caller as problem+json. Messages come in Chinese and English; the
 * mapper picks one from Accept-Language.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final String field;
    private final String messageZh;
    private final String messageEn;
    private final List<Problem.FieldError> errors;
    private final Map<String, Object> context;

    public ProblemException(int status, String code, String field, String messageZh, String messageEn,
                            List<Problem.FieldError> errors, Map<String, Object> context) {
        super(code + (field == null ? "" : " [" + field + "]") + ": " + messageEn);
        this.status = status;
        this.code = code;
        this.field = field;
        this.messageZh = messageZh;
        this.messageEn = messageEn;
        this.errors = errors;
        this.context = context;
    }

    public ProblemException(int status, String code, String field, String messageZh, String messageEn) {
        this(status, code, field, messageZh, messageEn, null, null);
    }

    public static ProblemException badRequest(String code, String field, String zh, String en) {
        return new ProblemException(400, code, field, zh, en);
    }

    public static ProblemException notFound(String code, String field, String zh, String en) {
        return new ProblemException(404, code, field, zh, en);
    }

    public static ProblemException conflict(String code, String field, String zh, String en) {
        return new ProblemException(409, code, field, zh, en);
    }

    public static ProblemException unprocessable(String code, String field, String zh, String en) {
        return new ProblemException(422, code, field, zh, en);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    public String messageZh() {
        return messageZh;
    }

    public String messageEn() {
        return messageEn;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    public Map<String, Object> context() {
        return context;
    }
}
