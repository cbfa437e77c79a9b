package io.kogu.content.publish.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kogu.platform.outbound.OutboundException;
import io.kogu.platform.outbound.OutboundHttp;
import io.kogu.platform.outbound.OutboundRequest;
import io.kogu.platform.outbound.OutboundResponse;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/** What the HTTP connectors share: a call through the outbound guard, JSON in and out, steps before the post. */
public final class NetworkCalls {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NetworkCalls() {
    }

    /** Sends through the guard; a call that got no answer becomes the shared transport outcome. */
    public static OutboundResponse send(OutboundHttp http, OutboundRequest request, String network) throws PublishFailure {
        try {
            return http.send(request);
        } catch (OutboundException e) {
            throw HttpOutcomes.transport(e, network);
        }
    }

    /** {@link #send} for a step before the post itself: a call that got no answer published nothing. */
    public static OutboundResponse sendBeforePost(OutboundHttp http, OutboundRequest request, String network, String step)
            throws PublishFailure {
        try {
            return send(http, request, network);
        } catch (PublishFailure e) {
            throw beforePost(e, step);
        }
    }

    /** The answer's JSON, or a missing node when it has none (an HTML error page, an empty body). */
    public static JsonNode json(OutboundResponse response) {
        if (response.body().length == 0) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = JSON.readTree(response.body());
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }

    /** A JSON text (a header value), or a missing node when it is not JSON. */
    public static JsonNode json(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    public static String text(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code name=value&…}, encoded, in the map's own order (pass one with a fixed order, not a Map.of). */
    public static String query(Map<String, String> parameters) {
        StringJoiner joined = new StringJoiner("&");
        parameters.forEach((name, value) -> joined.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return joined.toString();
    }

    /** {@code name=value&…}, encoded, in the order given: names and values in pairs. */
    public static String query(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        Map<String, String> ordered = new java.util.LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            ordered.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return query(ordered);
    }

    /**
     * A step before the post itself (a media upload, a container, a token) publishes nothing, so an unknown outcome
     * there is certainly "not published": the attempt can be repeated whatever the network.
     */
    public static PublishFailure beforePost(PublishFailure failure, String step) {
        if (failure.outcome() != PublishFailure.Outcome.UNKNOWN) {
            return failure;
        }
        return PublishFailure.notPublished(failure.httpStatus(), failure.errorCode(),
                step + " got no certain answer (" + failure.reason() + "); no post was sent, Kogu tries again",
                failure.retryAfter());
    }
}
