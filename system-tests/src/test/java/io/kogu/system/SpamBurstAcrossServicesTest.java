package io.kogu.system;

import io.kogu.devkit.KoguService;
import io.kogu.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 13: "a burst of 500 copies of the same promo comment in five minutes is caught as spam and raises one alert,
 * not 500". The comments are pushed into audience-service's inbox as an integration would (content-service's
 * collector delivers the same way); moderation scores each one (classifier and near-duplicates); the inbox's facts
 * reach metrics-service through audience-service's outbox, where a spam-share rule watches them.
 */
@ExtendWith(RunningStack.Shared.class)
class SpamBurstAcrossServicesTest {

    /** Spam score at or above which an item is spam (audience-service's {@code kogu.moderation.spam-threshold}). */
    private static final double SPAM_THRESHOLD = 0.6;

    /** metrics-service counts in 15-minute buckets (docs/alerts-model.md). */
    private static final Duration BUCKET = Duration.ofMinutes(15);

    /** Ordinary comments of a brand's fans, each different (copies of one text would be spam by repetition). */
    private static final List<String> FAN_COMMENTS = List.of("Palju õnne! 🎉", "Great news!", "See you at the launch",
            "Суперская новость!", "Millal see poodi jõuab?", "Love it ❤️", "Where can I buy one?", "Väga ilus!",
            "Когда будет в продаже?", "Congrats to the team");

    private static RunningStack stack;

    @BeforeAll
    static void useTheRunningStack(RunningStack running) {
        stack = running;
    }

    @Test
    void aBurstOf500CopiesOfOnePromoCommentIsSpamAndRaisesOneAlertNot500() throws Exception {
        String workspace = TestTokens.newWorkspace();
        String admin = TestTokens.token(workspace, "admin", "editor", "viewer");
        String integration = TestTokens.token(workspace, "integration");
        String channel = UUID.randomUUID().toString();

        // Four ordinary weeks: fan comments at this hour of the week, so the rule knows the usual spam share.
        List<Map<String, Object>> history = new ArrayList<>();
        Instant now = Instant.now();
        for (int week = 1; week <= 5; week++) {
            for (int i = 0; i < FAN_COMMENTS.size(); i++) {
                history.add(item(channel, "fan-" + week + "-" + i, "post-" + week, "@fan" + i + "@mastodon.social",
                        FAN_COMMENTS.get(i), now.minus(7L * week, ChronoUnit.DAYS).plusSeconds(i)));
            }
        }
        given(stack.call(KoguService.AUDIENCE, integration)).body(Map.of("items", history))
                .post("/v1/conversation-items").then().statusCode(200);

        String rule = given(stack.call(KoguService.METRICS, admin))
                .body("{\"name\":\"Spam wave\",\"metric\":\"spam_share\",\"minCount\":10,\"persistence\":1}")
                .post("/v1/alert-rules").then().statusCode(201).extract().path("id");

        // The burst lands in one bucket with time left for an evaluation (every minute) inside it: the rule looks at
        // the bucket still filling, and one is enough (persistence 1).
        Instant bucketStart = bucketStart(Instant.now());
        if (Duration.between(Instant.now(), bucketStart.plus(BUCKET)).compareTo(Duration.ofMinutes(3)) < 0) {
            Instant nextBucket = bucketStart.plus(BUCKET).plusSeconds(5);
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() -> Instant.now().isAfter(nextBucket));
            bucketStart = bucketStart(Instant.now());
        }
        Instant end = Instant.now();
        Instant start = end.minus(Duration.ofMinutes(5)).isBefore(bucketStart) ? bucketStart : end.minus(Duration.ofMinutes(5));
        long spreadMillis = Duration.between(start, end).toMillis();
        List<Map<String, Object>> burst = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            burst.add(item(channel, "promo-" + i, "post-now", "@bonus" + i + "@spam.example",
                    "🎰 Use code WIN" + (i % 7) + "0 at https://casino-bonus.example/?ref=" + i + " for 200 free spins today!",
                    start.plusMillis(spreadMillis * i / 500)));
        }
        List<String> conversations = given(stack.call(KoguService.AUDIENCE, integration)).body(Map.of("items", burst))
                .post("/v1/conversation-items").then().statusCode(200).extract().path("items.conversationId");

        // Caught as spam: every copy scores at or above the threshold, and its conversation is marked spam.
        Set<String> threads = new HashSet<>(conversations);
        assertThat(threads).hasSize(1);
        String thread = threads.iterator().next();
        given(stack.call(KoguService.AUDIENCE, admin)).get("/v1/conversations/{id}", thread).then().statusCode(200)
                .body("spam", equalTo(true));
        assertThat(spamScores(admin, thread)).hasSize(500).allSatisfy(score -> assertThat(score).isGreaterThanOrEqualTo(SPAM_THRESHOLD));

        // One alert: raised within two evaluations of the facts' arrival, and still one after another evaluation.
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(5)).until(() -> alerts(admin, rule).size(),
                count -> count > 0);
        await().during(Duration.ofSeconds(65)).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(5))
                .until(() -> alerts(admin, rule).size() == 1);
        List<Map<String, Object>> raised = alerts(admin, rule);
        assertThat(raised).hasSize(1);
        assertThat(raised.get(0)).containsEntry("metric", "spam_share").containsEntry("state", "open");
        assertThat(((Number) raised.get(0).get("count")).longValue()).isGreaterThanOrEqualTo(10);
    }

    private static Map<String, Object> item(String channel, String externalId, String root, String author, String text,
            Instant at) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("network", "mastodon");
        item.put("channelId", channel);
        item.put("externalId", externalId);
        item.put("kind", "comment");
        item.put("rootExternalId", root);
        item.put("authorHandle", author);
        item.put("text", text);
        item.put("occurredAt", at.toString());
        return item;
    }

    private static Instant bucketStart(Instant at) {
        long seconds = BUCKET.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), seconds) * seconds);
    }

    private static List<Double> spamScores(String token, String conversation) {
        List<Double> scores = new ArrayList<>();
        String cursor = null;
        do {
            var request = given(stack.call(KoguService.AUDIENCE, token)).queryParam("limit", 100);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/v1/conversations/{id}/items", conversation).then().statusCode(200).extract().jsonPath();
            List<Number> pageScores = page.getList("items.spamScore");
            pageScores.forEach(score -> scores.add(score == null ? 0.0 : score.doubleValue()));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return scores;
    }

    private static List<Map<String, Object>> alerts(String token, String rule) {
        return given(stack.call(KoguService.METRICS, token)).queryParam("ruleId", rule).get("/v1/alerts").then()
                .statusCode(200).extract().path("items");
    }
}
