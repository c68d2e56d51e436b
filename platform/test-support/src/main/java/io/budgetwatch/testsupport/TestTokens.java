package io.budgetwatch.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Access tokens for tests, signed with a key pair made once per JVM (nothing secret is in the
 * repository). The services' tests verify them with {@link #publicKey()} (set by SuiteTestResource as
 * {@code quarkus.oidc.public-key}), issuer {@link #ISSUER} and audience {@link #AUDIENCE}, the same
 * checks as against Keycloak. The claims have Keycloak's shape: realm roles in
 * {@code realm_access.roles}, agencies in {@code agency_codes}.
 */
public final class TestTokens {

    public static final String ISSUER = "https://issuer.test.budgetwatch/realms/budgetwatch";
    public static final String AUDIENCE = "budgetwatch";
    /** Every realm role: what the tests that are not about access use. */
    public static final List<String> ALL_ROLES = List.of("treasury", "planner", "manager", "supervisor", "auditor",
            "admin");

    /** System property holding the key pair, so every class loader of the test JVM signs with the same key. */
    private static final String KEYS_PROPERTY = "budgetwatch.test-tokens.key-pair";
    private static final KeyPair KEYS = sharedKeyPair();
    private static final KeyPair OTHER_KEYS = keyPair();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private TestTokens() {
    }

    /** The verification key, base64 of its X.509 encoding (the form quarkus.oidc.public-key takes). */
    public static String publicKey() {
        return Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded());
    }

    /** A token with every role and no agency claim (all agencies): for tests that are not about access. */
    public static String superuser() {
        return user("test-superuser").roles(ALL_ROLES).expiresIn(3600).sign();
    }

    /**
     * The settings that make a service verify tokens as these: the public key instead of the provider's
     * keys (no connection to a provider), this issuer and audience. The dashboard's code flow (reporting-service's
     * tenant {@code dashboard}) needs a real provider: off here, on in the system test with Keycloak.
     */
    public static Map<String, String> serviceConfig() {
        // An empty provider URL is what makes quarkus-oidc verify with the public key alone
        return Map.of("quarkus.oidc.auth-server-url", "",
                "quarkus.oidc.public-key", publicKey(),
                "quarkus.oidc.token.issuer", ISSUER,
                "quarkus.oidc.token.audience", AUDIENCE,
                "quarkus.oidc.dashboard.tenant-enabled", "false");
    }

    public static Builder user(String username) {
        return new Builder(username);
    }

    /**
     * Tokens every service must refuse with 401, by flaw: each is the token of {@code manager-213001} (role
     * manager, agency 213001) but for one thing (expired, another key, issuer or audience, {@code alg: none},
     * roles or agencies in the wrong claim or shape, not a JWT at all).
     */
    public static Map<String, String> flawedManagerTokens() {
        java.util.function.Supplier<Builder> manager = () -> user("manager-213001").roles("manager").agencies("213001");
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("expired a minute ago", manager.get().expiredSecondsAgo(60).sign());
        tokens.put("signed with another key", manager.get().signedWithAnotherKey().sign());
        tokens.put("another issuer", manager.get().claim("iss", "https://evil.example/realms/budgetwatch").sign());
        tokens.put("another audience", manager.get().claim("aud", List.of("someone-else")).sign());
        tokens.put("alg none", manager.get().unsigned().sign());
        tokens.put("roles at the top level, not in realm_access",
                manager.get().claim("realm_access", null).claim("roles", List.of("manager")).sign());
        tokens.put("roles as groups", manager.get().claim("realm_access", null).claim("groups", List.of("manager")).sign());
        tokens.put("agencies in another claim", manager.get().claim("agency_codes", null).claim("agency", "213001").sign());
        tokens.put("agencies as a string", manager.get().claim("agency_codes", "213001").sign());
        tokens.put("an agency code that is no code", manager.get().claim("agency_codes", List.of("213001' OR 1=1")).sign());
        tokens.put("not a token", "not.a.token");
        tokens.put("garbage", "%%%");
        return tokens;
    }

    /** A token being made; {@link #sign()} gives the compact JWT. */
    public static final class Builder {
        private final Map<String, Object> header = new LinkedHashMap<>();
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private PrivateKey key = KEYS.getPrivate();
        private boolean unsigned;

        private Builder(String username) {
            header.put("alg", "RS256");
            header.put("typ", "JWT");
            long now = Instant.now().getEpochSecond();
            claims.put("iss", ISSUER);
            claims.put("sub", UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8)).toString());
            claims.put("aud", List.of(AUDIENCE, "account"));
            claims.put("iat", now);
            claims.put("exp", now + 600);
            claims.put("preferred_username", username);
            claims.put("name", username);
            claims.put("realm_access", Map.of("roles", List.of()));
        }

        public Builder roles(String... roles) {
            return roles(List.of(roles));
        }

        public Builder roles(List<String> roles) {
            claims.put("realm_access", Map.of("roles", new ArrayList<>(roles)));
            return this;
        }

        /** The agencies of the user ({@code agency_codes}, always an array as Keycloak's mapper writes it). */
        public Builder agencies(String... codes) {
            claims.put("agency_codes", List.of(codes));
            return this;
        }

        public Builder claim(String name, Object value) {
            if (value == null) {
                claims.remove(name);
            } else {
                claims.put(name, value);
            }
            return this;
        }

        public Builder expiresIn(long seconds) {
            claims.put("exp", Instant.now().getEpochSecond() + seconds);
            return this;
        }

        public Builder expiredSecondsAgo(long seconds) {
            long now = Instant.now().getEpochSecond();
            claims.put("iat", now - seconds - 600);
            claims.put("exp", now - seconds);
            return this;
        }

        /** Signed with another key than the one the services trust. */
        public Builder signedWithAnotherKey() {
            key = OTHER_KEYS.getPrivate();
            return this;
        }

        /** {@code alg: none} and no signature. */
        public Builder unsigned() {
            header.put("alg", "none");
            unsigned = true;
            return this;
        }

        public String sign() {
            try {
                String input = B64.encodeToString(JSON.writeValueAsBytes(header)) + "."
                        + B64.encodeToString(JSON.writeValueAsBytes(claims));
                if (unsigned) {
                    return input + ".";
                }
                Signature signature = Signature.getInstance("SHA256withRSA");
                signature.initSign(key);
                signature.update(input.getBytes(StandardCharsets.US_ASCII));
                return input + "." + B64.encodeToString(signature.sign());
            } catch (Exception e) {
                throw new IllegalStateException("test token cannot be made", e);
            }
        }
    }

    /**
     * The JVM's signing key pair. A {@code @QuarkusTest} loads this class in more than one class loader
     * (the test's and the test resources'), each with its own statics; the system property is the one
     * place they share.
     */
    private static KeyPair sharedKeyPair() {
        synchronized (System.getProperties()) {
            String stored = System.getProperty(KEYS_PROPERTY);
            try {
                KeyFactory factory = KeyFactory.getInstance("RSA");
                if (stored != null) {
                    String[] parts = stored.split(":");
                    Base64.Decoder decoder = Base64.getDecoder();
                    return new KeyPair(
                            factory.generatePublic(new X509EncodedKeySpec(decoder.decode(parts[1]))),
                            factory.generatePrivate(new PKCS8EncodedKeySpec(decoder.decode(parts[0]))));
                }
                KeyPair made = keyPair();
                Base64.Encoder encoder = Base64.getEncoder();
                System.setProperty(KEYS_PROPERTY, encoder.encodeToString(made.getPrivate().getEncoded()) + ":"
                        + encoder.encodeToString(made.getPublic().getEncoded()));
                return made;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
