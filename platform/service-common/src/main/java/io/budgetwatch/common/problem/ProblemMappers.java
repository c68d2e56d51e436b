package io.budgetwatch.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.UUID;
import java.util.stream.Collectors;

/** Turns every failure into RFC 9457 problem+json; nothing leaves as a bare 500 page. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String TYPE_PREFIX = "urn:budgetwatch:problem:";

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpHeaders headers, HttpServerRequest request) {
        return respond(e, headers, request);
    }

    /** The answer to a refusal: its problem body in the caller's language. */
    public static Response respond(ProblemException e, HttpHeaders headers, HttpServerRequest request) {
        return respond(toProblem(e, Lang.fromAcceptLanguage(headers.getAcceptableLanguages()), request.path()));
    }

    /** The problem body of a refusal, in the caller's language. */
    private static Problem toProblem(ProblemException e, Lang lang, String instance) {
        return new Problem(TYPE_PREFIX + e.code(), title(e.status(), lang), e.status(),
                lang.pick(e.messageZh(), e.messageEn()), instance, e.code(), e.field(), e.errors(), e.context());
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, HttpHeaders headers, HttpServerRequest request) {
        Lang lang = Lang.fromAcceptLanguage(headers.getAcceptableLanguages());
        String field = null;
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
        }
        if (e instanceof ProblemCarrier carrier) {
            // e.g. a string of the body holds NUL or an unpaired surrogate: the rule's own code and words
            return problem(carrier.problemAt(field == null ? "body" : field), headers, request);
        }
        String reason = e.getOriginalMessage();
        return respond(new Problem(TYPE_PREFIX + "malformed-json", title(400, lang), 400,
                lang.pick("请求体不是有效的 JSON 或字段类型不符：" + reason,
                        "The request body is not valid JSON or a field has the wrong type: " + reason),
                request.path(), "malformed-json", field, null, null));
    }

    /**
     * Quarkus REST Jackson maps this subtype itself (a 400 with its own body); this one keeps wrong
     * field types (e.g. "abc" for an amount) in problem+json with the field named.
     */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, HttpHeaders headers, HttpServerRequest request) {
        return unreadableJson(e, headers, request);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpHeaders headers, HttpServerRequest request) {
        // Quarkus REST's JSON reader wraps a wrong field type (e.g. "abc" for an amount) in a 400
        // WebApplicationException; answer it like any unreadable JSON, naming the field.
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, headers, request);
        }
        Lang lang = Lang.fromAcceptLanguage(headers.getAcceptableLanguages());
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 415 -> "unsupported-media-type";
            default -> "http-" + status;
        };
        String message = e.getMessage() == null ? "" : e.getMessage();
        return respond(new Problem(TYPE_PREFIX + code, title(status, lang), status,
                lang.pick(title(status, Lang.ZH) + "：" + message, message), request.path(), code, null, null,
                null));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, HttpHeaders headers, HttpServerRequest request) {
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure %s on %s %s", incident, request.method(), request.path());
        Lang lang = Lang.fromAcceptLanguage(headers.getAcceptableLanguages());
        return respond(new Problem(TYPE_PREFIX + "internal", title(500, lang), 500,
                lang.pick("服务内部错误，编号 " + incident, "Internal error, incident " + incident),
                request.path(), "internal", null, null, null));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE + ";charset=UTF-8").entity(problem).build();
    }

    static String title(int status, Lang lang) {
        return switch (status) {
            case 400 -> lang.pick("请求无效", "Bad request");
            case 404 -> lang.pick("未找到", "Not found");
            case 405 -> lang.pick("不支持的方法", "Method not allowed");
            case 406 -> lang.pick("无法提供所需格式", "Not acceptable");
            case 409 -> lang.pick("冲突", "Conflict");
            case 415 -> lang.pick("不支持的内容类型", "Unsupported media type");
            case 422 -> lang.pick("无法处理的内容", "Unprocessable content");
            case 500 -> lang.pick("服务内部错误", "Internal server error");
            default -> lang.pick("请求失败", "Request failed");
        };
    }
}
