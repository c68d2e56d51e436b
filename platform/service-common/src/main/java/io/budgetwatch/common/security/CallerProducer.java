package io.budgetwatch.common.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.security.Principal;
import java.util.Set;

/** The {@link Caller} of the current request, from its verified token. */
public class CallerProducer {

    @Inject
    SecurityIdentity identity;

    @Inject
    HttpServerRequest request;

    @Produces
    @RequestScoped
    Caller caller() {
        SocketAddress remote = request.remoteAddress();
        String address = remote == null ? null : remote.hostAddress();
        String userAgent = request.getHeader("User-Agent");
        if (identity.isAnonymous()) {
            return new Caller("anonymous", "anonymous", Set.of(), new java.util.TreeSet<>(), address, userAgent);
        }
        Principal principal = identity.getPrincipal();
        Set<String> roles = Set.copyOf(identity.getRoles());
        JsonWebToken token = TokenClaims.of(identity);
        if (token != null) {
            String name = token.getClaim("preferred_username");
            return new Caller(token.getSubject(), name == null ? token.getName() : name, roles,
                    Caller.scope(roles, TokenClaims.agencyCodes(token)), address, userAgent);
        }
        return new Caller(principal.getName(), principal.getName(), roles, Caller.scope(roles, null), address,
                userAgent);
    }
}
