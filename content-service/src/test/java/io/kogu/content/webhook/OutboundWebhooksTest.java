package io.kogu.content.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.kogu.content.publish.Publisher;
import io.kogu.platform.outbox.OutboxDispatcher;
import io.kogu.testsupport.Contract;
import io.kogu.testsupport.HttpReceiver;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Outbound webhooks (issue 11 item 5) on content-service, against real receivers on this machine: the events of a
 * draft's way to publication arrive signed and verifiable with the Standard Webhooks library; a failing receiver
 * gets retries on the (test-short) schedule; 410 and five days of failures disable; replays; secret rotation; the
 * endpoints API's rules. The outbox dispatcher is called by the tests (it does not poll in tests).
 */
@QuarkusTest
class OutboundWebhooksTest {

    private static final String ALL_DRAFT_AND_PUBLICATION = """
            ["draft.submitted","draft.approved","draft.changes_requested","draft.scheduled","publication.published",
             "publication.failed","publication.unconfirmed"]""";

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();
    private final List<HttpReceiver> receivers = new ArrayList<>();
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    OutboxDispatcher dispatcher;

    @Inject
    Publisher publisher;

    @Inject
    DataSource dataSource;

    @AfterEach
    void stopReceivers() {
        receivers.forEach(HttpReceiver::close);
    }

