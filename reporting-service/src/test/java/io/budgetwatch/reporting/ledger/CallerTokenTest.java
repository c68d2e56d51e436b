package io.budgetwatch.reporting.ledger;

import io.budgetwatch.testsupport.TestTokens;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Which token goes on to execution-service: a bearer call's own, the session's access token (not its ID token). */
class CallerTokenTest {

    @Test
    void aBearerCallPassesItsOwnToken() throws Exception {
        String bearer = TestTokens.user("manager-213001").roles("manager").agencies("213001").sign();
        QuarkusSecurityIdentity identity = QuarkusSecurityIdentity.builder().setPrincipal(principal(bearer))
                .addCredential(new AccessTokenCredential(bearer)).addRole("manager").build();
        assertEquals(bearer, CallerToken.of(identity));
    }

    @Test
    void aDashboardSessionPassesItsAccessTokenNotItsIdToken() throws Exception {
        String idToken = TestTokens.user("manager-213001").claim("typ", "ID").sign();
        String accessToken = TestTokens.user("manager-213001").roles("manager").agencies("213001").sign();
        QuarkusSecurityIdentity identity = QuarkusSecurityIdentity.builder().setPrincipal(principal(idToken))
                .addCredential(new IdTokenCredential(idToken)).addCredential(new AccessTokenCredential(accessToken))
                .addRole("manager").build();
        assertEquals(accessToken, CallerToken.of(identity));
    }

    @Test
    void aSessionWithoutAnAccessTokenPassesNothingNotItsIdToken() throws Exception {
        String idToken = TestTokens.user("manager-213001").claim("typ", "ID").sign();
        QuarkusSecurityIdentity identity = QuarkusSecurityIdentity.builder().setPrincipal(principal(idToken))
                .addCredential(new IdTokenCredential(idToken)).addRole("manager").build();
        assertNull(CallerToken.of(identity));
    }

    @Test
    void anAnonymousCallerHasNone() {
        assertNull(CallerToken.of(QuarkusSecurityIdentity.builder().setAnonymous(true).build()));
    }

    private static DefaultJWTCallerPrincipal principal(String token) throws Exception {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return new DefaultJWTCallerPrincipal(token, JwtClaims.parse(payload));
    }
}
