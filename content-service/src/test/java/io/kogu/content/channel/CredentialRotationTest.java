package io.kogu.content.channel;

import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The test configuration has two keys, newest first (src/test/resources/application.properties). */
@QuarkusTest
class CredentialRotationTest {

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    @Inject
    ChannelService channels;

    @Inject
    CredentialRotation rotation;

    @Inject
    EntityManager entityManager;

    @ConfigProperty(name = "kogu.content.credentials.keys")
    List<String> keys;

    @Test
    void credentialsSealedWithAnOlderKeyAreReSealedWithTheNewestAndStillOpen() {
        String id = given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, "admin"))
                .contentType(ContentType.JSON)
                .body("{\"network\":\"x\",\"handle\":\"@rotate\",\"timeZone\":\"UTC\",\"credentials\":{\"accessToken\":\"t1\"}}")
                .post("/v1/channels").then().statusCode(201).extract().path("id");
        UUID channel = UUID.fromString(id);
        assertThat(keyIdOf(channel)).isEqualTo("test-2026");

        // As if it had been sealed before the rotation: with the older key.
        CredentialCipher older = new CredentialCipher(CredentialKeys.of(keys.get(1)));
        sealAgain(channel, older.seal(Map.of("accessToken", "t1"), workspace + "/channel/" + channel));
        assertThat(keyIdOf(channel)).isEqualTo("test-2025");
        assertThat(channels.credentials(workspace, channel)).isEqualTo(Map.of("accessToken", "t1"));
        long version = channels.get(workspace, channel).version;
        // And a channel whose id is among the smallest uuids (PostgreSQL orders them as unsigned bytes).
        UUID low = UUID.fromString("00000000-0000-4000-8000-" + String.format("%012x", System.nanoTime() & 0xffffffffffffL));
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                insert into channel (id, workspace_id, network, handle, time_zone, version, created_at, updated_at)
                values (?1, ?2, 'bluesky', 'low.example', 'UTC', 0, now(), now())""")
                .setParameter(1, low).setParameter(2, workspace).executeUpdate());
        sealAgain(low, older.seal(Map.of("appPassword", "t2"), workspace + "/channel/" + low));

        assertThat(rotation.resealAll()).isGreaterThanOrEqualTo(2);
        assertThat(keyIdOf(channel)).isEqualTo("test-2026");
        assertThat(keyIdOf(low)).isEqualTo("test-2026");
        assertThat(channels.credentials(workspace, channel)).isEqualTo(Map.of("accessToken", "t1"));
        assertThat(channels.credentials(workspace, low)).isEqualTo(Map.of("appPassword", "t2"));
        assertThat(channels.get(workspace, channel).version).isEqualTo(version);
    }

    void sealAgain(UUID channel, CredentialCipher.Sealed sealed) {
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("update channel set credentials = ?1, credentials_key_id = ?2 where id = ?3")
                .setParameter(1, sealed.bytes()).setParameter(2, sealed.keyId()).setParameter(3, channel).executeUpdate());
    }

    String keyIdOf(UUID channel) {
        return (String) entityManager.createNativeQuery("select credentials_key_id from channel where id = ?1")
                .setParameter(1, channel).getSingleResult();
    }
}