    private RequestSpecification as(String subject, String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.tokenOf(subject, workspace, roles))
                .contentType(ContentType.JSON);
    }

    private RequestSpecification badAs(String workspaceId, String... roles) {
        return given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspaceId, roles))
                .contentType(ContentType.JSON);
    }

    private HttpReceiver receiver(Integer... statuses) throws Exception {
        HttpReceiver receiver = new HttpReceiver(statuses);
        receivers.add(receiver);
        return receiver;
    }

    private String endpoint(String url, String eventTypes) {
        return as("ada", "admin").body("""
                        {"url":"%s","eventTypes":%s,"description":"CRM sync"}""".formatted(url, eventTypes))
                .post("/v1/webhook-endpoints").then().statusCode(201).extract().path("id");
    }

    private String secret(String endpoint) {
        return as("ada", "admin").get("/v1/webhook-endpoints/{id}/secret", endpoint).then().statusCode(200)
                .body("secret", containsString("whsec_")).extract().path("secret");
    }

    private String etag(String path, String id) {
        return as("ada", "admin").get(path, id).then().statusCode(200).extract().header("ETag");
    }

    private String draft(String channel) {
        return as("ann", "editor").body("""
                        {"title":"Launch","body":"Monday!","channelIds":["%s"]}""".formatted(channel))
                .post("/v1/drafts").then().statusCode(201).extract().path("id");
    }

    private void submit(String draft) {
        as("ann", "editor").header("If-Match", etag("/v1/drafts/{id}", draft)).body("{}")
                .post("/v1/drafts/{id}/submission", draft).then().statusCode(200);
    }

    private String channel(String url) {
        return as("ada", "admin").body("""
                        {"network":"webhook","handle":"@kogu-%s","timeZone":"Europe/Tallinn","connection":{"url":"%s"},
                         "credentials":{"secret":"whsec_%s"}}""".formatted(UUID.randomUUID().toString().substring(0, 8), url, java.util.Base64.getEncoder()
                        .encodeToString(new byte[24])))
                .post("/v1/channels").then().statusCode(201).extract().path("id");
    }

    /** A draft submitted: one draft.submitted event (the channel's receiver is only there to be valid). */
    private String submittedDraft() throws Exception {
        String draft = draft(channel(receiver().url()));
        submit(draft);
        return draft;
    }

    private JsonNode body(HttpReceiver.Request request) throws Exception {
        return json.readTree(request.body());
    }

    private void verify(String secret, HttpReceiver.Request request) throws WebhookVerificationException {
        new Webhook(secret).verify(request.body(), request.headers());
    }

    private void sql(String statement, Object... values) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(statement)) {
            for (int i = 0; i < values.length; i++) {
                update.setObject(i + 1, values[i]);
            }
            update.executeUpdate();
        }
    }

    @Test
    void anEndpointReceivesADraftsWayToPublicationSignedAndVerifiable() throws Exception {
        HttpReceiver hooks = receiver();
        String endpoint = endpoint(hooks.url(), ALL_DRAFT_AND_PUBLICATION);
        String secret = secret(endpoint);
        String channel = channel(receiver(201).url());
        String draft = draft(channel);
        submit(draft);
        as("bob", "approver").header("If-Match", etag("/v1/drafts/{id}", draft)).body("{\"comment\":\"Go\"}")
                .post("/v1/drafts/{id}/approvals", draft).then().statusCode(200).body("status", equalTo("approved"));
        String publication = as("bob", "approver").header("If-Match", etag("/v1/drafts/{id}", draft)).body("{}")
                .post("/v1/drafts/{id}/publish-now", draft).then().statusCode(202).extract().path("publications[0].id");
        publisher.publishDue();
        dispatcher.dispatchDue();

        assertThat(hooks.requests()).hasSize(4);
        Map<String, JsonNode> byType = new java.util.HashMap<>();
        for (HttpReceiver.Request request : hooks.requests()) {
            verify(secret, request);
            assertThat(request.header("webhook-signature")).startsWith("v1,").doesNotContain(" ");
            assertThat(Long.parseLong(request.header("webhook-timestamp")))
                    .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
            JsonNode event = body(request);
            assertThat(event.path("workspaceId").asText()).isEqualTo(workspace);
            byType.put(event.path("type").asText(), event);
        }
        assertThat(byType).containsOnlyKeys("draft.submitted", "draft.approved", "draft.scheduled", "publication.published");
        assertThat(byType.get("draft.approved").path("data").path("comment").asText()).isEqualTo("Go");
        assertThat(byType.get("draft.approved").path("data").path("actor").asText()).isEqualTo("bob");
        assertThat(byType.get("draft.scheduled").path("data").path("publications").get(0).path("publicationId").asText())
                .isEqualTo(publication);
        JsonNode published = byType.get("publication.published").path("data");
        assertThat(published.path("publicationId").asText()).isEqualTo(publication);
        assertThat(published.path("draftId").asText()).isEqualTo(draft);
        assertThat(published.path("channelId").asText()).isEqualTo(channel);
        assertThat(published.path("status").asText()).isEqualTo("published");
        assertThatThrownBy(() -> verify("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]),
                hooks.requests().get(0))).as("another secret does not verify").isInstanceOf(WebhookVerificationException.class);

        as("ada", "admin").get("/v1/webhook-endpoints/{id}/deliveries", endpoint).then().statusCode(200)
                .body("items", hasSize(4)).body("items.status", equalTo(List.of("succeeded", "succeeded", "succeeded", "succeeded")))
                .body("items.attempts", equalTo(List.of(1, 1, 1, 1))).body("items.responseStatus", hasItem(200))
                .body("items.eventType", hasItem("publication.published"));
        dispatcher.dispatchDue();
        assertThat(hooks.requests()).as("delivered once").hasSize(4);
    }

    @Test
    void anEndpointGetsOnlyTheTypesItChoseAndADisabledOneNothing() throws Exception {
        HttpReceiver approvals = receiver();
        endpoint(approvals.url(), "[\"draft.approved\"]");
        HttpReceiver off = receiver();
        as("ada", "admin").body("""
                {"url":"%s","eventTypes":["draft.submitted"],"enabled":false}""".formatted(off.url()))
                .post("/v1/webhook-endpoints").then().statusCode(201).body("enabled", equalTo(false));
        submittedDraft();
        dispatcher.dispatchDue();
        assertThat(approvals.requests()).isEmpty();
        assertThat(off.requests()).isEmpty();
    }

    @Test
    void aReceiverAnswering500IsRetriedOnTheScheduleThenTheDeliveryFails() throws Exception {
        // The test schedule (application.properties): at once, 1 s later, 2 s after that; then given up.
        HttpReceiver failing = receiver(500);
        String endpoint = endpoint(failing.url(), "[\"draft.submitted\"]");
        submittedDraft();
        dispatcher.dispatchDue();
        assertThat(failing.requests()).hasSize(1);
        var pending = as("ada", "admin").get("/v1/webhook-endpoints/{id}/deliveries", endpoint).then().statusCode(200)
                .body("items[0].status", equalTo("pending")).body("items[0].attempts", equalTo(1))
                .body("items[0].responseStatus", equalTo(500)).body("items[0].lastError", containsString("500"))
                .extract();
        assertThat(Duration.between(java.time.OffsetDateTime.parse(pending.path("items[0].lastAttemptAt")),
                java.time.OffsetDateTime.parse(pending.path("items[0].nextAttemptAt")))).isEqualTo(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            dispatcher.dispatchDue();
            assertThat(failing.requests()).hasSize(3);
        });
        List<HttpReceiver.Request> attempts = failing.requests();
        assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(Duration.between(attempts.get(1).at(), attempts.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(1950));
        assertThat(attempts).extracting(r -> r.header("webhook-id")).as("one event id on every attempt")
                .containsOnly(attempts.get(0).header("webhook-id"));
        as("ada", "admin").get("/v1/webhook-endpoints/{id}/deliveries", endpoint).then().statusCode(200)
                .body("items[0].status", equalTo("failed")).body("items[0].attempts", equalTo(3))
                .body("items[0].lastError", containsString("no attempt left"));
        as("ada", "admin").get("/v1/webhook-endpoints/{id}", endpoint).then().statusCode(200)
                .body("enabled", equalTo(true)).body("failingSince", notNullValue());
        // Given up: however often the dispatcher runs for the next 2 s, no fourth attempt.
        await().during(Duration.ofMillis(2100)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    dispatcher.dispatchDue();
                    return failing.requests().size() == 3;
                });
        assertThat(failing.requests()).as("given up").hasSize(3);

        // A success ends the failure streak.
        failing.then(200);
        submittedDraft();
        dispatcher.dispatchDue();
        as("ada", "admin").get("/v1/webhook-endpoints/{id}", endpoint).then().body("failingSince", nullValue());
    }

    @Test
    void gone410DisablesTheEndpointAtOnce() throws Exception {
        HttpReceiver gone = receiver(410);
        String endpoint = endpoint(gone.url(), "[\"draft.submitted\"]");
        submittedDraft();
        dispatcher.dispatchDue();
        assertThat(gone.requests()).hasSize(1);
        as("ada", "admin").get("/v1/webhook-endpoints/{id}", endpoint).then().statusCode(200)
                .body("enabled", equalTo(false)).body("disabledReason", equalTo("gone"));
        as("ada", "admin").get("/v1/webhook-endpoints/{id}/deliveries", endpoint).then()
                .body("items[0].status", equalTo("failed")).body("items[0].responseStatus", equalTo(410));
        submittedDraft();
        dispatcher.dispatchDue();
        assertThat(gone.requests()).as("a disabled endpoint gets nothing").hasSize(1);
        as("ada", "admin").get("/v1/webhook-endpoints/{id}/deliveries", endpoint).then().body("items", hasSize(1));

        // Enabled again by a person: the reason goes.
        as("ada", "admin").header("If-Match", etag("/v1/webhook-endpoints/{id}", endpoint))
                .body("{\"url\":\"%s\",\"eventTypes\":[\"draft.submitted\"],\"enabled\":true}".formatted(gone.url()))
                .put("/v1/webhook-endpoints/{id}", endpoint).then().statusCode(200)
                .body("enabled", equalTo(true)).body("disabledReason", nullValue());
    }

    @Test
    void anEndpointFailingForFiveDaysIsDisabled() throws Exception {
        HttpReceiver failing = receiver(503);
        String endpoint = endpoint(failing.url(), "[\"draft.submitted\"]");
        sql("update webhook_endpoint set failing_since = now() - interval '5 days 1 minute' where id = ?", UUID.fromString(endpoint));
        submittedDraft();
        dispatcher.dispatchDue();
        as("ada", "admin").get("/v1/webhook-endpoints/{id}", endpoint).then().statusCode(200)
                .body("enabled", equalTo(false)).body("disabledReason", equalTo("failing"));
        as("ada", "admin").get("/v1/webhook-endpoints/{id}/deliveries", endpoint).then()
                .body("items[0].status", equalTo("failed")).body("items[0].lastError", containsString("disabled"));
    }

    @Test
    void aDeliveryOrEverythingSinceATimeIsReplayedWithTheSameEventId() throws Exception {
        HttpReceiver hooks = receiver();
        String endpoint = endpoint(hooks.url(), "[\"draft.submitted\"]");
        String before = java.time.OffsetDateTime.now().minusMinutes(1).toString();
        submittedDraft();
        submittedDraft();
        dispatcher.dispatchDue();
        assertThat(hooks.requests()).hasSize(2);
        String first = as("ada", "admin").get("/v1/webhook-endpoints/{id}/deliveries", endpoint).then()
                .extract().path("items[1].id");
        String firstEvent = as("ada", "admin").get("/v1/webhook-endpoints/{id}/deliveries", endpoint).then()
                .extract().path("items[1].eventId");

        as("ada", "admin").body("{\"deliveryId\":\"%s\"}".formatted(first))
                .post("/v1/webhook-endpoints/{id}/replays", endpoint).then().statusCode(202).body("replayed", equalTo(1));
        dispatcher.dispatchDue();
        assertThat(hooks.requests()).hasSize(3);
        assertThat(hooks.requests().get(2).header("webhook-id")).isEqualTo(firstEvent);
        assertThat(hooks.requests().get(2).body()).isEqualTo(hooks.requests().stream()
                .filter(r -> r.header("webhook-id").equals(firstEvent)).findFirst().orElseThrow().body());
        as("ada", "admin").get("/v1/webhook-endpoints/{id}/deliveries", endpoint).then()
                .body("items", hasSize(3)).body("items[0].replayOf", equalTo(first)).body("items[0].status", equalTo("succeeded"));

        as("ada", "admin").body("{\"since\":\"%s\"}".formatted(before))
                .post("/v1/webhook-endpoints/{id}/replays", endpoint).then().statusCode(202).body("replayed", equalTo(2));
        dispatcher.dispatchDue();
        assertThat(hooks.requests()).hasSize(5);

        badAs(workspace, "admin").body("{}").post("/v1/webhook-endpoints/{id}/replays", endpoint).then().statusCode(400);
        badAs(workspace, "admin").body("{\"deliveryId\":\"%s\"}".formatted(UUID.randomUUID()))
                .post("/v1/webhook-endpoints/{id}/replays", endpoint).then().statusCode(404);
        sql("update webhook_endpoint set enabled = false where id = ?", UUID.fromString(endpoint));
        badAs(workspace, "admin").body("{\"deliveryId\":\"%s\"}".formatted(first))
                .post("/v1/webhook-endpoints/{id}/replays", endpoint).then().statusCode(409)
                .body("detail", containsString("disabled"));
    }

    @Test
    void afterARotationBothSecretsSignForADayThenOnlyTheNewOne() throws Exception {
        HttpReceiver hooks = receiver();
        String endpoint = endpoint(hooks.url(), "[\"draft.submitted\"]");
        String old = secret(endpoint);
        String version = etag("/v1/webhook-endpoints/{id}", endpoint);
        String fresh = as("ada", "admin").post("/v1/webhook-endpoints/{id}/secret-rotations", endpoint).then()
                .statusCode(200).body("previousSecretExpiresAt", notNullValue()).extract().path("secret");
        assertThat(fresh).isNotEqualTo(old).startsWith("whsec_");
        assertThat(secret(endpoint)).isEqualTo(fresh);
        java.time.OffsetDateTime expires = java.time.OffsetDateTime.parse(as("ada", "admin")
                .get("/v1/webhook-endpoints/{id}", endpoint).then().extract().path("previousSecretExpiresAt"));
        assertThat(Duration.between(Instant.now(), expires.toInstant())).isBetween(Duration.ofHours(23), Duration.ofHours(24));
        assertThat(etag("/v1/webhook-endpoints/{id}", endpoint)).isNotEqualTo(version);

        submittedDraft();
        dispatcher.dispatchDue();
        HttpReceiver.Request overlap = hooks.requests().get(0);
        assertThat(overlap.header("webhook-signature").split(" ")).hasSize(2);
        verify(fresh, overlap);
        verify(old, overlap);

        sql("update webhook_endpoint set previous_secret_expires_at = now() - interval '1 second' where id = ?",
                UUID.fromString(endpoint));
        submittedDraft();
        dispatcher.dispatchDue();
        HttpReceiver.Request after = hooks.requests().get(1);
        assertThat(after.header("webhook-signature").split(" ")).hasSize(1);
        verify(fresh, after);
        assertThatThrownBy(() -> verify(old, after)).isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void theEndpointsApiFollowsTheConventions() throws Exception {
        String url = receiver().url();
        var created = as("ada", "admin").body("""
                        {"url":"%s","eventTypes":["publication.published","publication.failed"]}""".formatted(url))
                .post("/v1/webhook-endpoints").then().statusCode(201)
                .header("ETag", equalTo("\"1\"")).header("Location", containsString("/v1/webhook-endpoints/"))
                .body("enabled", equalTo(true)).body("version", equalTo(1)).body("secret", nullValue())
                .body("eventTypes", equalTo(List.of("publication.published", "publication.failed")));
        String id = created.extract().path("id");
        endpoint(url, "[\"draft.approved\"]");
        String cursor = as("ada", "admin").queryParam("limit", 1).get("/v1/webhook-endpoints").then().statusCode(200)
                .body("items", hasSize(1)).body("nextCursor", notNullValue()).extract().path("nextCursor");
        as("ada", "admin").queryParam("limit", 1).queryParam("cursor", cursor).get("/v1/webhook-endpoints").then()
                .statusCode(200).body("items[0].id", equalTo(id)).body("nextCursor", nullValue());

        String body = "{\"url\":\"%s\",\"eventTypes\":[\"draft.approved\"],\"description\":\"Slack\"}".formatted(url);
        badAs(workspace, "admin").body(body).put("/v1/webhook-endpoints/{id}", id).then().statusCode(428);
        badAs(workspace, "admin").header("If-Match", "\"7\"").body(body).put("/v1/webhook-endpoints/{id}", id).then()
                .statusCode(412);
        as("ada", "admin").header("If-Match", "\"1\"").body(body).put("/v1/webhook-endpoints/{id}", id).then()
                .statusCode(200).header("ETag", equalTo("\"2\"")).body("description", equalTo("Slack"))
                .body("eventTypes", equalTo(List.of("draft.approved")));

        badAs(workspace, "admin").body("{\"url\":\"%s\",\"eventTypes\":[\"member.created\"]}".formatted(url))
                .post("/v1/webhook-endpoints").then().statusCode(400).body("errors.field", hasItem("eventTypes"))
                .body("detail", containsString("draft.submitted"));
        badAs(workspace, "admin").body("{\"url\":\"ftp://example.com/x\",\"eventTypes\":[\"draft.approved\"]}")
                .post("/v1/webhook-endpoints").then().statusCode(400).body("errors.field", hasItem("url"));
        badAs(workspace, "admin").body("{\"url\":\"%s\",\"eventTypes\":[\"draft.nonsense\"]}".formatted(url))
                .post("/v1/webhook-endpoints").then().statusCode(400);
        badAs(workspace, "admin").body("{\"url\":\"%s\",\"eventTypes\":[]}".formatted(url))
                .post("/v1/webhook-endpoints").then().statusCode(400);

        // Roles and workspaces.
        given().filter(contract.responsesOnly()).get("/v1/webhook-endpoints").then().statusCode(401);
        given().filter(contract.responsesOnly()).get("/v1/webhook-endpoints/{id}/secret", id).then().statusCode(401);
        badAs(workspace, "editor").get("/v1/webhook-endpoints").then().statusCode(403);
        badAs(workspace, "approver").get("/v1/webhook-endpoints/{id}/secret", id).then().statusCode(403);
        badAs(workspace, "integration").body(body).post("/v1/webhook-endpoints").then().statusCode(403);
        String other = TestTokens.newWorkspace();
        badAs(other, "admin").get("/v1/webhook-endpoints/{id}", id).then().statusCode(404);
        badAs(other, "admin").get("/v1/webhook-endpoints/{id}/secret", id).then().statusCode(404);
        badAs(other, "admin").post("/v1/webhook-endpoints/{id}/secret-rotations", id).then().statusCode(404);
        badAs(other, "admin").get("/v1/webhook-endpoints/{id}/deliveries", id).then().statusCode(404);
        badAs(other, "admin").header("If-Match", "\"2\"").body(body).put("/v1/webhook-endpoints/{id}", id).then().statusCode(404);
        badAs(other, "admin").header("If-Match", "\"2\"").delete("/v1/webhook-endpoints/{id}", id).then().statusCode(404);
        badAs(other, "admin").get("/v1/webhook-endpoints").then().statusCode(200).body("items", hasSize(0));

        as("vic", "viewer").get("/v1/webhook-event-types").then().statusCode(200).body("items", hasSize(9))
                .body("items.type", hasItem("publication.unconfirmed")).body("items.type", hasItem("monitor.matched")).body("items.dataSchema", hasItem("WebhookPublicationData"));

        badAs(workspace, "admin").delete("/v1/webhook-endpoints/{id}", id).then().statusCode(428);
        as("ada", "admin").header("If-Match", "\"2\"").delete("/v1/webhook-endpoints/{id}", id).then().statusCode(204);
        badAs(workspace, "admin").get("/v1/webhook-endpoints/{id}", id).then().statusCode(404);
    }
}
