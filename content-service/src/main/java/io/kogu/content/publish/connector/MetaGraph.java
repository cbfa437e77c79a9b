package io.kogu.content.publish.connector;

import java.util.Map;
import java.util.List;
import java.util.LinkedHashMap;
import java.net.URI;
import io.kogu.platform.outbound.OutboundRequest;
import io.kogu.platform.outbound.OutboundHttp;
import com.fasterxml.jackson.databind.JsonNode;
import io.kogu.platform.outbound.OutboundResponse;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * Error answers of Meta's Graph APIs (Facebook Pages, Instagram, Threads), which share one shape,
 * {@code {"error":{"message","type","code","error_subcode","fbtrace_id"}}}, and say more in {@code code} than in
 * the HTTP status (a rate limit comes as 400 or 403). Follows
 * https://developers.facebook.com/docs/graph-api/guides/error-handling and
 * https://developers.facebook.com/docs/graph-api/overview/rate-limiting (codes 4, 17, 32, 613, 80001–80014;
 * {@code X-Business-Use-Case-Usage} with {@code estimated_time_to_regain_access} in minutes).
 */
public final class MetaGraph {

    /** Application (4), user (17), Page (32), hourly (613), application limit (341). */
    private static final Set<Integer> RATE_LIMITS = Set.of(4, 17, 32, 341, 613);
    /** 190 invalid or expired access token, 102 session expired. */
    private static final Set<Integer> ACCESS = Set.of(102, 190);
    /** 1 unknown error, 2 service temporarily unavailable: "retry", but the post may have been made. */
    private static final Set<Integer> TRANSIENT = Set.of(1, 2);

    private MetaGraph() {
    }

    public static PublishFailure failure(OutboundResponse response, String network, Clock clock) {
        JsonNode error = NetworkCalls.json(response).path("error");
        int code = error.path("code").asInt(-1);
        int subcode = error.path("error_subcode").asInt(-1);
        String message = error.path("message").asText("");
        String said = message.isBlank() ? "" : ": " + message;
        String errorCode = code < 0 ? null : subcode > 0 ? code + "/" + subcode : String.valueOf(code);
        int status = response.status();
        if (ACCESS.contains(code) || (code < 0 && status == 401)) {
            return PublishFailure.unauthorized(status, errorCode, network + " refused the channel's access token" + said
                    + " (reconnect the channel)");
        }
        if (RATE_LIMITS.contains(code) || (code >= 80001 && code <= 80014) || status == 429) {
            return PublishFailure.notPublished(status, errorCode, network + " rate limit reached" + said
                    + "; Kogu tries again when the network allows", retryAfter(response, clock).orElse(null));
        }
        if (TRANSIENT.contains(code)) {
            return PublishFailure.unknown(status, errorCode, network + " failed while handling the post" + said);
        }
        if (status >= 500 || code < 0) {
            return HttpOutcomes.status(response, network, errorCode, message);
        }
        return PublishFailure.rejected(status, errorCode, network + " refused the post" + said);
    }

    /**
     * The longest {@code estimated_time_to_regain_access} (minutes) that {@code X-Business-Use-Case-Usage} or
     * {@code X-Page-Usage} names, else {@code Retry-After}.
     */
    public static Optional<Duration> retryAfter(OutboundResponse response, Clock clock) {
        long minutes = -1;
        for (String header : new String[] {"X-Business-Use-Case-Usage", "X-Page-Usage", "X-App-Usage"}) {
            Optional<String> value = response.header(header);
            if (value.isPresent()) {
                minutes = Math.max(minutes, longestWait(NetworkCalls.json(value.get())));
            }
        }
        return minutes >= 0 ? Optional.of(Duration.ofMinutes(minutes)) : HttpOutcomes.retryAfter(response, clock);
    }

    private static long longestWait(JsonNode node) {
        long longest = -1;
        if (node.has("estimated_time_to_regain_access")) {
            longest = node.path("estimated_time_to_regain_access").asLong(-1);
        }
        for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
            longest = Math.max(longest, longestWait(children.next()));
        }
        return longest;
    }

    /**
     * A Graph POST of form fields with the token (a reply, a comment hidden); answers its JSON: an {@code id}, or
     * {@code {"success": true}} for an update (https://developers.facebook.com/docs/graph-api/reference/comment/#updating).
     * An answer without either may still have done it: an unknown outcome.
     */
    public static JsonNode update(OutboundHttp http, URI uri, Map<String, String> fields, String token, String network,
                                  Clock clock) throws PublishFailure {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("access_token", token);
        OutboundResponse response = NetworkCalls.send(http, OutboundRequest.post(uri).form(form), network);
        if (!response.isSuccess()) {
            throw failure(response, network, clock);
        }
        JsonNode json = NetworkCalls.json(response);
        if (json.path("id").asText("").isBlank() && !json.path("success").asBoolean(false)) {
            throw PublishFailure.unknown(response.status(), null, network + " answered without an id or success");
        }
        return json;
    }

    /** A Graph GET with the token; answers its JSON. */
    public static JsonNode read(OutboundHttp http, URI uri, Map<String, String> query, String token, String network,
                                Clock clock) throws PublishFailure {
        Map<String, String> parameters = new LinkedHashMap<>(query);
        parameters.put("access_token", token);
        OutboundResponse response = NetworkCalls.send(http, OutboundRequest.get(URI.create(uri + "?"
                + NetworkCalls.query(parameters))), network);
        if (!response.isSuccess()) {
            throw failure(response, network, clock);
        }
        return NetworkCalls.json(response);
    }

    /** Graph's times: {@code 2026-11-30T10:00:00+0000} (no colon in the offset); null when it is not one. */
    public static Instant time(String text) {
        try {
            return text == null ? null : OffsetDateTime.parse(text, GRAPH_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");

    /** How many ids one Graph multi-id read takes (https://developers.facebook.com/docs/graph-api/batch-requests/#multiple-ids). */
    public static final int MAX_IDS = 50;

    /**
     * Reads {@code fields} of many objects in one call, {@code GET /{version}/?ids=a,b&fields=…}, which answers an
     * object keyed by id (https://developers.facebook.com/docs/graph-api/batch-requests/#multiple-ids). An id the
     * caller cannot see any more fails the whole call with Graph's error 100; then each id is read alone, so one
     * deleted post does not hide the others (it is left out).
     */
    public static Map<String, JsonNode> objects(OutboundHttp http, URI versionBase, String token, List<String> ids,
                                                String fields, String network, Clock clock) throws PublishFailure {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        OutboundResponse response = NetworkCalls.send(http, OutboundRequest.get(URI.create(versionBase + "?"
                + NetworkCalls.query("ids", String.join(",", ids), "fields", fields, "access_token", token))), network);
        if (response.isSuccess()) {
            NetworkCalls.json(response).fields().forEachRemaining(e -> found.put(e.getKey(), e.getValue()));
            return found;
        }
        PublishFailure failure = failure(response, network, clock);
        boolean gone = NetworkCalls.json(response).path("error").path("code").asInt(-1) == 100;
        if (!gone || ids.size() == 1) {
            if (gone) {
                return found;
            }
            throw failure;
        }
        for (String id : ids) {
            found.putAll(objects(http, versionBase, token, List.of(id), fields, network, clock));
        }
        return found;
    }
}
