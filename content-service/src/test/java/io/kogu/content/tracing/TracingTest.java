package io.kogu.content.tracing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.kogu.platform.outbox.Outbox;
import io.kogu.platform.outbox.OutboxDispatcher;
import io.kogu.testsupport.Contract;
import io.kogu.testsupport.TestTokens;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 11, item 8: the W3C trace context and {@code X-Request-Id} cross every call to another Kogu service — a call
 * made during a request (best time, metrics-service's REST client) and an outbox delivery made later by the
 * dispatcher (publication.published) — and a JSON log line carries the request id, workspace, trace id and span id.
 * metrics-service is a WireMock peer here (system-tests use the real one); the logs go to a JSON file.
 */
@QuarkusTest
@TestProfile(TracingTest.Profile.class)
class TracingTest {

    static final Path LOG = Path.of("target", "tracing-test-" + UUID.randomUUID() + ".json.log");

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.file.enabled", "true", "quarkus.log.file.path", LOG.toAbsolutePath().toString(),
                    "quarkus.log.file.json.enabled", "true");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(MetricsPeer.class));
        }
    }

    /** metrics-service as a WireMock peer: it records what reaches it and answers 503 (best time falls back). */
    public static class MetricsPeer implements QuarkusTestResourceLifecycleManager {
        private WireMockServer server;

        @Override
        public Map<String, String> start() {
            server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
            server.start();
            server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503)));
            return Map.of("kogu.metrics-url", server.baseUrl(), "quarkus.rest-client.metrics-service.url", server.baseUrl());
        }

        @Override
        public void inject(TestInjector injector) {
            injector.injectIntoFields(server, new TestInjector.MatchesType(WireMockServer.class));
        }

        @Override
        public void stop() {
            if (server != null) {
                server.stop();
            }
        }
    }

    WireMockServer metrics;

    @Inject
    Outbox outbox;

    @Inject
    OutboxDispatcher dispatcher;

    @Inject
    Tracer tracer;

    private final Contract contract = Contract.ofThisService();
    private final String workspace = TestTokens.newWorkspace();
    private final ObjectMapper json = new ObjectMapper();

    private RequestSpecification as(String subject, String... roles) {
        return given().filter(contract.full()).auth().oauth2(TestTokens.tokenOf(subject, workspace, roles))
                .contentType(ContentType.JSON);
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private List<LoggedRequest> receivedWith(String requestId) {
        return metrics.getAllServeEvents().stream().map(event -> event.getRequest())
                .filter(request -> requestId.equals(request.getHeader("X-Request-Id"))).toList();
    }

    @Test
    void aCallDuringARequestCarriesItsTraceAndRequestIdAndTheLogLineSaysSo() throws Exception {
        String channel = as("ada", "admin").body("""
                        {"network":"webhook","handle":"@kogu","timeZone":"Europe/Tallinn",
                         "connection":{"url":"https://hooks.example.com/kogu"},
                         "postingWindows":[{"weekday":"tuesday","start":"09:00","end":"11:00"}]}""")
                .post("/v1/channels").then().statusCode(201).extract().path("id");
        String draft = as("ann", "editor").body("{\"title\":\"Traced\",\"body\":\"Follow me\",\"channelIds\":[\"%s\"]}"
                .formatted(channel)).post("/v1/drafts").then().statusCode(201).extract().path("id");
        String etag = as("ann", "editor").get("/v1/drafts/{id}", draft).then().extract().header("ETag");
        as("ann", "editor").header("If-Match", etag).body("{}").post("/v1/drafts/{id}/submission", draft).then().statusCode(200);
        etag = as("bob", "approver").get("/v1/drafts/{id}", draft).then().extract().header("ETag");
        as("bob", "approver").header("If-Match", etag).body("{}").post("/v1/drafts/{id}/approvals", draft).then().statusCode(200);
        etag = as("bob", "approver").get("/v1/drafts/{id}", draft).then().extract().header("ETag");

        String traceId = hex(16);
        String requestId = "trace-test-" + UUID.randomUUID();
        as("bob", "approver").header("If-Match", etag).header("traceparent", "00-" + traceId + "-" + hex(8) + "-01")
                .header("X-Request-Id", requestId)
                .body("{\"slots\":[{\"channelId\":\"%s\",\"best\":{}}]}".formatted(channel))
                .post("/v1/drafts/{id}/schedule", draft).then().statusCode(200).header("X-Request-Id", requestId);

        // The best-time call reached metrics-service in the same trace, with the same request id.
        List<LoggedRequest> calls = receivedWith(requestId);
        assertThat(calls).as("calls to metrics-service during the request").isNotEmpty();
        for (LoggedRequest call : calls) {
            assertThat(call.getUrl()).startsWith("/v1/best-time");
            assertThat(call.getHeader("traceparent")).matches("00-" + traceId + "-[0-9a-f]{16}-0[01]");
        }

        // Its log line (metrics-service did not answer, the posting windows decided), in JSON with every field.
        JsonNode line = await().atMost(Duration.ofSeconds(10)).until(() -> logLine(requestId, "posting windows decide"),
                Optional::isPresent).orElseThrow();
        JsonNode mdc = line.get("mdc");
        assertThat(mdc.get("requestId").asText()).isEqualTo(requestId);
        assertThat(mdc.get("workspace").asText()).isEqualTo(workspace);
        assertThat(mdc.get("traceId").asText()).isEqualTo(traceId);
        assertThat(mdc.get("spanId").asText()).matches("[0-9a-f]{16}");
        assertThat(line.get("level").asText()).isEqualTo("WARN");
    }

    @Test
    void anOutboxDeliveryContinuesTheTraceAndRequestIdOfTheRequestThatWroteIt() {
        String requestId = "outbox-test-" + UUID.randomUUID();
        Span request = tracer.spanBuilder("a request").startSpan();
        String traceId = request.getSpanContext().getTraceId();
        try (Scope ignored = request.makeCurrent()) {
            MDC.put("requestId", requestId);
            QuarkusTransaction.requiringNew().run(() -> outbox.write(UUID.randomUUID(), workspace, "publication.published",
                    Map.of("id", UUID.randomUUID().toString(), "channelId", UUID.randomUUID().toString(),
                            "network", "webhook", "publishedAt", "2026-11-20T08:00:00Z")));
        } finally {
            MDC.remove("requestId");
            request.end();
        }

        // Later, in the dispatcher (no request around it): the delivery carries both.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            dispatcher.dispatchDue();
            assertThat(receivedWith(requestId)).isNotEmpty();
        });
        LoggedRequest delivery = receivedWith(requestId).get(0);
        assertThat(delivery.getUrl()).isEqualTo("/v1/publications");
        assertThat(delivery.getHeader("Kogu-Workspace")).isEqualTo(workspace);
        assertThat(delivery.getHeader("traceparent")).matches("00-" + traceId + "-[0-9a-f]{16}-0[01]");
    }

    @Test
    void aBackgroundJobLogsWithItsWorkspaceAndARequestIdNamingTheJob() throws Exception {
        String location = as("ann", "editor").contentType("text/csv").body("title,body\nTraced import,Row\n")
                .post("/v1/drafts/imports").then().statusCode(202).extract().header("Location");
        String jobId = location.substring(location.lastIndexOf('/') + 1);

        // The runner's poll (every second) takes the job; no request is around it.
        JsonNode line = await().atMost(Duration.ofSeconds(30)).until(() -> logLine("job-" + jobId, "ended completed"),
                Optional::isPresent).orElseThrow();
        JsonNode mdc = line.get("mdc");
        assertThat(mdc.get("requestId").asText()).isEqualTo("job-" + jobId);
        assertThat(mdc.get("workspace").asText()).isEqualTo(workspace);
        assertThat(mdc.get("traceId").asText()).matches("[0-9a-f]{32}");
    }

    private Optional<JsonNode> logLine(String requestId, String text) throws IOException {
        if (!Files.exists(LOG)) {
            return Optional.empty();
        }
        for (String raw : Files.readAllLines(LOG)) {
            if (!raw.contains(requestId)) {
                continue;
            }
            JsonNode line = json.readTree(raw);
            if (line.path("message").asText().contains(text)) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }
}
