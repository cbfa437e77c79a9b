package io.kogu.content.connect;

import com.fasterxml.jackson.databind.JsonNode;
import io.kogu.content.publish.connector.linkedin.LinkedInConfig;
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
 * LinkedIn's 3-legged OAuth (authorization code flow,
 * https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow): the browser goes to
 * {@code https://www.linkedin.com/oauth/v2/authorization} with {@code response_type=code}, {@code client_id},
 * {@code redirect_uri}, {@code state} and {@code scope}; the code is exchanged at
 * {@code POST https://www.linkedin.com/oauth/v2/accessToken} ({@code grant_type=authorization_code}, {@code code},
 * {@code client_id}, {@code client_secret}, {@code redirect_uri}), which answers {@code access_token} and
 * {@code expires_in} (60 days), and {@code refresh_token} for apps LinkedIn allows programmatic refresh
 * (https://learn.microsoft.com/en-us/linkedin/shared/authentication/programmatic-refresh-tokens). LinkedIn documents
 * PKCE only for its native-client flow, so this web flow sends no PKCE parameters: it relies on the client secret
 * and the state.
 */
@ApplicationScoped
public class LinkedInAuthorization implements OAuthNetwork {

    static final String AUTHORIZE = "https://www.linkedin.com/oauth/v2/authorization";
    static final String SCOPES = "openid profile w_member_social";

    @Inject
    LinkedInConfig linkedin;

    @Inject
    OAuthConfig config;

    @Inject
    OutboundHttp http;

    @Inject
    Clock clock;

    @Override
    public Set<String> networks() {
        return Set.of("linkedin");
    }

    @Override
    public Authorization authorize(Target channel, URI redirectUri, String state, String codeChallenge) {
        String clientId = OAuthCalls.required(linkedin.clientId(), "linkedin", "kogu.connectors.linkedin.client-id");
        OAuthCalls.required(linkedin.clientSecret(), "linkedin", "kogu.connectors.linkedin.client-secret");
        URI url = OAuthCalls.withQuery(config.authorizeUrl().getOrDefault("linkedin", URI.create(AUTHORIZE)),
                "response_type", "code", "client_id", clientId, "redirect_uri", redirectUri.toString(),
                "state", state, "scope", config.scopes().getOrDefault("linkedin", SCOPES));
        return new Authorization(url, Map.of());
    }

    @Override
    public Tokens exchange(Target channel, Map<String, String> pending, URI redirectUri, String code, String codeVerifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("client_id", OAuthCalls.required(linkedin.clientId(), "linkedin", "kogu.connectors.linkedin.client-id"));
        form.put("client_secret", OAuthCalls.required(linkedin.clientSecret(), "linkedin",
                "kogu.connectors.linkedin.client-secret"));
        form.put("redirect_uri", redirectUri.toString());
        JsonNode body = OAuthCalls.call(http, OutboundRequest.post(linkedin.tokenUrl()).form(form), "linkedin",
                "exchanging the authorization code");
        Map<String, String> credentials = OAuthCalls.tokens(body, "linkedin", clock);
        if (body.path("refresh_token_expires_in").canConvertToLong() && credentials.containsKey("refreshToken")) {
            credentials.put("refreshTokenExpiresAt",
                    clock.instant().plusSeconds(body.path("refresh_token_expires_in").asLong()).toString());
        }
        return new Tokens(credentials, Map.of());
    }
}
