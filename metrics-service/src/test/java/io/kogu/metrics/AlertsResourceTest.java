package io.kogu.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.metrics.alert.AlertEvaluation;
import io.kogu.metrics.alert.Buckets;
import io.kogu.platform.outbox.OutboxDispatcher;
import io.kogu.testsupport.HttpReceiver;
import io.kogu.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Crisis alerts through HTTP (issue 13 item 5): inbox activity in, rules, evaluation by several "replicas" at once
 * (threads of the test JVM claiming rules on their own connections), alerts, acknowledgement, the signed
 * {@code alert.raised} webhook. Traffic is generated from a seed, printed; the detector's own figures are in
 * {@code alert.BreakoutDetectorTest} and {@code alert.AlertsModelFigures}.
 */
@QuarkusTest
class AlertsResourceTest {

    static final long SEED = Long.getLong("kogu.alerts.seed", 20261130L);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    SettableClock clock;

    @Inject
    AlertEvaluation evaluation;

    @Inject
    OutboxDispatcher outbox;

    @Inject
    EntityManager entityManager;

    private final Fixtures fx = new Fixtures();
    private final UUID channel = UUID.randomUUID();

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /**
     * The start of an hour a day ago, so that everything the tests post lies in the past of the real clock too, and
     * the seeded counts fall into the same buckets of the same hours of the week whenever the test runs.
     */
    private static Instant spikeBucket() {
        return Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
    }

    private record Item(UUID id, UUID conversation, String kind, boolean spam, String text, Instant at) {
    }

