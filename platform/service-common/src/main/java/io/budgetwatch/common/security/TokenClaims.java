package io.budgetwatch.common.security;

import io.budgetwatch.common.problem.Params;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdTokenCredential;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import java.util.ArrayList;
import java.util.List;

/**
 * Holds a verified token to the claims' shape the suite relies on, else the request is not signed in
 * (401 with {@code WWW-Authenticate}): realm roles in {@code realm_access.roles} (an array of strings),
 * agencies in {@code agency_codes} (an array of agency codes), and a planner or manager must have that
 * claim unless a role that sees every agency (supervisor, auditor, admin) comes with it. A token with its roles or agencies somewhere else would otherwise pass as one with none.
 */
@ApplicationScoped
public class TokenClaims implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        JsonWebToken token = of(identity);
        if (token == null) {
            return Uni.createFrom().item(identity);
        }
        String refusal = refusal(token, identity);
        return refusal == null ? Uni.createFrom().item(identity)
                : Uni.createFrom().failure(new AuthenticationFailedException(refusal));
    }

    static String refusal(JsonWebToken token, SecurityIdentity identity) {
        Object realmAccess = token.getClaim("realm_access");
        if (!(realmAccess instanceof JsonObject access) || !(access.get("roles") instanceof JsonArray roles)
                || !allStrings(roles)) {
            return "the token has no realm_access.roles array";
        }
        if (token.containsClaim("agency_codes")) {
            if (agencyCodes(token) == null) {
                return "agency_codes is not an array of agency codes";
            }
        } else if (!hasAnyRole(identity, Roles.ALL_AGENCIES_WITHOUT_CLAIM)) {
            for (String role : Roles.AGENCY_BOUND) {
                if (identity.hasRole(role)) {
                    return "a " + role + " token must name its agencies in agency_codes";
                }
            }
        }
        return null;
    }

    /**
     * The token whose claims say who the caller is: the bearer token, or in the dashboard's code flow the
     * access token of the session (the principal there is the ID token, which need not carry the realm roles;
     * the access token was verified with it, as {@code roles.source=accesstoken} makes quarkus-oidc do).
     * Null for an anonymous caller or one signed in otherwise.
     */
    public static JsonWebToken of(SecurityIdentity identity) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken principal)) {
            return null;
        }
        if (identity.getCredential(IdTokenCredential.class) == null) {
            return principal;
        }
        AccessTokenCredential access = identity.getCredential(AccessTokenCredential.class);
        if (access == null || access.getToken() == null) {
            return principal;
        }
        String[] parts = access.getToken().split("\\.");
        if (parts.length < 2) {
            return principal;
        }
        try {
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            return new DefaultJWTCallerPrincipal(access.getToken(), JwtClaims.parse(payload));
        } catch (InvalidJwtException | IllegalArgumentException e) {
            return principal;
        }
    }

    /** The agency codes of the token; null when absent or not an array of valid codes. */
    public static List<String> agencyCodes(JsonWebToken token) {
        Object claim = token.getClaim("agency_codes");
        if (!(claim instanceof JsonArray array)) {
            return null;
        }
        List<String> codes = new ArrayList<>();
        for (JsonValue value : array) {
            if (!(value instanceof JsonString string) || !Params.isAgency(string.getString())) {
                return null;
            }
            codes.add(string.getString());
        }
        return codes;
    }

    private static boolean hasAnyRole(SecurityIdentity identity, Iterable<String> roles) {
        for (String role : roles) {
            if (identity.hasRole(role)) {
                return true;
            }
        }
        return false;
    }

    private static boolean allStrings(JsonArray array) {
        for (JsonValue value : array) {
            if (value.getValueType() != JsonValue.ValueType.STRING) {
                return false;
            }
        }
        return true;
    }
}
