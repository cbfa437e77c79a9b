package io.kogu.content.connect;

import com.fasterxml.jackson.databind.JsonNode;
import io.kogu.content.publish.connector.threads.ThreadsConfig;
import io.kogu.platform.outbound.OutboundHttp;
import io.kogu.platform.outbound.OutboundRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Threads' own OAuth (https://developers.facebook.com/docs/threads/get-started/get-access-tokens-and-permissions):
 * the browser goes to {@code https://threads.net/oauth/authorize} with {@code client_id}, {@code redirect_uri},
 * {@code scope}, {@code response_type=code} and {@code state}; the code is exchanged at
 * {@code POST https://graph.threads.net/oauth/access_token} ({@code client_id}, {@code client_secret}, {@code code},
 * {@code grant_type=authorization_code}, {@code redirect_uri}) for a short-lived token and the {@code user_id}, then for
 * a long-lived one (60 days) with {@code GET /access_token?grant_type=th_exchange_token&client_secret&access_token}
 * (https://developers.facebook.com/docs/threads/get-started/long-lived-tokens). Renewal is
 * {@code ThreadsConnector.refresh} ({@code th_refresh_token}). The user id becomes {@code connection.threadsUserId}.
 */
@ApplicationScoped
public class ThreadsAuthorization implements OAuthNetwork {

    static final String AUTHORIZE = "https://threads.net/oauth/authorize";
    static final String SCOPES = "threads_basic,threads_content_publish,threads_manage_insights,threads_read_replies";

    @Inject
    ThreadsConfig threads;

    @Inject
    OAuthConfig config;

    @Inject
    OutboundHttp http;

    @Inject
    Clock clock;

    @Override
    public Set<String> networks() {
        return Set.of("threads");
    }

    @Override
    public Authorization authorize(Target channel, URI redirectUri, String state, String codeChallenge) {
        String clientId = OAuthCalls.required(threads.clientId(), "threads", "kogu.connectors.threads.client-id");
        OAuthCalls.required(threads.clientSecret(), "threads", "kogu.connectors.threads.client-secret");
        URI url = OAuthCalls.withQuery(config.authorizeUrl().getOrDefault("threads", URI.create(AUTHORIZE)),
                "client_id", clientId, "redirect_uri", redirectUri.toString(),
                "scope", config.scopes().getOrDefault("threads", SCOPES), "response_type", "code", "state", state);
        return new Authorization(url, Map.of());
    }

    @Override
    public Tokens exchange(Target channel, Map<String, String> pending, URI redirectUri, String code, String codeVerifier) {
        String secret = OAuthCalls.required(threads.clientSecret(), "threads", "kogu.connectors.threads.client-secret");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", OAuthCalls.required(threads.clientId(), "threads", "kogu.connectors.threads.client-id"));
        form.put("client_secret", secret);
        form.put("code", code);
        form.put("grant_type", "authorization_code");
        form.put("redirect_uri", redirectUri.toString());
        JsonNode shortLived = OAuthCalls.call(http, OutboundRequest.post(threads.apiUrl().resolve("/oauth/access_token"))
                .form(form), "threads", "exchanging the authorization code");
        String token = OAuthCalls.tokens(shortLived, "threads", clock).get("accessToken");
        JsonNode longLived = OAuthCalls.call(http, OutboundRequest.get(OAuthCalls.withQuery(
                threads.apiUrl().resolve("/access_token"), "grant_type", "th_exchange_token", "client_secret", secret,
                "access_token", token)), "threads", "exchanging for a long-lived token");
        Map<String, String> connection = new LinkedHashMap<>();
        String userId = shortLived.path("user_id").asText("");
        if (!userId.isBlank()) {
            connection.put("threadsUserId", userId);
        }
        return new Tokens(OAuthCalls.tokens(longLived, "threads", clock), connection);
    }
}
