package io.kogu.content.connect;

import com.fasterxml.jackson.databind.JsonNode;
import io.kogu.content.publish.connector.NetworkCalls;
import io.kogu.content.publish.connector.PublishFailure;
import io.kogu.platform.outbound.OutboundHttp;
import io.kogu.platform.outbound.OutboundRequest;
import io.kogu.platform.outbound.OutboundResponse;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.problem.ProblemType;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** What the OAuth flows share: random values, PKCE (RFC 7636), token endpoint calls and their errors (RFC 6749 §5). */
public final class OAuthCalls {

    private static final SecureRandom RANDOM = new SecureRandom();

    private OAuthCalls() {
    }

    /** 32 random bytes, base64url without padding (43 characters): a state, a PKCE code verifier. */
    public static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The S256 code challenge of a verifier (RFC 7636 §4.2): base64url(SHA-256(verifier)). */
    public static String challenge(String verifier) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
    }

    public static String hash(String value) {
        return java.util.HexFormat.of().formatHex(sha256(value));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code base?name=value&…}, in the order given. */
    public static URI withQuery(URI base, String... namesAndValues) {
        String query = NetworkCalls.query(namesAndValues);
        return URI.create(base + (base.toString().contains("?") ? "&" : "?") + query);
    }

    /** The client id Kogu needs for a network, or a 422 saying which setting is missing. */
    public static String required(java.util.Optional<String> value, String network, String key) {
        return value.filter(v -> !v.isBlank()).orElseThrow(() -> new ProblemException(ProblemType.UNPROCESSABLE,
                "Kogu has no " + network + " OAuth client configured (" + key + "); an operator must set it before "
                        + network + " channels can be connected"));
    }

    /**
     * Sends a call of the flow and answers its JSON when it succeeded. The network's refusal (a 4xx other than 429:
     * {@code invalid_grant}, {@code invalid_client}, …) is a 422 with its words; no answer, a 429 or a 5xx a 503.
     */
    public static JsonNode call(OutboundHttp http, OutboundRequest request, String network, String step) {
        OutboundResponse response;
        try {
            response = NetworkCalls.send(http, request.header("Accept", "application/json"), network);
        } catch (PublishFailure failure) {
            if (failure.outcome() == PublishFailure.Outcome.REJECTED) {
                throw new ProblemException(ProblemType.UNPROCESSABLE, network + ": " + failure.reason());
            }
            throw ProblemException.unavailable(network + " did not answer while " + step + "; try again");
        }
        JsonNode body = NetworkCalls.json(response);
        if (response.isSuccess()) {
            return body;
        }
        String said = said(body);
        if (response.status() == 429 || response.status() >= 500) {
            throw ProblemException.unavailable(network + " could not answer while " + step + " (HTTP " + response.status()
                    + (response.status() == 429 ? ", rate limited" : "") + said + "); try again later");
        }
        throw new ProblemException(ProblemType.UNPROCESSABLE, network + " refused " + step + " (HTTP " + response.status()
                + said + "); start connecting again");
    }

    /** The network's error in its words: RFC 6749 {@code error}/{@code error_description}, Graph's {@code error.message}. */
    static String said(JsonNode body) {
        JsonNode error = body.path("error");
        if (error.isObject()) {
            return ": " + truncate(error.path("message").asText(error.path("type").asText("")));
        }
        String code = error.asText("");
        String description = body.path("error_description").asText(body.path("message").asText(body.path("detail").asText("")));
        String text = (code + (description.isBlank() ? "" : (code.isBlank() ? "" : ": ") + description)).trim();
        return text.isEmpty() ? "" : ": " + truncate(text);
    }

    private static String truncate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }

    /**
     * The credentials of a token answer (RFC 6749 §5.1): {@code accessToken}, {@code refreshToken} when there is one,
     * {@code expiresAt} from {@code expires_in}.
     */
    public static Map<String, String> tokens(JsonNode body, String network, Clock clock) {
        String access = body.path("access_token").asText("");
        if (access.isBlank()) {
            throw ProblemException.unavailable(network + " answered without an access token; start connecting again");
        }
        Map<String, String> credentials = new HashMap<>();
        credentials.put("accessToken", access);
        String refresh = body.path("refresh_token").asText("");
        if (!refresh.isBlank()) {
            credentials.put("refreshToken", refresh);
        }
        if (body.path("expires_in").canConvertToLong() && body.path("expires_in").asLong() > 0) {
            credentials.put("expiresAt", clock.instant().plusSeconds(body.path("expires_in").asLong()).toString());
        }
        return credentials;
    }
}
