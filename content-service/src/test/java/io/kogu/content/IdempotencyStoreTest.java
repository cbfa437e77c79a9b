package io.kogu.content;

import io.kogu.platform.idempotency.Idempotency;
import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** The Idempotency-Key store (platform Idempotency): no plain hash of bodies, and rows that expire. */
@QuarkusTest
class IdempotencyStoreTest {

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();

    @Inject
    EntityManager entityManager;

    @Inject
    Idempotency idempotency;

    private RequestSpecification as(String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, roles)).contentType(ContentType.JSON);
    }

    private List<String> storedHashes(String key) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                        "select request_hash from idempotency_key where workspace_id = ?1 and idempotency_key = ?2", String.class)
                .setParameter(1, workspace).setParameter(2, key).getResultList());
    }

    private void age(String key, String interval) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "update idempotency_key set created_at = now() - cast(?3 as interval) where workspace_id = ?1 and idempotency_key = ?2")
                .setParameter(1, workspace).setParameter(2, key).setParameter(3, interval).executeUpdate());
    }

    @Test
    void aBodyWithCredentialsIsRememberedAsAnHmacNotAPlainHash() {
        String key = UUID.randomUUID().toString();
        String body = """
                {"network":"mastodon","handle":"@kogu@mastodon.social","displayName":"Kogu","timeZone":"Europe/Tallinn",
                 "credentials":{"accessToken":"tok-%s"}}""".formatted(UUID.randomUUID());
        String id = as("admin").header("Idempotency-Key", key).body(body).post("/v1/channels").then().statusCode(201)
                .extract().path("id");
        assertThat(storedHashes(key)).singleElement().asString().startsWith("hmac-sha256:").hasSize(12 + 64);
        // It still does its job: the same body replays, another body is refused.
        as("admin").header("Idempotency-Key", key).body(body).post("/v1/channels").then().statusCode(201)
                .body("id", equalTo(id));
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspace, "admin"))
                .contentType(ContentType.JSON).header("Idempotency-Key", key).body(body.replace("Kogu\"", "Other\""))
                .post("/v1/channels").then().statusCode(422);
    }

    @Test
    void anIdempotencyKeyOlderThanItsTtlIsForgotten() {
        String key = UUID.randomUUID().toString();
        String first = as("editor").header("Idempotency-Key", key).body("{\"title\":\"Yesterday\"}").post("/v1/drafts")
                .then().statusCode(201).extract().path("id");
        age(key, "25 hours");
        String second = as("editor").header("Idempotency-Key", key).body("{\"title\":\"Today\"}").post("/v1/drafts")
                .then().statusCode(201).body("title", equalTo("Today")).extract().path("id");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void theCleanupDeletesExpiredKeysAndKeepsFreshOnes() {
        String old = UUID.randomUUID().toString();
        String fresh = UUID.randomUUID().toString();
        as("editor").header("Idempotency-Key", old).body("{\"title\":\"Old\"}").post("/v1/drafts").then().statusCode(201);
        as("editor").header("Idempotency-Key", fresh).body("{\"title\":\"Fresh\"}").post("/v1/drafts").then().statusCode(201);
        age(old, "25 hours");
        assertThat(idempotency.deleteExpired()).isGreaterThanOrEqualTo(1);
        assertThat(storedHashes(old)).isEmpty();
        assertThat(storedHashes(fresh)).hasSize(1);
    }
}
