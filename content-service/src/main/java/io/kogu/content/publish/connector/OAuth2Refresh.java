package io.kogu.content.publish.connector;

import com.fasterxml.jackson.databind.JsonNode;
import io.kogu.platform.outbound.OutboundRequest;
import io.kogu.platform.outbound.OutboundResponse;
import io.kogu.platform.outbound.OutboundHttp;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The OAuth 2.0 refresh-token grant (RFC 6749 §6) for networks whose user tokens expire (X, LinkedIn). Credentials
 * {@code accessToken}, {@code refreshToken} and {@code expiresAt} (ISO-8601 instant, or epoch seconds); the renewed
 * ones go back with {@link Account#replaceCredentials}. Networks that rotate refresh tokens (X) answer a new one,
 * which replaces the old; one that answers none keeps the old.
 */
public final class OAuth2Refresh {

    /** How the client authenticates at the token endpoint (RFC 6749 §2.3.1). */
    public enum ClientAuth {
        /** HTTP Basic with id and secret ({@code client_id} also in the body, as public clients need it). */
        BASIC,
        /** {@code client_id} and {@code client_secret} in the form body. */
        BODY
    }

    /** Refresh this long before {@code expiresAt}, so a token does not expire between the check and the call. */
    public static final Duration MARGIN = Duration.ofSeconds(60);

    private OAuth2Refresh() {
    }

    /** Whether the stored access token expires within {@link #MARGIN} (false when the channel does not say). */
    public static boolean expiresSoon(Account account, Clock clock) {
        return account.credential("expiresAt").flatMap(OAuth2Refresh::instant)
                .map(at -> !clock.instant().plus(MARGIN).isBefore(at)).orElse(false);
    }

    public static void refresh(OutboundHttp http, URI tokenUrl, Optional<String> clientId, Optional<String> clientSecret,
                               ClientAuth auth, Account account, String network, Clock clock) throws PublishFailure {
        String refreshToken = account.credential("refreshToken").orElseThrow(() -> PublishFailure.unauthorized(null,
                "no_refresh_token", network + " access expired and the channel has no refresh token: reconnect the channel"));
        if (clientId.isEmpty()) {
            throw PublishFailure.unauthorized(null, "no_client", "Kogu has no " + network
                    + " OAuth client configured (kogu.connectors." + network + ".client-id), so the access cannot be renewed");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("client_id", clientId.get());
        OutboundRequest request = OutboundRequest.post(tokenUrl);
        if (auth == ClientAuth.BODY) {
            clientSecret.ifPresent(secret -> form.put("client_secret", secret));
        } else if (clientSecret.isPresent()) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (clientId.get() + ":" + clientSecret.get()).getBytes(StandardCharsets.UTF_8)));
        }
        request.form(form).header("Accept", "application/json");
        OutboundResponse response = NetworkCalls.sendBeforePost(http, request, network, "renewing the access token");
        JsonNode body = NetworkCalls.json(response);
        if (response.status() == 400 || response.status() == 401 || response.status() == 403) {
            // RFC 6749 §5.2: invalid_grant (revoked, expired or already used refresh token), invalid_client, …
            String error = body.path("error").asText(null);
            String description = body.path("error_description").asText(body.path("message").asText(""));
            throw PublishFailure.unauthorized(response.status(), error, network + " refused to renew the channel's access ("
                    + (error != null ? error : "HTTP " + response.status())
                    + (description.isBlank() ? "" : ": " + description) + "): reconnect the channel");
        }
        if (!response.isSuccess()) {
            // A token call publishes nothing: whatever went wrong, the post can be tried again.
            throw NetworkCalls.beforePost(HttpOutcomes.status(response, network, body.path("error").asText(null),
                    body.path("error_description").asText(null)), "renewing the access token");
        }
        String accessToken = body.path("access_token").asText("");
        if (accessToken.isBlank()) {
            throw PublishFailure.notPublished(response.status(), "no_access_token",
                    network + " answered the token renewal without an access token; Kogu tries again", null);
        }
        Map<String, String> renewed = new HashMap<>(account.credentials());
        renewed.put("accessToken", accessToken);
        String newRefresh = body.path("refresh_token").asText("");
        if (!newRefresh.isBlank()) {
            renewed.put("refreshToken", newRefresh);
        }
        if (body.hasNonNull("expires_in")) {
            renewed.put("expiresAt", clock.instant().plusSeconds(body.path("expires_in").asLong()).toString());
        } else {
            renewed.remove("expiresAt");
        }
        account.replaceCredentials(renewed);
    }

    private static Optional<Instant> instant(String value) {
        try {
            return Optional.of(Instant.parse(value.trim()));
        } catch (DateTimeParseException notIso) {
            try {
                return Optional.of(Instant.ofEpochSecond(Long.parseLong(value.trim())));
            } catch (NumberFormatException unreadable) {
                return Optional.empty();
            }
        }
    }
}
