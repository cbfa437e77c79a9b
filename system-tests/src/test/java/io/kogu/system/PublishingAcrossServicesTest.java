package io.kogu.system;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import io.kogu.devkit.KoguService;
import io.kogu.testsupport.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.in;

/**
 * Publishing across the services, as a community manager would check it: a webhook channel pointing at a receiver
 * on this machine, a draft approved and scheduled a few seconds ahead. The receiver gets exactly one correctly
 * signed POST within 5 s of the time, the publication is published with the receiver's id, metrics-service lists
 * it (delivered by content-service's outbox), and engagement events for it are accepted there. Best time asks the
 * running metrics-service, and still schedules when it is stopped.
 */
@ExtendWith(RunningStack.Shared.class)
class PublishingAcrossServicesTest {

    private static RunningStack stack;

    private final String workspace = TestTokens.newWorkspace();
    private final String secret = "whsec_" + Base64.getEncoder().encodeToString(random());
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private HttpServer receiver;

    record Received(Instant at, Map<String, List<String>> headers, String body) {
    }

    @BeforeAll
    static void useTheRunningStack(RunningStack running) {
        stack = running;
    }

    @AfterEach
    void stopReceiver() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private String token(String subject, String... roles) {
        return TestTokens.tokenOf(subject, workspace, roles);
    }

    private String startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            received.add(new Received(Instant.now(), headers,
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] answer = "{\"id\":\"post-%d\",\"url\":\"https://receiver.example/p/%d\"}"
                    .formatted(received.size(), received.size()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        receiver.start();
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/kogu";
    }

    private String channel(String url, String windows) {
        return given(stack.call(KoguService.CONTENT, token("ada", "admin"))).body("""
                        {"network":"webhook","handle":"@receiver","timeZone":"Europe/Tallinn","connection":{"url":"%s"},
                         "credentials":{"secret":"%s"},"postingWindows":%s}""".formatted(url, secret, windows))
                .post("/v1/channels").then().statusCode(201).extract().path("id");
    }

    private String etag(String draft) {
        return given(stack.call(KoguService.CONTENT, token("vic", "viewer"))).get("/v1/drafts/{id}", draft).then()
                .statusCode(200).extract().header("ETag");
    }

    private String approvedDraft(String channel) {
        String draft = given(stack.call(KoguService.CONTENT, token("ann", "editor")))
                .body("{\"title\":\"Launch\",\"body\":\"It is out\",\"channelIds\":[\"%s\"],\"tags\":[\"launch\"],\"campaign\":\"spring\"}"
                        .formatted(channel)).post("/v1/drafts").then().statusCode(201).extract().path("id");
        given(stack.call(KoguService.CONTENT, token("ann", "editor"))).header("If-Match", etag(draft)).body("{}")
                .post("/v1/drafts/{id}/submission", draft).then().statusCode(200);
        given(stack.call(KoguService.CONTENT, token("bob", "approver"))).header("If-Match", etag(draft)).body("{}")
                .post("/v1/drafts/{id}/approvals", draft).then().statusCode(200);
        return draft;
    }

    @Test
    void aScheduledPostReachesTheReceiverOnceSignedAndMetricsServiceListsIt() throws Exception {
        String channel = channel(startReceiver(), "[]");
        String draft = approvedDraft(channel);
        Instant due = Instant.now().plusSeconds(3);
        given(stack.call(KoguService.CONTENT, token("bob", "approver"))).header("If-Match", etag(draft))
                .body("{\"slots\":[{\"channelId\":\"%s\",\"publishAt\":\"%s\"}]}".formatted(channel, due))
                .post("/v1/drafts/{id}/schedule", draft).then().statusCode(200);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> !received.isEmpty());
        Received post = received.get(0);
        assertThat(post.at()).isAfterOrEqualTo(due.minusMillis(50)).isBefore(due.plusSeconds(5));
        new Webhook(secret).verify(post.body(), post.headers());
        String publication = post.headers().get("webhook-id").get(0);

        String reader = token("vic", "viewer");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given(stack.call(KoguService.CONTENT, reader)).get("/v1/publications/{id}", publication).then()
                        .statusCode(200).body("state", equalTo("published")).body("externalId", equalTo("post-1"))
                        .body("url", equalTo("https://receiver.example/p/1")));
        given(stack.call(KoguService.CONTENT, reader)).get("/v1/drafts/{id}", draft).then().body("status", equalTo("published"));

        // The outbox delivers it to metrics-service, with the same id.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                given(stack.call(KoguService.METRICS, reader)).queryParam("channelId", channel).get("/v1/publications").then()
                        .statusCode(200).body("items.id", equalTo(List.of(publication)))
                        .body("items[0].externalPostId", equalTo("post-1")).body("items[0].campaign", equalTo("spring"))
                        .body("items[0].draftId", equalTo(draft))
                        // What a screen shows next to the id (issue 11): the channel's name and the draft's title.
                        .body("items[0].channelName", equalTo("@receiver")).body("items[0].title", equalTo("Launch"))
                        .body("items[0].url", equalTo("https://receiver.example/p/1")));
        given(stack.call(KoguService.METRICS, token("ivy", "integration"))).body("""
                        [{"eventId":"like-%s","publicationId":"%s","type":"like","occurredAt":"%s"}]"""
                        .formatted(publication, publication, Instant.now()))
                .post("/v1/events").then().statusCode(200).body("accepted", equalTo(1));
        // Exactly one POST, and still one two seconds later.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
    }

    @Test
    void theBestTimeComesFromMetricsServiceAndFromThePostingWindowsWhenItIsStopped() {
        String windows = """
                [{"weekday":"monday","start":"08:00","end":"20:00"},{"weekday":"tuesday","start":"08:00","end":"20:00"},
                 {"weekday":"wednesday","start":"08:00","end":"20:00"},{"weekday":"thursday","start":"08:00","end":"20:00"},
                 {"weekday":"friday","start":"08:00","end":"20:00"}]""";
        String channel = channel("https://hooks.example.com/kogu", windows);
        String scheduler = token("bob", "approver");
        String draft = approvedDraft(channel);
        String at = given(stack.call(KoguService.CONTENT, scheduler)).header("If-Match", etag(draft))
                .body("{\"slots\":[{\"channelId\":\"%s\",\"best\":{}}]}".formatted(channel))
                .post("/v1/drafts/{id}/schedule", draft).then().statusCode(200)
                .body("slots[0].basis", in(List.of("history", "audience_activity", "defaults")))
                .extract().path("slots[0].publishAt");
        assertInAWindow(at);

        String another = approvedDraft(channel);
        stack.without(KoguService.METRICS, () -> {
            long started = System.nanoTime();
            String fallback = given(stack.call(KoguService.CONTENT, scheduler)).header("If-Match", etag(another))
                    .body("{\"slots\":[{\"channelId\":\"%s\",\"best\":{}}]}".formatted(channel))
                    .post("/v1/drafts/{id}/schedule", another).then().statusCode(200)
                    .body("slots[0].basis", equalTo("posting_windows")).extract().path("slots[0].publishAt");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertInAWindow(fallback);
        });
    }

    private static void assertInAWindow(String at) {
        ZonedDateTime local = OffsetDateTime.parse(at).atZoneSameInstant(ZoneId.of("Europe/Tallinn"));
        assertThat(local.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        assertThat(local.getHour()).isBetween(8, 19);
        assertThat(OffsetDateTime.parse(at).toInstant()).isAfter(Instant.now());
    }

    private static byte[] random() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