    /** Items of one bucket: {@code count} at random moments (seeded) within it. */
    private static List<Item> bucketOf(Instant bucket, long count, boolean spam, MersenneTwister random) {
        List<Item> items = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            items.add(new Item(UUID.randomUUID(), UUID.randomUUID(), "comment", spam, "Tere!",
                    bucket.plusSeconds(random.nextInt((int) Buckets.LENGTH.toSeconds()))));
        }
        return items;
    }

    private String body(List<Item> items, String tags) {
        StringBuilder json = new StringBuilder("{\"items\":[");
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            json.append(i == 0 ? "" : ",").append("""
                    {"itemId":"%s","conversationId":"%s","channelId":"%s","network":"bluesky","kind":"%s","spam":%s,
                     "tags":%s,"text":"%s","occurredAt":"%s"}""".formatted(item.id(), item.conversation(), channel,
                    item.kind(), item.spam(), tags, item.text(), item.at()));
        }
        return json.append("]}").toString();
    }

    private void send(List<Item> items) {
        for (int from = 0; from < items.size(); from += 500) {
            List<Item> batch = items.subList(from, Math.min(items.size(), from + 500));
            fx.asService().body(body(batch, "[]")).post("/v1/inbox-activity").then().statusCode(200)
                    .body("accepted", equalTo(batch.size()));
        }
    }

    /** Evaluates due rules in {@code n} replicas started together; answers the alerts raised. */
    private int replicas(int n) throws Exception {
        return Replicas.run(n, evaluation::evaluateDue);
    }

    private String rule(String body) {
        return fx.as("editor").body(body).post("/v1/alert-rules").then().statusCode(201).extract().path("id");
    }

    private void deleteRule(String id) {
        String etag = fx.as("viewer").get("/v1/alert-rules/{id}", id).then().statusCode(200).extract().header("ETag");
        fx.as("admin").header("If-Match", etag).delete("/v1/alert-rules/{id}", id).then().statusCode(204);
    }

    @Test
    void aThreefoldSpikeRaisesOneAlertWithinTwoBucketsSignedAsAWebhookAndIsAcknowledged() throws Exception {
        System.out.println("AlertsResourceTest seed: " + SEED);
        MersenneTwister random = new MersenneTwister(SEED);
        Instant spike = spikeBucket();
        // Four weeks of history for the hours around the spike's hour of the week (all that a rule with four
        // baseline weeks reads), the ordinary hour before the spike, then an hour at three times the usual level.
        // 40 comments a quarter hour (the model card's level at which 3x spikes are caught within two buckets).
        PoissonDistribution usual = new PoissonDistribution(random, 40, 1e-12, 1000);
        PoissonDistribution threefold = new PoissonDistribution(random, 120, 1e-12, 1000);
        List<Item> history = new ArrayList<>();
        for (int week = 4; week >= 1; week--) {
            for (int b = -4; b < 8; b++) {
                history.addAll(bucketOf(Buckets.before(spike, 96 * 7 * week - b), usual.sample(), false, random));
            }
        }
        clock.set(spike.minus(Duration.ofHours(1)));
        send(history);
        try (HttpReceiver receiver = new HttpReceiver()) {
            fx.as("admin").body("{\"url\":\"" + receiver.url() + "\",\"eventTypes\":[\"alert.raised\"]}")
                    .post("/v1/webhook-endpoints").then().statusCode(201);
            String ruleId = rule("""
                    {"name":"Comment storm on Bluesky","metric":"comments","channelId":"%s",
                     "timeZone":"Europe/Tallinn"}""".formatted(channel));
            String other = rule("{\"name\":\"Everything\",\"metric\":\"items\"}");
            List<Item> live = new ArrayList<>();
            for (int b = -4; b < 4; b++) {
                long count = b < 0 ? usual.sample() : threefold.sample();
                live.addAll(bucketOf(Buckets.before(spike, -b), count, false, random));
            }
            Instant raisedAt = null;
            int raised = 0;
            // Evaluated every minute as the items arrive, from an hour before the spike to an hour after it.
            for (Instant now = spike.minus(Duration.ofHours(1)); now.isBefore(spike.plus(Duration.ofHours(1)));
                 now = now.plus(Duration.ofMinutes(1))) {
                Instant until = now;
                List<Item> arrived = live.stream().filter(i -> !i.at().isAfter(until)).toList();
                live.removeAll(arrived);
                clock.set(now);
                if (!arrived.isEmpty()) {
                    send(arrived);
                }
                int n = replicas(3);
                if (n > 0 && raisedAt == null) {
                    raisedAt = now;
                }
                raised += n;
            }
            // One alert per rule (the channel's comments and the workspace's items), the first within two buckets.
            assertThat(raised).isEqualTo(2);
            assertThat(raisedAt).isBefore(spike.plus(Buckets.LENGTH.multipliedBy(2)));
            JsonPath alerts = fx.as("viewer").queryParam("ruleId", ruleId).get("/v1/alerts").then().statusCode(200)
                    .body("items", hasSize(1)).extract().jsonPath();
            String alertId = alerts.getString("items[0].id");
            assertThat(alerts.getString("items[0].state")).isEqualTo("open");
            assertThat(alerts.getString("items[0].channelId")).isEqualTo(channel.toString());
            assertThat(alerts.getString("items[0].ruleName")).isEqualTo("Comment storm on Bluesky");
            assertThat(alerts.getDouble("items[0].observed")).isGreaterThanOrEqualTo(2 * alerts.getDouble("items[0].expected"));
            assertThat(Instant.parse(alerts.getString("items[0].bucketStart"))).isBetween(spike, spike.plus(Buckets.LENGTH));
            fx.as("integration").queryParam("state", "open").get("/v1/alerts").then().statusCode(200)
                    .body("items", hasSize(2));

            outbox.dispatchDue();
            await().atMost(10, TimeUnit.SECONDS).until(() -> receiver.requests().size() >= 2);
            assertThat(receiver.requests()).hasSize(2);
            HttpReceiver.Request request = receiver.requests().stream()
                    .filter(r -> r.body().contains(ruleId)).findFirst().orElseThrow();
            assertThat(request.header("webhook-signature")).startsWith("v1,");
            JsonNode event = JSON.readTree(request.body());
            assertThat(event.path("type").asText()).isEqualTo("alert.raised");
            assertThat(event.path("data").path("alertId").asText()).isEqualTo(alertId);
            assertThat(event.path("data").path("metric").asText()).isEqualTo("comments");

            fx.as("editor").body("{\"note\":\"On it: replying to the thread.\"}")
                    .post("/v1/alerts/{id}/acknowledgement", alertId).then().statusCode(200)
                    .body("state", equalTo("acknowledged")).body("acknowledgedAt", notNullValue())
                    .body("note", equalTo("On it: replying to the thread."));
            // Again: nothing changes (the first acknowledgement stays).
            fx.as("approver").post("/v1/alerts/{id}/acknowledgement", alertId).then().statusCode(200)
                    .body("note", equalTo("On it: replying to the thread."));
            fx.as("viewer").queryParam("state", "open").get("/v1/alerts").then().statusCode(200)
                    .body("items", hasSize(1));
            fx.as("viewer").queryParam("state", "acknowledged").get("/v1/alerts").then().statusCode(200)
                    .body("items[0].id", equalTo(alertId));
            fx.as("viewer").get("/v1/alert-rules/{id}", ruleId).then().statusCode(200)
                    .body("lastRaisedAt", notNullValue());

            Fixtures stranger = new Fixtures();
            stranger.as("viewer").get("/v1/alerts/{id}", alertId).then().statusCode(404);
            stranger.as("editor").post("/v1/alerts/{id}/acknowledgement", alertId).then().statusCode(404);
            stranger.as("viewer").get("/v1/alerts").then().statusCode(200).body("items", hasSize(0));
            fx.badRequestAs("viewer").post("/v1/alerts/{id}/acknowledgement", alertId).then().statusCode(403);
            given().filter(fx.contract.responsesOnly()).contentType("application/json").body("{}")
                    .post("/v1/alerts/{id}/acknowledgement", alertId).then().statusCode(401);
            fx.badRequestAs("editor").body("{\"note\":\"" + "x".repeat(1001) + "\"}")
                    .post("/v1/alerts/{id}/acknowledgement", alertId).then().statusCode(400);
            deleteRule(ruleId);
            deleteRule(other);
            // The alerts outlive their rules.
            fx.as("viewer").get("/v1/alerts/{id}", alertId).then().statusCode(200)
                    .body("ruleName", equalTo("Comment storm on Bluesky"));
        }
    }

    @Test
    void fiveHundredSpamItemsInFiveMinutesRaiseOneAlertNotFiveHundred() throws Exception {
        MersenneTwister random = new MersenneTwister(SEED + 1);
        Instant burst = spikeBucket();
        // A week of the burst's hour: some 8 items a bucket, one in twenty spam.
        List<Item> history = new ArrayList<>();
        PoissonDistribution usual = new PoissonDistribution(random, 8, 1e-12, 1000);
        for (int b = -4; b < 8; b++) {
            for (Item item : bucketOf(Buckets.before(burst, 96 * 7 - b), usual.sample(), false, random)) {
                history.add(random.nextInt(20) == 0 ? new Item(item.id(), item.conversation(), item.kind(), true,
                        item.text(), item.at()) : item);
            }
        }
        clock.set(burst.minus(Duration.ofMinutes(5)));
        send(history);
        String ruleId = rule("""
                {"name":"Spam wave","metric":"spam_share","baselineWeeks":1,"persistence":1,"cooldownMinutes":60}""");
        try {
            int raised = 0;
            for (int minute = 0; minute < 60; minute++) {
                Instant now = burst.plus(Duration.ofMinutes(minute)).plusSeconds(50);
                clock.set(now);
                if (minute < 5) {
                    // 100 copies of the same promo comment this minute.
                    List<Item> copies = new ArrayList<>();
                    for (int i = 0; i < 100; i++) {
                        copies.add(new Item(UUID.randomUUID(), UUID.randomUUID(), "comment", true,
                                "PROMO CODE WIN50 at casino-example.com", now.minusSeconds(random.nextInt(50))));
                    }
                    send(copies);
                }
                raised += replicas(2);
            }
            assertThat(raised).isEqualTo(1);
            fx.as("viewer").queryParam("ruleId", ruleId).get("/v1/alerts").then().statusCode(200)
                    .body("items", hasSize(1)).body("items[0].metric", equalTo("spam_share"))
                    .body("items[0].total", notNullValue());
        } finally {
            deleteRule(ruleId);
        }
    }

    @Test
    void inboxActivityIsCountedOnceMatchesKeywordsWithoutKeepingTextAndTracksWaits() {
        String keywordRule = rule("{\"name\":\"Outage\",\"metric\":\"mentions\",\"keyword\":\"Katki\"}");
        Instant at = Instant.now().minus(Duration.ofMinutes(20));
        UUID conversation = UUID.randomUUID();
        UUID item = UUID.randomUUID();
        String body = """
                {"items":[
                  {"itemId":"%s","conversationId":"%s","channelId":"%s","network":"mastodon","kind":"mention",
                   "tags":["Complaint"],"text":"Äpp on jälle KATKI!!","occurredAt":"%s"},
                  {"itemId":"%s","conversationId":"%s","channelId":"%s","network":"mastodon","kind":"mention",
                   "text":"katkine lause, mitte sama sõna","occurredAt":"%s"}]}"""
                .formatted(item, conversation, channel, at, UUID.randomUUID(), UUID.randomUUID(), channel, at);
        fx.asService().body(body).post("/v1/inbox-activity").then().statusCode(200)
                .body("accepted", equalTo(2)).body("duplicates", equalTo(0));
        fx.as("integration").body(body).post("/v1/inbox-activity").then().statusCode(200)
                .body("accepted", equalTo(0)).body("duplicates", equalTo(2));
        assertThat(count("keyword", "katki", "mentions")).isEqualTo(1);
        assertThat(count("tag", "complaint", "mentions")).isEqualTo(1);
        assertThat(count("channel", channel.toString(), "mentions")).isEqualTo(2);
        assertThat(count("workspace", "", "waits_opened")).isEqualTo(2);
        fx.asService().body("""
                {"answers":[{"conversationId":"%s","channelId":"%s","answeredAt":"%s"}]}"""
                .formatted(conversation, channel, at.plusSeconds(60))).post("/v1/inbox-activity").then().statusCode(200)
                .body("accepted", equalTo(0));
        assertThat(count("workspace", "", "waits_closed")).isEqualTo(1);
        assertThat(count("tag", "complaint", "waits_closed")).isEqualTo(1);
        deleteRule(keywordRule);
    }

    @Test
    void aFullBatchOfLongCyrillicTextsIsTakenIn() {
        // 500 items of 2,000 characters of 2-byte UTF-8: over the platform's 2 MB body limit, within this route's.
        List<Item> items = new ArrayList<>();
        Instant at = Instant.now().minus(Duration.ofMinutes(5));
        for (int i = 0; i < 500; i++) {
            items.add(new Item(UUID.randomUUID(), UUID.randomUUID(), "mention", false, "ж".repeat(2000), at));
        }
        fx.asService().body(body(items, "[\"отзыв\"]")).post("/v1/inbox-activity").then().statusCode(200)
                .body("accepted", equalTo(500));
        assertThat(count("tag", "отзыв", "mentions")).isEqualTo(500);
    }

    private long count(String kind, String key, String column) {
        Number sum = (Number) entityManager.createNativeQuery("select coalesce(sum(" + column + "), 0) from "
                        + "inbox_activity_bucket where workspace_id = :w and scope_kind = :kind and scope_key = :key")
                .setParameter("w", fx.workspace).setParameter("kind", kind).setParameter("key", key).getSingleResult();
        return sum.longValue();
    }

    @Test
    void inboxActivityRefusesBadInputAndWrongCallers() {
        String item = """
                {"itemId":"%s","conversationId":"%s","channelId":"%s","network":"x","kind":"comment","occurredAt":"%s"}""";
        given().filter(fx.contract.responsesOnly()).auth().oauth2(TestTokens.service("metrics-service"))
                .header("Kogu-Workspace", fx.workspace).contentType("application/json").body("{\"items\":[{\"itemId\":\"%s\"}]}"
                .formatted(UUID.randomUUID())).post("/v1/inbox-activity").then().statusCode(400)
                .body("errors.field", hasItem(containsString("occurredAt")));
        fx.badRequestAs("integration").body("{\"items\":[" + item.formatted(UUID.randomUUID(), UUID.randomUUID(), channel,
                Instant.now().plus(Duration.ofHours(3))) + "]}").post("/v1/inbox-activity").then().statusCode(400)
                .body("errors.field", hasItem("items[0].occurredAt"));
        fx.badRequestAs("integration").body("{\"items\":[" + item.formatted(UUID.randomUUID(), UUID.randomUUID(), channel,
                Instant.now()).replace("\"comment\"", "\"retweet\"") + "]}").post("/v1/inbox-activity").then()
                .statusCode(400);
        fx.badRequestAs("editor").body("{\"items\":[]}").post("/v1/inbox-activity").then().statusCode(403);
        given().filter(fx.contract.responsesOnly()).body("{\"items\":[]}").contentType("application/json")
                .post("/v1/inbox-activity").then().statusCode(401);
    }

    @Test
    void alertRulesAreCreatedReadReplacedAndDeletedWithVersions() {
        String created = fx.as("editor").body("""
                {"name":"  Mentions of the brand  ","metric":"mentions","keyword":"Kõrvits"}""")
                .post("/v1/alert-rules").then().statusCode(201).header("ETag", "\"0\"")
                .header("Location", containsString("/v1/alert-rules/"))
                .body("name", equalTo("Mentions of the brand")).body("minCount", equalTo(10))
                .body("persistence", equalTo(2)).body("cooldownMinutes", equalTo(60)).body("baselineWeeks", equalTo(4))
                .body("timeZone", equalTo("UTC")).body("enabled", equalTo(true)).body("keyword", equalTo("Kõrvits"))
                .extract().path("id");
        fx.as("viewer").get("/v1/alert-rules").then().statusCode(200).body("items.id", hasItem(created));
        fx.as("approver").get("/v1/alert-rules/{id}", created).then().statusCode(200).header("ETag", "\"0\"");
        String replacement = """
                {"name":"Unanswered in Tallinn hours","metric":"unanswered","tag":"vip","persistence":3,
                 "cooldownMinutes":120,"baselineWeeks":6,"timeZone":"Europe/Tallinn","minCount":5}""";
        fx.badRequestAs("editor").body(replacement).put("/v1/alert-rules/{id}", created).then().statusCode(428);
        fx.badRequestAs("editor").header("If-Match", "\"7\"").body(replacement).put("/v1/alert-rules/{id}", created)
                .then().statusCode(412);
        fx.as("admin").header("If-Match", "\"0\"").body(replacement).put("/v1/alert-rules/{id}", created).then()
                .statusCode(200).header("ETag", "\"1\"").body("metric", equalTo("unanswered"))
                .body("tag", equalTo("vip")).body("timeZone", equalTo("Europe/Tallinn")).body("persistence", equalTo(3));

        Fixtures stranger = new Fixtures();
        stranger.as("viewer").get("/v1/alert-rules/{id}", created).then().statusCode(404);
        stranger.as("admin").header("If-Match", "\"1\"").body(replacement).put("/v1/alert-rules/{id}", created).then()
                .statusCode(404);
        stranger.as("admin").header("If-Match", "\"1\"").delete("/v1/alert-rules/{id}", created).then().statusCode(404);
        stranger.as("viewer").get("/v1/alert-rules").then().statusCode(200).body("items", hasSize(0));

        fx.badRequestAs("viewer").body(replacement).post("/v1/alert-rules").then().statusCode(403);
        fx.badRequestAs("viewer").header("If-Match", "\"1\"").delete("/v1/alert-rules/{id}", created).then()
                .statusCode(403);
        given().filter(fx.contract.responsesOnly()).get("/v1/alert-rules").then().statusCode(401);
        given().filter(fx.contract.responsesOnly()).get("/v1/alerts").then().statusCode(401);
        fx.badRequestAs("integration").get("/v1/alert-rules").then().statusCode(403);

        fx.as("admin").header("If-Match", "\"1\"").delete("/v1/alert-rules/{id}", created).then().statusCode(204);
        fx.as("viewer").get("/v1/alert-rules/{id}", created).then().statusCode(404);
    }

    @Test
    void alertRulesRefuseWhatCannotBeWatched() {
        fx.badRequestAs("editor").body("""
                {"name":"Two scopes","metric":"items","channelId":"%s","tag":"vip"}""".formatted(channel))
                .post("/v1/alert-rules").then().statusCode(400).body("errors.field", hasItem("channelId"));
        fx.badRequestAs("editor").body("""
                {"name":"Keyword waits","metric":"unanswered","keyword":"refund"}""")
                .post("/v1/alert-rules").then().statusCode(400).body("errors.field", hasItem("keyword"));
        fx.badRequestAs("editor").body("""
                {"name":"Nowhere","metric":"items","timeZone":"Mars/Olympus"}""")
                .post("/v1/alert-rules").then().statusCode(400).body("errors.field", hasItem("timeZone"));
        fx.badRequestAs("editor").body("""
                {"name":"Too patient","metric":"items","persistence":9}""")
                .post("/v1/alert-rules").then().statusCode(400);
        fx.badRequestAs("editor").body("""
                {"name":"Unknown","metric":"likes"}""").post("/v1/alert-rules").then().statusCode(400);
        fx.badRequestAs("editor").body("""
                {"name":"   ","metric":"items"}""").post("/v1/alert-rules").then().statusCode(400)
                .body("errors.field", hasItem("name"));
        fx.badRequestAs("viewer").queryParam("state", "sleeping").get("/v1/alerts").then().statusCode(400);
        fx.badRequestAs("viewer").get("/v1/alerts/{id}", "not-a-uuid").then().statusCode(400);
        fx.badRequestAs("viewer").get("/v1/alerts/{id}", UUID.randomUUID()).then().statusCode(404);
    }
}
