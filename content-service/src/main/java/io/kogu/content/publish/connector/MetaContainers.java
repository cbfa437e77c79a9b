package io.kogu.content.publish.connector;

import com.fasterxml.jackson.databind.JsonNode;
import io.kogu.platform.outbound.OutboundHttp;
import io.kogu.platform.outbound.OutboundRequest;
import io.kogu.platform.outbound.OutboundResponse;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Meta's two-step publishing (Instagram, Threads): a media container is made, becomes {@code FINISHED}, and is
 * published. The container id is kept in {@link Post#progress()} as soon as it exists, so an attempt after an unknown
 * outcome reads the container's status first ({@code PUBLISHED}: the post is out, nothing is sent again;
 * {@code FINISHED}: publish it; {@code EXPIRED}: make a new one; {@code ERROR}: refused) — which makes a repeat safe.
 * The account's publishing limit is read from the API before publishing, never assumed.
 */
public final class MetaContainers {

    public static final String CONTAINER_ID = "containerId";
    public static final String MEDIA_ID = "mediaId";
    public static final String PERMALINK = "permalink";

    /** What differs between Instagram and Threads. */
    public record Spec(String network, String statusField, String errorField, String publishEdge, String limitEdge,
                       String recentEdge, String textField) {
    }

    /** Makes the container (and any children) for a post; answers its id. */
    @FunctionalInterface
    public interface Maker {
        String create(MetaContainers api) throws PublishFailure;
    }

    private final OutboundHttp http;
    private final URI base;
    private final Spec spec;
    private final String token;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration maxWait;
    private final Duration limitRetry;

    /**
     * @param base         the API root with its version, e.g. {@code https://graph.facebook.com/v23.0/}
     * @param pollInterval between container status reads
     * @param maxWait      how long one attempt waits for a container to finish; then it ends "not published", and
     *                     the next attempt goes on with the same container
     * @param limitRetry   when to try again once the 24-hour publishing limit is reached (the API says the limit,
     *                     not when the oldest post leaves its window)
     */
    public MetaContainers(OutboundHttp http, URI base, Spec spec, String token, Clock clock, Duration pollInterval,
                          Duration maxWait, Duration limitRetry) {
        this.http = http;
        this.base = base;
        this.spec = spec;
        this.token = token;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.maxWait = maxWait;
        this.limitRetry = limitRetry;
    }

    public Published publish(Post post, String userId, Maker maker) throws PublishFailure {
        Map<String, String> progress = post.progress();
        if (progress.containsKey(MEDIA_ID)) {
            return new Published(progress.get(MEDIA_ID), progress.get(PERMALINK), null);
        }
        String container = progress.get(CONTAINER_ID);
        boolean limitChecked = false;
        if (container != null) {
            JsonNode status = status(container);
            switch (status.path(spec.statusField()).asText("")) {
                case "PUBLISHED" -> {
                    return alreadyPublished(post, userId, container);
                }
                case "EXPIRED" -> {
                    progress.remove(CONTAINER_ID);
                    container = null;
                }
                case "ERROR" -> {
                    progress.remove(CONTAINER_ID);
                    throw refusedContainer(status);
                }
                default -> {
                    // IN_PROGRESS or FINISHED: go on with it
                }
            }
        }
        if (container == null) {
            checkLimit(userId);
            limitChecked = true;
            try {
                container = maker.create(this);
            } catch (PublishFailure e) {
                throw NetworkCalls.beforePost(e, "making the " + spec.network() + " media container");
            }
            progress.put(CONTAINER_ID, container);
        }
        awaitFinished(container, progress);
        if (!limitChecked) {
            checkLimit(userId);
        }
        String mediaId = post(userId + "/" + spec.publishEdge(), Map.of("creation_id", container)).path("id").asText();
        progress.put(MEDIA_ID, mediaId);
        String permalink = permalink(mediaId);
        if (permalink != null) {
            progress.put(PERMALINK, permalink);
        }
        return new Published(mediaId, permalink, null);
    }

    /** A Graph POST (form, with the token); answers its JSON, which has an {@code id}. */
    public JsonNode post(String path, Map<String, String> fields) throws PublishFailure {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("access_token", token);
        OutboundResponse response = NetworkCalls.send(http, OutboundRequest.post(uri(path, Map.of())).form(form), spec.network());
        JsonNode json = NetworkCalls.json(response);
        if (!response.isSuccess()) {
            throw MetaGraph.failure(response, spec.network(), clock);
        }
        if (json.path("id").asText("").isBlank()) {
            throw PublishFailure.unknown(response.status(), null, spec.network() + " answered without an id");
        }
        return json;
    }

