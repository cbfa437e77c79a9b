package io.kogu.content.connect;

import com.fasterxml.jackson.databind.JsonNode;
import io.kogu.content.publish.connector.x.XConfig;
import io.kogu.platform.outbound.OutboundHttp;
import io.kogu.platform.outbound.OutboundRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * X's OAuth 2.0 authorization code flow with PKCE
 * (https://docs.x.com/resources/fundamentals/authentication/oauth-2-0/authorization-code): the browser goes to
 * {@code https://x.com/i/oauth2/authorize} with {@code response_type=code}, {@code client_id}, {@code redirect_uri},
 * {@code scope} ({@code offline.access} for a refresh token), {@code state}, {@code code_challenge} and
 * {@code code_challenge_method=S256}; the code is exchanged at {@code POST https://api.x.com/2/oauth2/token}
 * ({@code grant_type=authorization_code}, {@code code}, {@code redirect_uri}, {@code code_verifier},
 * {@code client_id}; a confidential client authenticates with HTTP Basic), which answers {@code access_token},
 * {@code refresh_token} and {@code expires_in} (two hours). Renewal is {@code XConnector.refresh}.
 */
@ApplicationScoped
public class XAuthorization implements OAuthNetwork {

    static final String AUTHORIZE = "https://x.com/i/oauth2/authorize";
    static final String SCOPES = "tweet.read tweet.write users.read media.write offline.access";

    @Inject
    XConfig x;

    @Inject
    OAuthConfig config;

    @Inject
    OutboundHttp http;

    @Inject
    Clock clock;

    @Override
    public Set<String> networks() {
        return Set.of("x");
    }

    @Override
    public Authorization authorize(Target channel, URI redirectUri, String state, String codeChallenge) {
        String clientId = OAuthCalls.required(x.clientId(), "x", "kogu.connectors.x.client-id");
        URI url = OAuthCalls.withQuery(config.authorizeUrl().getOrDefault("x", URI.create(AUTHORIZE)),
                "response_type", "code", "client_id", clientId, "redirect_uri", redirectUri.toString(),
                "scope", config.scopes().getOrDefault("x", SCOPES), "state", state,
                "code_challenge", codeChallenge, "code_challenge_method", "S256");
        return new Authorization(url, Map.of());
    }

    @Override
    public Tokens exchange(Target channel, Map<String, String> pending, URI redirectUri, String code, String codeVerifier) {
        String clientId = OAuthCalls.required(x.clientId(), "x", "kogu.connectors.x.client-id");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri.toString());
        form.put("code_verifier", codeVerifier);
        form.put("client_id", clientId);
        OutboundRequest request = OutboundRequest.post(x.apiUrl().resolve("/2/oauth2/token")).form(form);
        x.clientSecret().filter(s -> !s.isBlank()).ifPresent(secret -> request.header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8))));
        JsonNode body = OAuthCalls.call(http, request, "x", "exchanging the authorization code");
        return new Tokens(OAuthCalls.tokens(body, "x", clock), Map.of());
    }
}
