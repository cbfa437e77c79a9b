package io.kogu.audience;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/**
 * Outbound webhooks (issue 11 item 5) on audience-service, the platform's one implementation: member.created,
 * member.erased and import.finished reach a real receiver signed with Standard Webhooks, with ids and counts only
 * (no personal data); the endpoints API's roles, workspaces and event types.
 */
@QuarkusTest
class OutboundWebhooksTest {

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();
    private final List<HttpReceiver> receivers = new ArrayList<>();
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    OutboxDispatcher dispatcher;

    @Inject
    io.kogu.audience.segment.SegmentSizes sizes;

    @AfterEach
    void stopReceivers() {
        receivers.forEach(HttpReceiver::close);
    }

    private RequestSpecification as(String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, roles)).contentType(ContentType.JSON);
    }

    private RequestSpecification badAs(String workspaceId, String... roles) {
        return given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(workspaceId, roles))
                .contentType(ContentType.JSON);
    }

    private HttpReceiver receiver() throws Exception {
        HttpReceiver receiver = new HttpReceiver();
        receivers.add(receiver);
        return receiver;
    }

    private String endpoint(String url, String eventTypes) {
        return as("admin").body("{\"url\":\"%s\",\"eventTypes\":%s}".formatted(url, eventTypes))
                .post("/v1/webhook-endpoints").then().statusCode(201).extract().path("id");
    }

    private JsonNode verified(String secret, HttpReceiver.Request request) throws Exception {
        new Webhook(secret).verify(request.body(), request.headers());
        return json.readTree(request.body());
    }

    @Test
    void membersCreatedAndErasedArriveSignedWithTheirIdsOnly() throws Exception {
        HttpReceiver hooks = receiver();
        String endpoint = endpoint(hooks.url(), "[\"member.created\",\"member.erased\"]");
        String secret = as("admin").get("/v1/webhook-endpoints/{id}/secret", endpoint).then().statusCode(200)
                .extract().path("secret");
        String ann = as("editor").body("{\"displayName\":\"Ann Secret\",\"email\":\"ann.secret@example.com\"}")
                .post("/v1/members").then().statusCode(201).extract().path("id");
        dispatcher.dispatchDue();
        assertThat(hooks.requests()).hasSize(1);
        JsonNode created = verified(secret, hooks.requests().get(0));
        assertThat(created.path("type").asText()).isEqualTo("member.created");
        assertThat(created.path("data").path("memberId").asText()).isEqualTo(ann);
        assertThat(created.path("data").path("source").asText()).isEqualTo("api");
        assertThat(hooks.requests().get(0).body()).doesNotContain("ann.secret").doesNotContain("Ann Secret");

        as("admin").post("/v1/members/{id}/erasures", ann).then().statusCode(200);
        dispatcher.dispatchDue();
        assertThat(hooks.requests()).hasSize(2);
        JsonNode erased = verified(secret, hooks.requests().get(1));
        assertThat(erased.path("type").asText()).isEqualTo("member.erased");
        assertThat(erased.path("data").path("memberId").asText()).isEqualTo(ann);
        as("admin").get("/v1/webhook-endpoints/{id}/deliveries", endpoint).then().statusCode(200)
                .body("items", hasSize(2)).body("items.status", equalTo(List.of("succeeded", "succeeded")));
    }

    @Test
    void aMemberImportSendsImportFinishedOnceInsteadOfAnEventPerRow() throws Exception {
        HttpReceiver hooks = receiver();
        String endpoint = endpoint(hooks.url(), "[\"member.created\",\"import.finished\"]");
        String secret = as("admin").get("/v1/webhook-endpoints/{id}/secret", endpoint).then().extract().path("secret");
        String location = given().filter(contract.full()).auth().oauth2(TestTokens.token(workspace, "integration"))
                .contentType("application/x-ndjson").body("""
                        {"displayName":"Ann","externalId":"crm-1"}
                        {"displayName":"Bo","externalId":"crm-2"}
                        """.getBytes(StandardCharsets.UTF_8)).post("/v1/member-imports").then().statusCode(202)
                .extract().header("Location");
        String path = location.substring(location.indexOf("/v1/"));
        String importId = path.substring(path.lastIndexOf('/') + 1);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> java.util.Set.of("completed", "failed").contains(as("viewer").get(path).then().statusCode(200).extract().path("status")));
        dispatcher.dispatchDue();
        assertThat(hooks.requests()).hasSize(1);
        JsonNode finished = verified(secret, hooks.requests().get(0));
        assertThat(finished.path("type").asText()).isEqualTo("import.finished");
        assertThat(finished.path("data").path("importId").asText()).isEqualTo(importId);
        assertThat(finished.path("data").path("kind").asText()).isEqualTo("members");
        assertThat(finished.path("data").path("status").asText()).isEqualTo("completed");
        assertThat(finished.path("data").path("processed").asLong()).isEqualTo(2);
    }

    @Test
    void aSegmentWhoseDailyCountChangedIsReported() throws Exception {
        HttpReceiver hooks = receiver();
        endpoint(hooks.url(), "[\"segment.size_changed\"]");
        String tag = "t" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String segment = as("admin").body("{\"name\":\"Fans\",\"rule\":{\"field\":\"tags\",\"operator\":\"hasAny\",\"values\":[\"%s\"]}}"
                .formatted(tag)).post("/v1/segments").then().statusCode(201).extract().path("id");
        java.time.LocalDate day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(400);
        sizes.countAll(day);
        sizes.countAll(day.plusDays(1));
        dispatcher.dispatchDue();
        assertThat(hooks.requests()).as("the same count is no change").isEmpty();
        as("editor").body("{\"displayName\":\"Ann\",\"tags\":[\"%s\"]}".formatted(tag)).post("/v1/members").then()
                .statusCode(201);
        sizes.countAll(day.plusDays(2));
        dispatcher.dispatchDue();
        assertThat(hooks.requests()).hasSize(1);
        JsonNode changed = json.readTree(hooks.requests().get(0).body());
        assertThat(changed.path("type").asText()).isEqualTo("segment.size_changed");
        assertThat(changed.path("data").path("segmentId").asText()).isEqualTo(segment);
        assertThat(changed.path("data").path("size").asLong()).isEqualTo(1);
        assertThat(changed.path("data").path("previousSize").asLong()).isEqualTo(0);
    }

    @Test
    void theEndpointsApiIsTheSameAsOnEveryService() throws Exception {
        String url = receiver().url();
        String id = endpoint(url, "[\"segment.size_changed\"]");
        as("admin").get("/v1/webhook-endpoints/{id}", id).then().statusCode(200).header("ETag", equalTo("\"1\""))
                .body("eventTypes", equalTo(List.of("segment.size_changed")));
        as("admin").get("/v1/webhook-endpoints").then().statusCode(200).body("items.id", equalTo(List.of(id)));
        badAs(workspace, "admin").body("{\"url\":\"%s\",\"eventTypes\":[\"publication.published\"]}".formatted(url))
                .post("/v1/webhook-endpoints").then().statusCode(400).body("errors.field", hasItem("eventTypes"))
                .body("detail", containsString("member.created"));
        as("viewer").get("/v1/webhook-event-types").then().statusCode(200).body("items", hasSize(4))
                .body("items.type", equalTo(List.of("member.created", "member.erased", "segment.size_changed", "import.finished")));

        given().filter(contract.responsesOnly()).get("/v1/webhook-endpoints").then().statusCode(401);
        badAs(workspace, "editor").get("/v1/webhook-endpoints/{id}", id).then().statusCode(403);
        badAs(workspace, "integration").body("{\"url\":\"%s\",\"eventTypes\":[\"member.created\"]}".formatted(url))
                .post("/v1/webhook-endpoints").then().statusCode(403);
        String other = TestTokens.newWorkspace();
        badAs(other, "admin").get("/v1/webhook-endpoints/{id}", id).then().statusCode(404);
        badAs(other, "admin").get("/v1/webhook-endpoints/{id}/secret", id).then().statusCode(404);
        badAs(other, "admin").header("If-Match", "\"1\"").delete("/v1/webhook-endpoints/{id}", id).then().statusCode(404);
        as("admin").header("If-Match", "\"1\"").delete("/v1/webhook-endpoints/{id}", id).then().statusCode(204);
    }
}
