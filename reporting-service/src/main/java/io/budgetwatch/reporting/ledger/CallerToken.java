package io.budgetwatch.reporting.ledger;

import io.budgetwatch.common.security.TokenClaims;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller's own access token, to be sent on to another service that accepts the same tokens (audience
 * budgetwatch): the bearer token of an API call, or in the dashboard's code flow the access token of the session
 * (not its ID token, which need not carry the realm roles and agencies) — the token {@link TokenClaims#of} reads
 * the caller's claims from, so the other service sees the same caller.
 */
final class CallerToken {

    private CallerToken() {
    }

    /** The raw (compact JWS) access token; null for a caller signed in without one (or anonymous). */
    static String of(SecurityIdentity identity) {
        if (identity.isAnonymous()) {
            return null;
        }
        // quarkus-oidc keeps the access token as a credential in both flows (in the code flow next to the ID
        // token, which is then the principal), the one TokenClaims.of reads the caller's claims from
        AccessTokenCredential access = identity.getCredential(AccessTokenCredential.class);
        if (access != null && access.getToken() != null && !access.getToken().isBlank()) {
            return access.getToken();
        }
        if (identity.getCredential(IdTokenCredential.class) == null
                && identity.getPrincipal() instanceof JsonWebToken bearer) {
            String raw = bearer.getRawToken();
            return raw == null || raw.isBlank() ? null : raw;
        }
        return null;
    }
}
