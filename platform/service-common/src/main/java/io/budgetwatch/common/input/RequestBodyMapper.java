package io.budgetwatch.common.input;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The ObjectMapper of the REST layer: the application's mapper (same configuration, same output) plus
 * {@link SafeTextModule}, so that every JSON request body of every service has its strings checked in one
 * place. Kafka consumers and repositories keep injecting the plain mapper: an event is not a request.
 */
@Provider
public class RequestBodyMapper implements ContextResolver<ObjectMapper> {

    private final ObjectMapper mapper;

    @Inject
    public RequestBodyMapper(ObjectMapper application) {
        this.mapper = application.copy().registerModule(new SafeTextModule());
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return mapper;
    }
}