    public JsonNode get(String path, Map<String, String> query) throws PublishFailure {
        Map<String, String> withToken = new LinkedHashMap<>(query);
        withToken.put("access_token", token);
        // A read publishes nothing: whatever its outcome, the post was not sent by it.
        String step = "a read from " + spec.network();
        OutboundResponse response = NetworkCalls.sendBeforePost(http, OutboundRequest.get(uri(path, withToken)), spec.network(), step);
        if (!response.isSuccess()) {
            throw NetworkCalls.beforePost(MetaGraph.failure(response, spec.network(), clock), step);
        }
        return NetworkCalls.json(response);
    }

    private JsonNode status(String container) throws PublishFailure {
        return get(container, Map.of("fields", spec.statusField() + "," + spec.errorField()));
    }

    private void awaitFinished(String container, Map<String, String> progress) throws PublishFailure {
        Instant deadline = clock.instant().plus(maxWait);
        while (true) {
            JsonNode status = status(container);
            String code = status.path(spec.statusField()).asText("");
            switch (code) {
                case "FINISHED" -> {
                    return;
                }
                case "PUBLISHED" -> throw PublishFailure.unknown(null, "already_published", "the " + spec.network()
                        + " container is already published");
                case "ERROR", "EXPIRED" -> {
                    progress.remove(CONTAINER_ID);
                    throw refusedContainer(status);
                }
                default -> {
                    if (!clock.instant().plus(pollInterval).isBefore(deadline)) {
                        throw PublishFailure.notPublished(null, "container_in_progress", spec.network()
                                + " is still processing the media; Kogu publishes it on the next attempt", pollInterval.multipliedBy(5));
                    }
                    try {
                        Thread.sleep(pollInterval.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw PublishFailure.notPublished(null, "interrupted", "publishing was interrupted before "
                                + spec.network() + " finished the media; Kogu tries again", null);
                    }
                }
            }
        }
    }

    /** {@code GET /{user-id}/{limit edge}?fields=quota_usage,config}: at the limit, nothing is sent. */
    private void checkLimit(String userId) throws PublishFailure {
        JsonNode limit = get(userId + "/" + spec.limitEdge(), Map.of("fields", "quota_usage,config")).path("data").path(0);
        long used = limit.path("quota_usage").asLong(0);
        JsonNode total = limit.path("config").path("quota_total");
        if (total.isNumber() && used >= total.asLong()) {
            throw PublishFailure.notPublished(null, "publishing_limit", "the " + spec.network() + " account reached its limit of "
                    + total.asLong() + " posts in " + Duration.ofSeconds(limit.path("config").path("quota_duration").asLong(86400)).toHours()
                    + " hours; Kogu tries again later", limitRetry);
        }
    }

    private PublishFailure refusedContainer(JsonNode status) {
        String said = status.path(spec.errorField()).asText("");
        return PublishFailure.rejected(null, "container_error", spec.network() + " could not prepare the media"
                + (said.isBlank() ? "" : ": " + said) + " (check that every medium is a public URL in a supported format)");
    }

    /**
     * The container was published by an earlier attempt whose answer was lost: find the post among the account's
     * latest by its text. When it is not found, the container id stands in for the post's id.
     */
    private Published alreadyPublished(Post post, String userId, String container) throws PublishFailure {
        Map<String, String> query = new java.util.LinkedHashMap<>();
        query.put("fields", "id," + spec.textField() + ",permalink");
        query.put("limit", "25");
        JsonNode recent = get(userId + "/" + spec.recentEdge(), query).path("data");
        for (JsonNode media : recent) {
            if (post.text().equals(media.path(spec.textField()).asText(null))) {
                String mediaId = media.path("id").asText();
                String permalink = media.path("permalink").asText(null);
                post.progress().put(MEDIA_ID, mediaId);
                if (permalink != null) {
                    post.progress().put(PERMALINK, permalink);
                }
                return new Published(mediaId, permalink, null);
            }
        }
        return new Published(container, null, null);
    }

    private String permalink(String mediaId) {
        try {
            return get(mediaId, Map.of("fields", "permalink")).path("permalink").asText(null);
        } catch (PublishFailure e) {
            return null; // the post is out; its link is a nicety
        }
    }

    private URI uri(String path, Map<String, String> query) {
        String encoded = URLEncoder.encode(path, StandardCharsets.UTF_8).replace("%2F", "/");
        return base.resolve(encoded + (query.isEmpty() ? "" : "?" + NetworkCalls.query(query)));
    }
}
