package io.kogu.content.connect;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * One WireMock server on the loopback address that plays every network's OAuth server in {@link ChannelConnectionsTest}
 * (the outbound guard allows loopback in the test profile, as for the connector tests), and the configuration that
 * points Kogu's flows at it, with test clients (never real ones).
 */
public class OAuthServers implements QuarkusTestResourceLifecycleManager {

    public static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        String base = "http://127.0.0.1:" + server.port();
        return Map.ofEntries(
                Map.entry("kogu.oauth.redirect-uri", "https://app.kogu.example/oauth/callback"),
                Map.entry("kogu.connectors.x.api-url", base),
                Map.entry("kogu.connectors.x.client-id", "kogu-x-client"),
                Map.entry("kogu.connectors.x.client-secret", "kogu-x-secret"),
                Map.entry("kogu.connectors.linkedin.token-url", base + "/oauth/v2/accessToken"),
                Map.entry("kogu.connectors.linkedin.client-id", "kogu-linkedin-client"),
                Map.entry("kogu.connectors.linkedin.client-secret", "kogu-linkedin-secret"),
                Map.entry("kogu.connectors.facebook.api-url", base),
                Map.entry("kogu.connectors.facebook.client-id", "1234567890"),
                Map.entry("kogu.connectors.facebook.client-secret", "kogu-meta-secret"),
                Map.entry("kogu.connectors.threads.api-url", base),
                Map.entry("kogu.connectors.threads.client-id", "987654321"),
                Map.entry("kogu.connectors.threads.client-secret", "kogu-threads-secret"));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
