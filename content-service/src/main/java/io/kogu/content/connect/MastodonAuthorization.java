package io.kogu.content.connect;

import com.fasterxml.jackson.databind.JsonNode;
import io.kogu.content.channel.CredentialCipher;
import io.kogu.platform.outbound.OutboundHttp;
import io.kogu.platform.outbound.OutboundRequest;
import io.kogu.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mastodon, any instance ({@code connection.instanceUrl}): Kogu registers itself once per instance and redirect URI
 * with {@code POST /api/v1/apps} ({@code client_name}, {@code redirect_uris}, {@code scopes}, {@code website};
 * answers {@code client_id} and {@code client_secret} — https://docs.joinmastodon.org/methods/apps/#create), kept in
 * {@code mastodon_app} with the secret sealed; then the browser goes to {@code /oauth/authorize} with
 * {@code response_type=code}, {@code client_id}, {@code redirect_uri}, {@code scope}, {@code state} and the PKCE
 * challenge (https://docs.joinmastodon.org/methods/oauth/#authorize), and the code is exchanged at
 * {@code POST /oauth/token} ({@code grant_type=authorization_code}, {@code code}, {@code client_id},
 * {@code client_secret}, {@code redirect_uri}, {@code code_verifier} — https://docs.joinmastodon.org/methods/oauth/#token).
 * Mastodon tokens do not expire: there is nothing to renew. The instance URL is the user's, so every call goes
 * through the outbound guard (no private addresses).
 */
@ApplicationScoped
public class MastodonAuthorization implements OAuthNetwork {

    static final String SCOPES = "read write";

    @Inject
    OAuthConfig config;

    @Inject
    OutboundHttp http;

    @Inject
    Clock clock;

    @Inject
    EntityManager entityManager;

    @Inject
    CredentialCipher cipher;

    @Override
    public Set<String> networks() {
        return Set.of("mastodon");
    }

    @Override
    public Authorization authorize(Target channel, URI redirectUri, String state, String codeChallenge) {
        URI instance = instance(channel);
        String scopes = config.scopes().getOrDefault("mastodon", SCOPES);
        App app = app(instance, redirectUri, scopes);
        URI url = OAuthCalls.withQuery(instance.resolve("/oauth/authorize"), "response_type", "code",
                "client_id", app.clientId(), "redirect_uri", redirectUri.toString(), "scope", scopes, "state", state,
                "code_challenge", codeChallenge, "code_challenge_method", "S256");
        Map<String, String> pending = new LinkedHashMap<>();
        pending.put("clientId", app.clientId());
        pending.put("clientSecret", app.clientSecret());
        pending.put("scopes", scopes);
        return new Authorization(url, pending);
    }

    @Override
    public Tokens exchange(Target channel, Map<String, String> pending, URI redirectUri, String code, String codeVerifier) {
        URI instance = instance(channel);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("client_id", pending.get("clientId"));
        form.put("client_secret", pending.get("clientSecret"));
        form.put("redirect_uri", redirectUri.toString());
        form.put("code_verifier", codeVerifier);
        form.put("scope", pending.getOrDefault("scopes", SCOPES));
        JsonNode body = OAuthCalls.call(http, OutboundRequest.post(instance.resolve("/oauth/token")).form(form),
                "mastodon", "exchanging the authorization code");
        return new Tokens(OAuthCalls.tokens(body, "mastodon", clock), Map.of());
    }

    private static URI instance(Target channel) {
        String url = channel.connection().get("instanceUrl");
        if (url == null || url.isBlank()) {
            throw ProblemException.unprocessable("The channel has no connection.instanceUrl: set its Mastodon server "
                    + "(e.g. https://mastodon.social) first", List.of());
        }
        try {
            URI uri = URI.create(url.trim());
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
        } catch (IllegalArgumentException e) {
            throw ProblemException.unprocessable("The channel's connection.instanceUrl is not an http(s) URL", List.of());
        }
    }

    record App(String clientId, String clientSecret) {
    }

    /** Kogu's app on the instance: the stored one, else registered now (outside any transaction) and stored. */
    App app(URI instance, URI redirectUri, String scopes) {
        App known = stored(instance.toString(), redirectUri.toString(), scopes);
        if (known != null) {
            return known;
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_name", config.clientName());
        form.put("redirect_uris", redirectUri.toString());
        form.put("scopes", scopes);
        config.website().ifPresent(site -> form.put("website", site));
        JsonNode body = OAuthCalls.call(http, OutboundRequest.post(instance.resolve("/api/v1/apps")).form(form),
                "mastodon", "registering Kogu on " + instance.getHost());
        String clientId = body.path("client_id").asText("");
        String clientSecret = body.path("client_secret").asText("");
        if (clientId.isBlank() || clientSecret.isBlank()) {
            throw ProblemException.unavailable("The Mastodon server " + instance.getHost()
                    + " registered Kogu without a client id and secret; try again");
        }
        return store(instance.toString(), redirectUri.toString(), scopes, new App(clientId, clientSecret));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    App stored(String instance, String redirectUri, String scopes) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select client_id, client_secret, key_id from mastodon_app
                        where instance_url = :instance and redirect_uri = :redirect and scopes = :scopes""")
                .setParameter("instance", instance).setParameter("redirect", redirectUri).setParameter("scopes", scopes)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        try {
            Map<String, String> secret = cipher.open((byte[]) rows.get(0)[1], (String) rows.get(0)[2], "mastodon-app/" + instance);
            return new App((String) rows.get(0)[0], secret.get("clientSecret"));
        } catch (RuntimeException unreadable) {
            // Sealed with a key no longer configured: registering again replaces it.
            return null;
        }
    }

    /** Two replicas registering at once: the last stored is kept; both apps work at the instance. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    App store(String instance, String redirectUri, String scopes, App app) {
        CredentialCipher.Sealed sealed = cipher.seal(Map.of("clientSecret", app.clientSecret()), "mastodon-app/" + instance);
        entityManager.createNativeQuery("""
                        insert into mastodon_app (instance_url, redirect_uri, scopes, client_id, client_secret, key_id, created_at)
                        values (:instance, :redirect, :scopes, :id, :secret, :key, :now)
                        on conflict (instance_url, redirect_uri, scopes) do update
                            set client_id = excluded.client_id, client_secret = excluded.client_secret,
                                key_id = excluded.key_id, created_at = excluded.created_at""")
                .setParameter("instance", instance).setParameter("redirect", redirectUri).setParameter("scopes", scopes)
                .setParameter("id", app.clientId()).setParameter("secret", sealed.bytes()).setParameter("key", sealed.keyId())
                .setParameter("now", clock.instant()).executeUpdate();
        return app;
    }
}
