package io.kogu.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.kogu.devkit.KoguService;
import io.kogu.devkit.KoguStack;
import io.kogu.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/**
 * Kogu as a frontend developer or an integration meets it, through the TypeScript client generated from the three
 * documents ({@code clients/typescript}, see {@link TypeScriptClient}) against the running stack:
 *
 * <ul>
 *   <li>the client's scenario in Node.js: a channel and a draft, validated, submitted, approved by two people,
 *       scheduled, published, then read in metrics-service;</li>
 *   <li>in headless Chromium (Debian's {@code chromium}, driven by playwright-core): a page served from another
 *       origin, {@code http://localhost:5173} as under {@code ./kogu up}, creates, reads and updates a draft through
 *       CORS with the ETag it read; the same page from an origin outside the allow-list gets nothing;</li>
 *   <li>Swagger UI's "Try it out" on content-service's port of the run (never the default 8081) answers 200.</li>
 * </ul>
 *
 * Without node and npm, or without Chromium for the browser tests, they are skipped with a message saying what to
 * install; with {@code CI} set they fail.
 */
@ExtendWith(RunningStack.Shared.class)
class TypeScriptClientTest {

    /** The origin ./kogu up lets a frontend's development server (Vite) call the services from. */
    private static final int DEVELOPMENT_ORIGIN_PORT = 5173;
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("KOGU_CHROMIUM", "/usr/bin/chromium"));

    private static RunningStack stack;
    private static TypeScriptClient client;

    private final String workspace = TestTokens.newWorkspace();

    @BeforeAll
    static void makeTheClientReady(RunningStack running) {
        stack = running;
        client = TypeScriptClient.get();
    }

    private String token(String subject, String... roles) {
        return TestTokens.tokenOf(subject, workspace, roles);
    }

    private Map<String, String> urls() {
        return Map.of("KOGU_CONTENT_URL", stack.url(KoguService.CONTENT).toString(),
                "KOGU_AUDIENCE_URL", stack.url(KoguService.AUDIENCE).toString(),
                "KOGU_METRICS_URL", stack.url(KoguService.METRICS).toString());
    }

    @Test
    void theScenarioRunsThroughTheGeneratedClient() {
        Map<String, String> environment = new HashMap<>(urls());
        environment.putAll(Map.of("KOGU_ADMIN_TOKEN", token("ada", "admin"),
                "KOGU_EDITOR_TOKEN", token("ann", "editor"),
                "KOGU_APPROVER_TOKEN_1", token("bob", "approver"),
                "KOGU_APPROVER_TOKEN_2", token("cyd", "approver"),
                "KOGU_VIEWER_TOKEN", token("vic", "viewer"),
                "KOGU_INTEGRATION_TOKEN", token("ivy", "integration")));

        TypeScriptClient.Run run = client.run("scenario", List.of(), environment, Duration.ofMinutes(2));

        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode report = run.report("KOGU_SCENARIO");
        assertThat(report.path("posts").asInt()).as("POSTs the receiver got").isEqualTo(1);
        assertThat(report.path("likes").asInt()).isEqualTo(1);
        assertThat(report.path("engagements").asInt()).isEqualTo(1);
        // What the scenario did, as the services tell it.
        String reader = token("vic", "viewer");
        given(stack.call(KoguService.CONTENT, reader)).get("/v1/drafts/{id}", report.path("draftId").asText()).then()
                .statusCode(200).body("status", equalTo("published"));
        given(stack.call(KoguService.CONTENT, reader)).get("/v1/drafts/{id}/history", report.path("draftId").asText())
                .then().statusCode(200).body("items.actor", hasItems("ann", "bob", "cyd"));
        given(stack.call(KoguService.CONTENT, reader)).get("/v1/publications/{id}", report.path("publicationId").asText())
                .then().statusCode(200).body("state", equalTo("published")).body("externalId", equalTo("post-1"));
        given(stack.call(KoguService.METRICS, reader))
                .get("/v1/publications/{id}/summary", report.path("publicationId").asText())
                .then().statusCode(200).body("totals.like", equalTo(1));
        given(stack.call(KoguService.AUDIENCE, reader)).get("/v1/members/{id}", report.path("memberId").asText())
                .then().statusCode(200).body("displayName", equalTo("Ann Tamm"));
    }

    @Test
    void aPageOnAnotherOriginCreatesReadsAndUpdatesADraftInChromium() throws IOException {
        requireChromium();
        assertThat(KoguStack.DEVELOPMENT_ORIGINS.split(",")).contains("http://localhost:" + DEVELOPMENT_ORIGIN_PORT);
        try (PageServer allowed = PageServer.onPort(DEVELOPMENT_ORIGIN_PORT, stack.spareOriginPort(), client.work());
             PageServer refused = PageServer.onPort(0, 0, client.work())) {
            Map<String, String> environment = new HashMap<>(urls());
            environment.putAll(Map.of("KOGU_PAGE_ORIGIN", allowed.origin(), "KOGU_REFUSED_ORIGIN", refused.origin(),
                    "KOGU_EDITOR_TOKEN", token("ann", "editor"), "KOGU_CHROMIUM", CHROMIUM.toString()));

            TypeScriptClient.Run run = client.run("browser", List.of("page"), environment, Duration.ofMinutes(2));

            assertThat(run.exitCode()).as(run.output()).isZero();
            JsonNode page = run.report("KOGU_BROWSER").path("page");
            assertThat(page.path("origin").asText()).isEqualTo(allowed.origin());
            assertThat(page.path("error").isMissingNode()).as(page.toString()).isTrue();
            assertThat(page.path("createdStatus").asInt()).isEqualTo(201);
            // The page could read the ETag (exposed through CORS), and changing the draft with it worked.
            assertThat(page.path("createdEtag").asText()).as(page.toString()).isNotBlank();
            assertThat(page.path("readEtag").asText()).isEqualTo(page.path("createdEtag").asText());
            assertThat(page.path("requestId").asText()).isNotBlank();
            assertThat(page.path("updatedStatus").asInt()).isEqualTo(200);
            assertThat(page.path("updatedEtag").asText()).isNotBlank().isNotEqualTo(page.path("readEtag").asText());
            assertThat(page.path("title").asText()).isEqualTo("Edited in a browser");
            assertThat(page.path("staleStatus").asInt()).isEqualTo(412);
            given(stack.call(KoguService.CONTENT, token("vic", "viewer"))).get("/v1/drafts/{id}",
                    page.path("draftId").asText()).then().statusCode(200).body("title", equalTo("Edited in a browser"));

            // The same page from an origin outside the allow-list: the browser refuses it any answer.
            JsonNode outside = run.report("KOGU_BROWSER").path("refused");
            assertThat(outside.path("origin").asText()).isEqualTo(refused.origin());
            assertThat(outside.path("createdStatus").isMissingNode()).as(outside.toString()).isTrue();
            assertThat(outside.path("error").asText()).contains("Failed to fetch");
        }
    }

    @Test
    void swaggerUiTriesAnOperationOnTheServicesOwnPort() {
        requireChromium();
        assertThat(stack.url(KoguService.CONTENT).getPort()).isNotEqualTo(8081);
        Map<String, String> environment = new HashMap<>(urls());
        environment.putAll(Map.of("KOGU_VIEWER_TOKEN", token("vic", "viewer"), "KOGU_CHROMIUM", CHROMIUM.toString()));

        TypeScriptClient.Run run = client.run("browser", List.of("swagger-ui"), environment, Duration.ofMinutes(2));

        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode swaggerUi = run.report("KOGU_BROWSER").path("swaggerUi");
        assertThat(swaggerUi.path("requestUrl").asText())
                .isEqualTo(stack.url(KoguService.CONTENT) + "/v1/approval-policy");
        assertThat(swaggerUi.path("authorization").asBoolean()).as("sent the token").isTrue();
        assertThat(swaggerUi.path("status").asInt()).isEqualTo(200);
        assertThat(swaggerUi.path("shownStatus").asText()).as("what Swagger UI shows").isEqualTo("200");
    }

    private static void requireChromium() {
        TypeScriptClient.require(Files.isExecutable(CHROMIUM), "the browser tests need Chromium at " + CHROMIUM
                + " (Debian: apt-get install -y chromium; KOGU_CHROMIUM names another)");
    }

    /**
     * A frontend's development server, as far as the browser tests need one: the client's {@code web/},
     * {@code dist/} and openapi-fetch's module, on the first of the given ports that is free (0: any).
     */
    private static final class PageServer implements AutoCloseable {

        private static final List<String> SERVED = List.of("/web/", "/dist/", "/node_modules/openapi-fetch/dist/");

        private final HttpServer server;

        private PageServer(HttpServer server) {
            this.server = server;
        }

        static PageServer onPort(int port, int otherwise, Path root) throws IOException {
            HttpServer server;
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            } catch (BindException taken) {
                System.err.println("[typescript-client] port " + port + " is taken; the page is served on "
                        + otherwise + ", an origin the test stack also allows");
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), otherwise), 0);
            }
            Path base = root.toRealPath();
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                Path file = base.resolve(path.substring(1)).normalize();
                boolean allowed = "GET".equals(exchange.getRequestMethod()) && !path.contains("..")
                        && SERVED.stream().anyMatch(path::startsWith) && Files.isRegularFile(file);
                if (!allowed) {
                    exchange.sendResponseHeaders(404, -1);
                    exchange.close();
                    return;
                }
                byte[] body = Files.readAllBytes(file);
                String name = file.getFileName().toString();
                exchange.getResponseHeaders().add("Content-Type", name.endsWith(".html") ? "text/html; charset=utf-8"
                        : name.endsWith(".js") || name.endsWith(".mjs") ? "text/javascript; charset=utf-8"
                        : "application/octet-stream");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return new PageServer(server);
        }

        String origin() {
            return "http://localhost:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
