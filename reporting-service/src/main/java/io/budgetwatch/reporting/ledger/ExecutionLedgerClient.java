package io.budgetwatch.reporting.ledger;

import io.budgetwatch.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * Reads a project's ledger from execution-service ({@code GET /api/projects/{code}/ledger}) with the caller's own
 * token, without blocking: {@link HttpClient#sendAsync} as a {@link Uni}, answered on the client's threads.
 * An answer below 500 comes back as it is (status, content type, bytes); no answer within
 * {@link ExecutionSettings#timeout()}, no connection, or a 5xx is 503 {@code ledger-unavailable}.
 */
@ApplicationScoped
public class ExecutionLedgerClient {

    private static final Logger LOG = Logger.getLogger(ExecutionLedgerClient.class);

    /** execution-service's answer as received. */
    public record Answer(int status, String contentType, byte[] body) {
    }

    private final ExecutionSettings settings;
    private final HttpClient http;

    @Inject
    public ExecutionLedgerClient(ExecutionSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * One page of the ledger. {@code code} must already be a valid project code (digits and letters only), so it
     * cannot change the path; {@code afterSeq} and {@code limit} are sent only when the caller gave them.
     */
    public Uni<Answer> page(String code, Long afterSeq, Integer limit, String accessToken, String acceptLanguage) {
        StringBuilder query = new StringBuilder();
        if (afterSeq != null) {
            query.append("afterSeq=").append(afterSeq);
        }
        if (limit != null) {
            query.append(query.isEmpty() ? "" : "&").append("limit=").append(limit);
        }
        URI uri = settings.url().resolve("/api/projects/" + code + "/ledger"
                + (query.isEmpty() ? "" : "?" + query));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.timeout()).GET()
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + accessToken);
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            request.header("Accept-Language", acceptLanguage);
        }
        return Uni.createFrom()
                .completionStage(() -> http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray()))
                .onFailure().transform(e -> unavailable(uri, e))
                .map(response -> {
                    if (response.statusCode() >= 500) {
                        LOG.warnf("execution-service answered %d to %s", response.statusCode(), uri);
                        throw unavailable(response.statusCode());
                    }
                    return new Answer(response.statusCode(),
                            response.headers().firstValue("Content-Type").orElse("application/json"),
                            response.body());
                });
    }

    private static ProblemException unavailable(URI uri, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof ProblemException problem) {
            return problem;
        }
        LOG.warnf("execution-service did not answer %s: %s", uri, cause.toString());
        return new ProblemException(503, "ledger-unavailable", null,
                "台账暂时无法读取（执行服务未应答），请稍后重试",
                "The ledger cannot be read just now (execution-service did not answer); please try again later",
                null, Map.of("reason", cause instanceof IOException ? cause.getClass().getSimpleName() : "failure"));
    }

    private static ProblemException unavailable(int status) {
        return new ProblemException(503, "ledger-unavailable", null,
                "台账暂时无法读取（执行服务出错），请稍后重试",
                "The ledger cannot be read just now (execution-service failed); please try again later",
                null, Map.of("upstreamStatus", status));
    }
}
