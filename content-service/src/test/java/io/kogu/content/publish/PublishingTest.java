package io.kogu.content.publish;

import com.standardwebhooks.Webhook;
import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.sql.DataSource;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Publishing through the webhook connector to a real receiver on this machine: what the receiver gets, and what
 * each way an attempt can end makes of the publication, its draft and its channel.
 */
@QuarkusTest
class PublishingTest {

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();
    private final String secret = "whsec_" + Base64.getEncoder().encodeToString(random(24));
    private final List<WebhookReceiver> receivers = new ArrayList<>();

    @Inject
    Publisher publisher;

    @Inject
    PublicationWork work;

    @Inject
    DataSource dataSource;

    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @AfterEach
    void stopReceivers() {
        receivers.forEach(WebhookReceiver::close);
    }

    private RequestSpecification as(String subject, String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.tokenOf(subject, workspace, roles))
                .contentType(ContentType.JSON);
    }

    private RequestSpecification badAs(String subject, String... roles) {
        return given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.tokenOf(subject, workspace, roles))
                .contentType(ContentType.JSON);
    }

    private WebhookReceiver receiver(WebhookReceiver.Answer... answers) throws Exception {
        WebhookReceiver receiver = new WebhookReceiver(answers);
        receivers.add(receiver);
        return receiver;
    }

    private String channel(String network, String url) {
        return as("ada", "admin").body("""
                        {"network":"%s","handle":"@kogu","timeZone":"Europe/Tallinn","connection":{"url":"%s"},
                         "credentials":{"secret":"%s"}}""".formatted(network, url, secret))
                .post("/v1/channels").then().statusCode(201).body("connection.url", equalTo(url))
                .body("status", equalTo("connected")).extract().path("id");
    }

    private String etag(String path, String id) {
        return as("vic", "viewer").get(path, id).then().statusCode(200).extract().header("ETag");
    }

    private String approvedDraft(String channel, String extra) {
        String id = as("ann", "editor").body("""
                        {"title":"Launch","body":"Monday!","channelIds":["%s"],"tags":["launch"],"campaign":"spring"%s}"""
                        .formatted(channel, extra)).post("/v1/drafts").then().statusCode(201).extract().path("id");
        as("ann", "editor").header("If-Match", etag("/v1/drafts/{id}", id)).body("{}").post("/v1/drafts/{id}/submission", id)
                .then().statusCode(200);
        as("bob", "approver").header("If-Match", etag("/v1/drafts/{id}", id)).body("{}").post("/v1/drafts/{id}/approvals", id)
                .then().statusCode(200).body("status", equalTo("approved"));
        return id;
    }

    /** publish-now; answers the publication's id. */
    private String publishNow(String draft) {
        return as("bob", "approver").header("If-Match", etag("/v1/drafts/{id}", draft)).body("{}")
                .post("/v1/drafts/{id}/publish-now", draft).then().statusCode(202)
                .body("status", equalTo("scheduled")).body("publications[0].state", equalTo("queued"))
                .extract().path("publications[0].id");
    }

    private ValidatableResponse publication(String id) {
        return as("vic", "viewer").get("/v1/publications/{id}", id).then().statusCode(200);
    }

    @Test
    void publishNowPostsOneSignedWebhookWithTheVariantAndPublishes() throws Exception {
        WebhookReceiver receiver = receiver(WebhookReceiver.Answer.of(201,
                "{\"id\":\"rcv-1\",\"url\":\"https://receiver.example/posts/1\"}"));
        String channel = channel("webhook", receiver.url());
        String draft = approvedDraft(channel, ",\"variants\":[{\"channelId\":\"%s\",\"text\":\"Monday, on the hook\",\"firstComment\":\"More soon\"}]"
                .formatted(channel));
        String id = publishNow(draft);
        publisher.publishDue();

        assertThat(receiver.requests()).hasSize(1);
        WebhookReceiver.Request request = receiver.requests().get(0);
        assertThat(request.header("webhook-id")).isEqualTo(id);
        new Webhook(secret).verify(request.body(), request.headers());
        assertThat(request.body()).contains("\"text\":\"Monday, on the hook\"").contains("\"firstComment\":\"More soon\"")
                .contains("\"type\":\"publication.publish\"");
        publication(id).body("state", equalTo("published")).body("externalId", equalTo("rcv-1"))
                .body("url", equalTo("https://receiver.example/posts/1")).body("publishedAt", notNullValue())
                .body("attempts.outcome", equalTo(List.of("published")));
        as("vic", "viewer").get("/v1/drafts/{id}", draft).then().body("status", equalTo("published"));
        as("vic", "viewer").get("/v1/channels/{id}", channel).then().body("lastSuccessAt", notNullValue());
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        as("vic", "viewer").queryParam("from", today).queryParam("to", today).get("/v1/calendar").then().statusCode(200)
                .body("days[0].items.publicationState", hasItem("published"));
        // The fact for metrics-service is in the outbox, written with the published state.
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select payload::text from outbox where event_type = 'publication.published' and payload->>'id' = ?")) {
            statement.setString(1, id);
            try (ResultSet row = statement.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).contains("\"externalPostId\": \"rcv-1\"").contains("\"campaign\": \"spring\"")
                        .contains("\"network\": \"webhook\"").contains("\"tags\": [\"launch\"]")
                        // What a screen shows next to the id in metrics-service's answers (issue 11).
                        .contains("\"channelName\": \"@kogu\"").contains("\"title\": \"Launch\"")
                        .contains("\"url\": \"https://receiver.example/posts/1\"");
            }
        }
        publisher.publishDue();
        assertThat(receiver.requests()).as("published once").hasSize(1);
        assertThat(registry.get("kogu.publish.attempts").tags("network", "webhook", "outcome", "published").counter().count())
                .isGreaterThanOrEqualTo(1);
        assertThat(registry.get("kogu.publish.lag").tags("network", "webhook").timer().count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aRateLimitedChannelWaitsForRetryAfterThenPublishesWithTheSameWebhookId() throws Exception {
        WebhookReceiver receiver = receiver(new WebhookReceiver.Answer(429, Map.of("Retry-After", "4"), "{}", 0),
                WebhookReceiver.Answer.of(200, "{\"id\":\"rcv-2\"}"));
        String channel = channel("webhook", receiver.url());
        String id = publishNow(approvedDraft(channel, ""));
        publisher.publishDue();
        publication(id).body("state", equalTo("queued")).body("attempts[0].outcome", equalTo("not_published"))
                .body("attempts[0].httpStatus", equalTo(429)).body("reason", containsString("rate limit"));
        ValidatableResponse queued = publication(id);
        OffsetDateTime next = OffsetDateTime.parse(queued.extract().path("nextAttemptAt"));
        OffsetDateTime failedAt = OffsetDateTime.parse(queued.extract().path("attempts[0].finishedAt"));
        assertThat(Duration.between(failedAt, next)).as("Retry-After is honoured").isGreaterThanOrEqualTo(Duration.ofSeconds(4));
        publisher.publishDue();
        assertThat(receiver.requests()).as("the channel waits").hasSize(1);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            publisher.publishDue();
            publication(id).body("state", equalTo("published"));
        });
        assertThat(receiver.requests()).hasSize(2).extracting(r -> r.header("webhook-id")).containsOnly(id);
        publication(id).body("externalId", equalTo("rcv-2")).body("url", nullValue());
    }

    @Test
    void aServerErrorEndsUnconfirmedAndIsNeverRepeatedUntilAPersonRetries() throws Exception {
        WebhookReceiver receiver = receiver(WebhookReceiver.Answer.of(500, "{\"error\":\"boom\"}"));
        String channel = channel("webhook", receiver.url());
        String draft = approvedDraft(channel, "");
        String id = publishNow(draft);
        publisher.publishDue();
        publication(id).body("state", equalTo("unconfirmed")).body("reason", containsString("check the account"))
                .body("attempts[0].outcome", equalTo("unknown")).body("attempts[0].httpStatus", equalTo(500));
        as("vic", "viewer").get("/v1/drafts/{id}", draft).then().body("status", equalTo("failed"));
        as("vic", "viewer").queryParam("draftId", draft).queryParam("state", "unconfirmed").get("/v1/publications").then()
                .body("items.id", equalTo(List.of(id)));
        publisher.publishDue();
        assertThat(receiver.requests()).as("an unknown outcome is not repeated on its own").hasSize(1);

        badAs("bob", "approver").post("/v1/publications/{id}/retry", id).then().statusCode(428);
        badAs("bob", "approver").header("If-Match", "\"999\"").post("/v1/publications/{id}/retry", id).then().statusCode(412);
        receiver.then(WebhookReceiver.Answer.of(201, "{\"id\":\"rcv-3\"}"));
        as("bob", "approver").header("If-Match", etag("/v1/publications/{id}", id)).post("/v1/publications/{id}/retry", id)
                .then().statusCode(200).body("state", equalTo("queued"));
        as("vic", "viewer").get("/v1/drafts/{id}", draft).then().body("status", equalTo("scheduled"));
        publisher.publishDue();
        publication(id).body("state", equalTo("published")).body("externalId", equalTo("rcv-3"))
                .body("attempts.outcome", equalTo(List.of("unknown", "resolved", "published")))
                .body("attempts[1].actor", equalTo("bob"));
        as("vic", "viewer").get("/v1/drafts/{id}", draft).then().body("status", equalTo("published"));
        badAs("bob", "approver").header("If-Match", etag("/v1/publications/{id}", id)).post("/v1/publications/{id}/retry", id)
                .then().statusCode(409);
    }

    @Test
    void aTimeoutEndsUnconfirmedAndAPersonResolvesItAsOut() throws Exception {
        WebhookReceiver receiver = receiver(new WebhookReceiver.Answer(201, Map.of(), "{}", 4000));
        String channel = channel("webhook", receiver.url());
        String draft = approvedDraft(channel, "");
        String id = publishNow(draft);
        publisher.publishDue();
        publication(id).body("state", equalTo("unconfirmed")).body("attempts[0].errorCode", equalTo("no_answer"));

        badAs("bob", "approver").header("If-Match", etag("/v1/publications/{id}", id)).body("{\"published\":true}")
                .post("/v1/publications/{id}/resolve", id).then().statusCode(400).body("errors[0].field", equalTo("url"));
        as("bob", "approver").header("If-Match", etag("/v1/publications/{id}", id))
                .body("{\"published\":true,\"url\":\"https://receiver.example/p/9\",\"note\":\"seen it\"}")
                .post("/v1/publications/{id}/resolve", id).then().statusCode(200)
                .body("state", equalTo("published")).body("url", equalTo("https://receiver.example/p/9"))
                .body("externalId", equalTo(id)).body("attempts[1].reason", containsString("seen it"));
        as("vic", "viewer").get("/v1/drafts/{id}", draft).then().body("status", equalTo("published"));
        badAs("bob", "approver").header("If-Match", etag("/v1/publications/{id}", id)).body("{\"published\":false}")
                .post("/v1/publications/{id}/resolve", id).then().statusCode(409);
        assertThat(receiver.requests()).hasSize(1);
    }

    @Test
    void aPersonSaysAnUnconfirmedOneIsNotOutAndItFails() throws Exception {
        WebhookReceiver receiver = receiver(WebhookReceiver.Answer.of(502, ""));
        String id = publishNow(approvedDraft(channel("webhook", receiver.url()), ""));
        publisher.publishDue();
        as("bob", "admin").header("If-Match", etag("/v1/publications/{id}", id)).body("{\"published\":false}")
                .post("/v1/publications/{id}/resolve", id).then().statusCode(200).body("state", equalTo("failed"))
                .body("reason", containsString("not out"));
    }

    @Test
    void anUnauthorizedAnswerFailsAndTheChannelNeedsReconnecting() throws Exception {
        WebhookReceiver receiver = receiver(WebhookReceiver.Answer.of(401, "{\"error\":\"bad signature\"}"));
        String channel = channel("webhook", receiver.url());
        String draft = approvedDraft(channel, "");
        String id = publishNow(draft);
        publisher.publishDue();
        publication(id).body("state", equalTo("failed")).body("attempts[0].outcome", equalTo("unauthorized"));
        as("vic", "viewer").get("/v1/channels").then().body("items.find { it.id == '%s' }.status".formatted(channel),
                equalTo("needs_reconnect")).body("items.find { it.id == '%s' }.lastError".formatted(channel), containsString("reconnect"));
        as("vic", "viewer").get("/v1/drafts/{id}", draft).then().body("status", equalTo("failed"));
        // New credentials connect it again.
        as("ada", "admin").header("If-Match", etag("/v1/channels/{id}", channel)).body("""
                        {"network":"webhook","handle":"@kogu","timeZone":"Europe/Tallinn","connection":{"url":"%s"},
                         "credentials":{"secret":"%s"}}""".formatted(receiver.url(), secret))
                .put("/v1/channels/{id}", channel).then().statusCode(200).body("status", equalTo("connected"))
                .body("lastError", nullValue());
    }

    @Test
    void aRefusedConnectionIsRetriedAndFailsAfterTheLastAttempt() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String id = publishNow(approvedDraft(channel("webhook", "http://127.0.0.1:" + closedPort + "/hook"), ""));
        publisher.publishDue();
        publication(id).body("state", equalTo("queued")).body("attempts[0].outcome", equalTo("not_published"))
                .body("attempts[0].errorCode", equalTo("not_connected"));
        sql("update publication set round_attempts = 4, next_attempt_at = now() where id = ?", id);
        publisher.publishDue();
        publication(id).body("state", equalTo("failed")).body("reason", containsString("gave up after 5 attempts"))
                .body("attempts.size()", equalTo(2));
    }

    @Test
    void aPublicationLeftPublishingByADeadReplicaIsUnconfirmedAfterItsLease() throws Exception {
        WebhookReceiver receiver = receiver();
        String id = publishNow(approvedDraft(channel("webhook", receiver.url()), ""));
        // The dead replica's network call had begun: the post may be out.
        sql("""
                update publication set state = 'publishing', claimed_by = 'dead-replica', lease_until = now() - interval '1 second',
                    sending_at = now() - interval '5 seconds' where id = ?""", id);
        publisher.publishDue();
        publication(id).body("state", equalTo("unconfirmed")).body("attempts[0].outcome", equalTo("interrupted"))
                .body("reason", containsString("check the account"));
        assertThat(receiver.requests()).as("not repeated: a plain receiver has no idempotency").isEmpty();
    }

    @Test
    void aDeadReplicasClaimWhoseCallHadNotBegunIsSimplyPublishedByAnother() throws Exception {
        WebhookReceiver receiver = receiver();
        String id = publishNow(approvedDraft(channel("webhook", receiver.url()), ""));
        // Claimed, waiting for a worker thread, when its replica died: nothing was sent.
        sql("update publication set state = 'publishing', claimed_by = 'dead-replica', lease_until = now() - interval '1 second' where id = ?", id);
        publisher.publishDue();
        publication(id).body("state", equalTo("published")).body("attempts.size()", equalTo(1))
                .body("attempts[0].outcome", equalTo("published"));
        assertThat(receiver.requests()).hasSize(1);
    }

    @Test
    void aLiveReplicaKeepsItsClaimsAndAClaimTakenOverIsNotSentByTheReplicaThatLostIt() throws Exception {
        WebhookReceiver receiver = receiver();
        String id = publishNow(approvedDraft(channel("webhook", receiver.url()), ""));
        // Due at a time of its own, so that the claims below take no other test's publications.
        Instant now = Instant.parse("2097-03-01T12:00:00Z");
        sql("update publication set next_attempt_at = '2097-03-01T12:00:00Z' where id = ?", id);
        String replicaA = "replica-a/" + UUID.randomUUID();
        PublicationWork.Claim mine = work.claim(replicaA, now, 1000).stream()
                .filter(c -> c.id().toString().equals(id)).findFirst().orElseThrow();
        // The heartbeat extends replica-a's lease: nobody else may take it, even after the first lease ran out.
        assertThat(work.extendLeases(List.of(replicaA), now.plus(Duration.ofSeconds(25)))).isPositive();
        assertThat(work.claim("replica-b/" + UUID.randomUUID(), now.plus(Duration.ofSeconds(40)), 1000))
                .extracting(PublicationWork.Claim::id).doesNotContain(UUID.fromString(id));
        // replica-a paused past its lease; replica-b took the claim over; replica-a, back, sends nothing.
        assertThat(work.claim("replica-b/" + UUID.randomUUID(), now.plus(Duration.ofMinutes(2)), 1000))
                .extracting(PublicationWork.Claim::id).contains(UUID.fromString(id));
        assertThat(work.prepare(mine)).isNull();
        assertThat(receiver.requests()).isEmpty();
    }

    @Test
    void twoConcurrentClaimersNeverClaimTheSamePublication() throws Exception {
        WebhookReceiver receiver = receiver();
        String id = publishNow(approvedDraft(channel("webhook", receiver.url()), ""));
        // 60 more due publications, copies of this one without a slot.
        Set<UUID> ours = new HashSet<>();
        ours.add(UUID.fromString(id));
        for (int i = 0; i < 60; i++) {
            UUID copy = UUID.randomUUID();
            ours.add(copy);
            sql("""
                    insert into publication (id, workspace_id, draft_id, slot_id, channel_id, network, content, due_at, state,
                        next_attempt_at, version, created_by, created_at, updated_at)
                    select '%s', workspace_id, draft_id, null, channel_id, network, content, due_at, state, next_attempt_at, 1,
                        created_by, created_at, updated_at from publication where id = ?""".formatted(copy), id);
        }
        Instant now = Instant.now().plusSeconds(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<UUID>>> claimers = new ArrayList<>();
            for (String replica : List.of("replica-a", "replica-b")) {
                Callable<List<UUID>> claimer = () -> {
                    List<UUID> mine = new ArrayList<>();
                    List<PublicationWork.Claim> batch;
                    do {
                        batch = work.claim(replica, now, 7);
                        batch.stream().map(PublicationWork.Claim::id).filter(ours::contains).forEach(mine::add);
                    } while (!batch.isEmpty());
                    return mine;
                };
                claimers.add(pool.submit(claimer));
            }
            List<UUID> a = claimers.get(0).get();
            List<UUID> b = claimers.get(1).get();
            assertThat(a).doesNotHaveDuplicates().doesNotContainAnyElementsOf(b);
            assertThat(b).doesNotHaveDuplicates();
            Set<UUID> all = new HashSet<>(a);
            all.addAll(b);
            assertThat(all).isEqualTo(ours);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRecurringSlotMakesItsNextOccurrenceWhenOneIsPublished() throws Exception {
        WebhookReceiver receiver = receiver();
        String channel = channel("webhook", receiver.url());
        String draft = approvedDraft(channel, "");
        LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        as("bob", "approver").header("If-Match", etag("/v1/drafts/{id}", draft)).body("""
                        {"slots":[{"channelId":"%s","localDateTime":"%sT12:00","timeZone":"UTC","rrule":"FREQ=DAILY;COUNT=3"}]}"""
                        .formatted(channel, tomorrow)).post("/v1/drafts/{id}/schedule", draft).then().statusCode(200);
        String first = as("vic", "viewer").queryParam("draftId", draft).get("/v1/publications").then()
                .body("items.occurrence", equalTo(List.of(tomorrow.toString()))).extract().path("items[0].id");
        sql("update publication set next_attempt_at = now() where id = ?", first);
        publisher.publishDue();
        as("vic", "viewer").queryParam("draftId", draft).get("/v1/publications").then()
                .body("items.occurrence", equalTo(List.of(tomorrow.plusDays(1).toString(), tomorrow.toString())))
                .body("items.state", equalTo(List.of("queued", "published")));
        as("vic", "viewer").get("/v1/drafts/{id}", draft).then().body("status", equalTo("scheduled"));
        // Skipping the waiting occurrence makes the one after it wait instead.
        String slot = as("vic", "viewer").get("/v1/drafts/{id}/schedule", draft).then().extract().path("slots[0].id");
        as("bob", "approver").header("If-Match", etag("/v1/drafts/{id}", draft)).body("{\"skip\":true}")
                .put("/v1/drafts/{id}/schedule/slots/{slot}/occurrences/{date}", draft, slot, tomorrow.plusDays(1).toString())
                .then().statusCode(200);
        as("vic", "viewer").queryParam("draftId", draft).queryParam("state", "queued").get("/v1/publications").then()
                .body("items.occurrence", equalTo(List.of(tomorrow.plusDays(2).toString())));
    }

    @Test
    void anOverdueOneIsFoundByItsFilter() throws Exception {
        String channel = channel("webhook", receiver().url());
        String id = publishNow(approvedDraft(channel, ""));
        sql("update publication set due_at = now() - interval '6 minutes', next_attempt_at = now() + interval '1 hour' where id = ?", id);
        as("vic", "viewer").queryParam("state", "overdue").get("/v1/publications").then().statusCode(200)
                .body("items.id", equalTo(List.of(id))).body("items[0].state", equalTo("overdue"));
        as("vic", "viewer").queryParam("state", "queued").get("/v1/publications").then().body("items", equalTo(List.of()));
        as("vic", "viewer").queryParam("channelId", channel).queryParam("from", OffsetDateTime.now().minusHours(1).toString())
                .queryParam("to", OffsetDateTime.now().toString()).get("/v1/publications").then()
                .body("items.id", equalTo(List.of(id)));
        badAs("vic", "viewer").queryParam("state", "lost").get("/v1/publications").then().statusCode(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pinterest", "youtube", "tiktok"})
    void aNetworkWithoutAConnectorIsRefusedWhenScheduling(String network) {
        String channel = channel(network, "https://example.com/hook");
        String media = network.equals("pinterest") ? "image" : "video";
        String draft = approvedDraft(channel, ",\"media\":[{\"url\":\"https://cdn.example.com/m\",\"kind\":\"%s\"}]".formatted(media));
        badAs("bob", "approver").header("If-Match", etag("/v1/drafts/{id}", draft))
                .body("{\"slots\":[{\"channelId\":\"%s\",\"publishAt\":\"%s\"}]}".formatted(channel, Instant.now().plusSeconds(3600)))
                .post("/v1/drafts/{id}/schedule", draft).then().statusCode(422)
                .body("detail", containsString("Kogu cannot publish to " + network))
                .body("errors[0].field", equalTo("slots[0].channelId"));
        badAs("bob", "approver").header("If-Match", etag("/v1/drafts/{id}", draft)).body("{}")
                .post("/v1/drafts/{id}/publish-now", draft).then().statusCode(422);
    }

    @Test
    void anotherWorkspacesPublicationAndDraftAre404() throws Exception {
        String id = publishNow(approvedDraft(channel("webhook", receiver().url()), ""));
        String other = TestTokens.newWorkspace();
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(other, "admin")).contentType(ContentType.JSON)
                .get("/v1/publications/{id}", id).then().statusCode(404);
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(other, "admin")).contentType(ContentType.JSON)
                .header("If-Match", "\"1\"").post("/v1/publications/{id}/retry", id).then().statusCode(404);
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(other, "admin")).contentType(ContentType.JSON)
                .header("If-Match", "\"1\"").body("{\"published\":false}").post("/v1/publications/{id}/resolve", id).then()
                .statusCode(404);
        given().filter(contract.responsesOnly()).auth().oauth2(TestTokens.token(other, "admin")).contentType(ContentType.JSON)
                .get("/v1/publications").then().statusCode(200).body("items", equalTo(List.of()));
    }

    private void sql(String statement, String id) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(statement)) {
            update.setObject(1, UUID.fromString(id));
            update.executeUpdate();
        }
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
