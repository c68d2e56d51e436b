package io.budgetwatch.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The realm of deploy/keycloak/budgetwatch-realm.json in the Keycloak of the local stack (the same distribution and
 * build): the tokens carry what the services will check. One server for the class.
 */
class KeycloakServerTest {

    private static KeycloakServer keycloak;

    @BeforeAll
    static void start() {
        keycloak = KeycloakServer.start();
    }

    @AfterAll
    static void stop() {
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void aManagerOfOneAgencyGetsItsAgencyCodesRoleAudienceAndIssuer() {
        JsonNode tokens = keycloak.userTokens("manager-213001");
        JsonNode access = KeycloakServer.claims(tokens.path("access_token").asText());

        assertEquals(keycloak.issuer(), access.path("iss").asText());
        assertEquals("http://localhost:" + keycloak.port() + "/realms/budgetwatch", access.path("iss").asText());
        // a JSON array even with one value: the attribute is declared multivalued in the user profile
        assertTrue(access.path("agency_codes").isArray(), access.toString());
        assertEquals(List.of("213001"), texts(access.path("agency_codes")));
        assertTrue(texts(access.path("realm_access").path("roles")).contains("manager"), access.toString());
        assertFalse(texts(access.path("realm_access").path("roles")).contains("planner"), access.toString());
        assertTrue(audience(access).contains(KeycloakServer.AUDIENCE), access.toString());
        assertEquals("manager-213001", access.path("preferred_username").asText());

        JsonNode id = KeycloakServer.claims(tokens.path("id_token").asText());
        assertEquals(List.of("213001"), texts(id.path("agency_codes")));
        assertEquals(keycloak.issuer(), id.path("iss").asText());
    }

    @Test
    void theTreasuryClientGetsAServiceAccountTokenWithTheTreasuryRole() {
        JsonNode access = KeycloakServer.claims(keycloak.treasuryAccessToken());

        assertEquals(keycloak.issuer(), access.path("iss").asText());
        assertEquals("treasury", access.path("azp").asText());
        assertTrue(texts(access.path("realm_access").path("roles")).contains("treasury"), access.toString());
        assertTrue(audience(access).contains(KeycloakServer.AUDIENCE), access.toString());
        assertTrue(access.path("agency_codes").isMissingNode(), access.toString());
    }

    @Test
    void aSupervisorHasNoAgencyCodesAndAWrongSecretGetsNoToken() {
        JsonNode supervisor = KeycloakServer.claims(keycloak.userAccessToken("supervisor"));
        assertTrue(supervisor.path("agency_codes").isMissingNode(), supervisor.toString());
        assertTrue(texts(supervisor.path("realm_access").path("roles")).contains("supervisor"), supervisor.toString());

        HttpResponse<String> wrongPassword = keycloak.postToken(Map.of("grant_type", "password",
                "client_id", KeycloakServer.CLI_CLIENT, "username", "manager-213001",
                // the placeholder of the realm file is never a password
                "password", "${BUDGETWATCH_DEMO_PASSWORD}"), null);
        assertEquals(401, wrongPassword.statusCode(), wrongPassword.body());
        HttpResponse<String> wrongSecret = keycloak.postToken(Map.of("grant_type", "client_credentials"),
                "treasury:${BUDGETWATCH_TREASURY_SECRET}");
        assertEquals(401, wrongSecret.statusCode(), wrongSecret.body());
        // the treasury client has no password grant, the CLI client no client credentials
        HttpResponse<String> cliAsMachine = keycloak.postToken(Map.of("grant_type", "client_credentials",
                "client_id", KeycloakServer.CLI_CLIENT), null);
        assertEquals(401, cliAsMachine.statusCode(), cliAsMachine.body());
    }

    private static List<String> audience(JsonNode claims) {
        JsonNode aud = claims.path("aud");
        return aud.isArray() ? texts(aud) : List.of(aud.asText());
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
