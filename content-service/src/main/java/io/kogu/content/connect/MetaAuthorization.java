package io.kogu.content.connect;

import com.fasterxml.jackson.databind.JsonNode;
import io.kogu.content.publish.connector.facebook.FacebookConfig;
import io.kogu.platform.outbound.OutboundHttp;
import io.kogu.platform.outbound.OutboundRequest;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Facebook Login for Facebook Pages and Instagram professional accounts (one Meta app, {@code
 * kogu.connectors.facebook.client-id}/{@code client-secret}):
 * <ol>
 * <li>The login dialog {@code https://www.facebook.com/{version}/dialog/oauth} with {@code client_id},
 *     {@code redirect_uri}, {@code state}, {@code response_type=code}, {@code scope} and the PKCE challenge —
 *     https://developers.facebook.com/documentation/facebook-login/guides/advanced/manual-flow,
 *     https://developers.facebook.com/documentation/facebook-login/guides/advanced/oidc-token.</li>
 * <li>The code for a (short-lived) user token: {@code GET /{version}/oauth/access_token?client_id&redirect_uri
 *     &client_secret&code&code_verifier} → {@code {access_token, token_type, expires_in}}.</li>
 * <li>That for a long-lived one (about 60 days): {@code GET /{version}/oauth/access_token?grant_type=fb_exchange_token
 *     &client_id&client_secret&fb_exchange_token} —
 *     https://developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived.</li>
 * <li>Facebook: the Page's token from the long-lived user token, {@code GET /{page-id}?fields=access_token}; a Page
 *     token got this way does not expire (same page), so the channel has no {@code expiresAt}. Instagram: the
 *     long-lived user token is the channel's {@code accessToken} with its {@code expiresAt}; Graph has no refresh
 *     grant for it, so the channel is connected again before then (its health shows when).</li>
 * </ol>
 */
@ApplicationScoped
public class MetaAuthorization implements OAuthNetwork {

    static final Map<String, String> SCOPES = Map.of(
            "facebook", "pages_show_list,pages_read_engagement,pages_manage_posts,pages_manage_engagement",
            "instagram", "instagram_basic,instagram_content_publish,instagram_manage_comments,instagram_manage_insights,"
                    + "pages_show_list,pages_read_engagement");

    @Inject
    FacebookConfig facebook;

    @Inject
    OAuthConfig config;

    @Inject
    OutboundHttp http;

    @Inject
    Clock clock;

    @Override
    public Set<String> networks() {
        return Set.of("facebook", "instagram");
    }

    private URI graph(String path) {
        return facebook.apiUrl().resolve("/" + facebook.version() + path);
    }

    @Override
    public Authorization authorize(Target channel, URI redirectUri, String state, String codeChallenge) {
        String clientId = OAuthCalls.required(facebook.clientId(), channel.network(), "kogu.connectors.facebook.client-id");
        OAuthCalls.required(facebook.clientSecret(), channel.network(), "kogu.connectors.facebook.client-secret");
        if ("facebook".equals(channel.network()) && blank(channel.connection().get("pageId"))) {
            throw ProblemException.unprocessable("The channel has no connection.pageId: set the Facebook Page's id on the "
                    + "channel first, so Kogu knows which Page's token to keep", java.util.List.of());
        }
        URI dialog = config.authorizeUrl().getOrDefault(channel.network(),
                URI.create("https://www.facebook.com/" + facebook.version() + "/dialog/oauth"));
        URI url = OAuthCalls.withQuery(dialog, "client_id", clientId, "redirect_uri", redirectUri.toString(),
                "state", state, "response_type", "code",
                "scope", config.scopes().getOrDefault(channel.network(), SCOPES.get(channel.network())),
                "code_challenge", codeChallenge, "code_challenge_method", "S256");
        return new Authorization(url, Map.of());
    }

    @Override
    public Tokens exchange(Target channel, Map<String, String> pending, URI redirectUri, String code, String codeVerifier) {
        String network = channel.network();
        String clientId = OAuthCalls.required(facebook.clientId(), network, "kogu.connectors.facebook.client-id");
        String secret = OAuthCalls.required(facebook.clientSecret(), network, "kogu.connectors.facebook.client-secret");
        JsonNode shortLived = OAuthCalls.call(http, OutboundRequest.get(OAuthCalls.withQuery(graph("/oauth/access_token"),
                "client_id", clientId, "redirect_uri", redirectUri.toString(), "client_secret", secret, "code", code,
                "code_verifier", codeVerifier)), network, "exchanging the authorization code");
        String userToken = OAuthCalls.tokens(shortLived, network, clock).get("accessToken");
        JsonNode longLived = OAuthCalls.call(http, OutboundRequest.get(OAuthCalls.withQuery(graph("/oauth/access_token"),
                "grant_type", "fb_exchange_token", "client_id", clientId, "client_secret", secret,
                "fb_exchange_token", userToken)), network, "exchanging for a long-lived token");
        Map<String, String> user = OAuthCalls.tokens(longLived, network, clock);
        if ("instagram".equals(network)) {
            return new Tokens(user, Map.of());
        }
        String pageId = channel.connection().get("pageId");
        JsonNode page = OAuthCalls.call(http, OutboundRequest.get(OAuthCalls.withQuery(graph("/" + pageId),
                "fields", "access_token", "access_token", user.get("accessToken"))), network, "reading the Page's token");
        String pageToken = page.path("access_token").asText("");
        if (pageToken.isBlank()) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "Facebook gave no token for Page " + pageId
                    + ": the person who connected must manage that Page and grant Kogu pages_manage_posts");
        }
        Map<String, String> credentials = new HashMap<>();
        credentials.put("pageAccessToken", pageToken);
        return new Tokens(credentials, Map.of());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
