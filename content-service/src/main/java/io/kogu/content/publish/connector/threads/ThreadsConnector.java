package io.kogu.content.publish.connector.threads;

import io.kogu.content.publish.connector.Account;
import io.kogu.content.publish.connector.Connector;
import io.kogu.content.publish.connector.MetaContainers;
import io.kogu.content.publish.connector.Post;
import io.kogu.content.publish.connector.PostMedia;
import io.kogu.content.publish.connector.Published;
import io.kogu.content.publish.connector.PublishFailure;
import io.kogu.platform.outbound.OutboundHttp;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes to Threads with the Threads API (https://developers.facebook.com/docs/threads/posts;
 * {@code connection.threadsUserId}, credential {@code accessToken}); the flow and the safe repeat are
 * {@link MetaContainers}:
 * <ul>
 * <li>{@code POST /{threads-user-id}/threads} with {@code media_type} TEXT, IMAGE ({@code image_url}), VIDEO
 *     ({@code video_url}) or CAROUSEL (2–20 children made with {@code is_carousel_item=true}) and {@code text}.</li>
 * <li>{@code GET /{container-id}?fields=status,error_message} until FINISHED —
 *     https://developers.facebook.com/docs/threads/troubleshooting#publishing-does-not-return-a-media-id.</li>
 * <li>{@code GET /{threads-user-id}/threads_publishing_limit?fields=quota_usage,config} —
 *     https://developers.facebook.com/docs/threads/troubleshooting#rate-limiting.</li>
 * <li>{@code POST /{threads-user-id}/threads_publish?creation_id=}, then {@code GET /{media-id}?fields=permalink}.</li>
 * </ul>
 * Threads fetches media itself: the draft's media URLs must be public. The first comment (a reply: a container with
 * {@code reply_to_id}, published in turn) is not built. Errors: {@link io.kogu.content.publish.connector.MetaGraph}.
 */
@Singleton
public class ThreadsConnector implements Connector, io.kogu.content.publish.connector.EngagementSource {

    static final String NETWORK = "threads";
    static final MetaContainers.Spec SPEC = new MetaContainers.Spec(NETWORK, "status", "error_message", "threads_publish",
            "threads_publishing_limit", "threads", "text");
    private static final int MAX_CAROUSEL = 20;

    private final OutboundHttp http;
    private final ThreadsConfig config;
    private final Clock clock;

    public ThreadsConnector(OutboundHttp http, ThreadsConfig config) {
        this(http, config, Clock.systemUTC());
    }

    /** The service's clock ({@code io.kogu.content.time.Clocks}), so that rate-limit waits follow the injected time. */
    @Inject
    public ThreadsConnector(OutboundHttp http, ThreadsConfig config, Clock clock) {
        this.http = http;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String network() {
        return NETWORK;
    }

    /** The container's status is read before publishing again: a repeat never posts twice. */
    @Override
    public boolean repeatIsSafe() {
        return true;
    }

    /**
     * Renews the long-lived token (at least a day old, not expired) with {@code GET /refresh_access_token
     * ?grant_type=th_refresh_token&access_token=…} → {@code {access_token, token_type, expires_in}}
     * (https://developers.facebook.com/docs/threads/get-started/long-lived-tokens#refresh-a-long-lived-token). A
     * refused token (Graph's OAuthException, 400/401/403) cannot be renewed: the channel needs reconnecting.
     */
    @Override
    public void refresh(Account account) throws PublishFailure {
        String token = account.requiredCredential("accessToken");
        io.kogu.platform.outbound.OutboundResponse response = io.kogu.content.publish.connector.NetworkCalls.sendBeforePost(
                http, io.kogu.platform.outbound.OutboundRequest.get(java.net.URI.create(config.apiUrl().resolve("/refresh_access_token")
                        + "?" + io.kogu.content.publish.connector.NetworkCalls.query("grant_type", "th_refresh_token",
                        "access_token", token))), NETWORK, "renewing the access token");
        com.fasterxml.jackson.databind.JsonNode body = io.kogu.content.publish.connector.NetworkCalls.json(response);
        String message = body.path("error").path("message").asText(null);
        if (response.status() == 400 || response.status() == 401 || response.status() == 403) {
            throw PublishFailure.unauthorized(response.status(), body.path("error").path("code").asText(null),
                    "threads refused to renew the channel's access" + (message == null ? "" : " (" + message + ")"));
        }
        String renewed = body.path("access_token").asText("");
        if (!response.isSuccess() || renewed.isBlank()) {
            throw io.kogu.content.publish.connector.NetworkCalls.beforePost(io.kogu.content.publish.connector.HttpOutcomes
                    .status(response, NETWORK, null, message), "renewing the access token");
        }
        Map<String, String> credentials = new LinkedHashMap<>(account.credentials());
        credentials.put("accessToken", renewed);
        if (body.path("expires_in").canConvertToLong()) {
            credentials.put("expiresAt", clock.instant().plusSeconds(body.path("expires_in").asLong()).toString());
        }
        account.replaceCredentials(credentials);
    }

    @Override
    public Published publish(Post post, Account account) throws PublishFailure {
        String userId = account.requiredSetting("threadsUserId");
        List<PostMedia> media = post.media();
        if (media.size() > MAX_CAROUSEL) {
            throw PublishFailure.rejected(null, "too_many_media", "a Threads carousel takes at most " + MAX_CAROUSEL + " media");
        }
        for (PostMedia medium : media) {
            if (!"image".equals(medium.kind()) && !"video".equals(medium.kind())) {
                throw PublishFailure.rejected(null, "media_kind", "Threads takes images and videos, not " + medium.kind());
            }
        }
        MetaContainers api = new MetaContainers(http, config.apiUrl().resolve("/" + config.version() + "/"), SPEC,
                account.requiredCredential("accessToken"), clock, config.pollInterval(), config.maxWait(), config.limitRetry());
        return api.publish(post, userId, containers -> {
            Map<String, String> fields;
            if (media.size() <= 1) {
                fields = media.isEmpty() ? new LinkedHashMap<>(Map.of("media_type", "TEXT")) : medium(media.get(0), false);
            } else {
                List<String> children = new ArrayList<>();
                for (PostMedia medium : media) {
                    children.add(containers.post(userId + "/threads", medium(medium, true)).path("id").asText());
                }
                fields = new LinkedHashMap<>();
                fields.put("media_type", "CAROUSEL");
                fields.put("children", String.join(",", children));
            }
            fields.put("text", post.text());
            return containers.post(userId + "/threads", fields).path("id").asText();
        });
    }

    private static Map<String, String> medium(PostMedia medium, boolean carouselItem) {
        Map<String, String> fields = new LinkedHashMap<>();
        if ("video".equals(medium.kind())) {
            fields.put("media_type", "VIDEO");
            fields.put("video_url", medium.url().toString());
        } else {
            fields.put("media_type", "IMAGE");
            fields.put("image_url", medium.url().toString());
        }
        if (medium.altText() != null && !medium.altText().isBlank()) {
            fields.put("alt_text", medium.altText());
        }
        if (carouselItem) {
            fields.put("is_carousel_item", "true");
        }
        return fields;
    }

    /** Threads reads insights one post a call; a batch is this many calls. */
    @Override
    public int countersBatch() {
        return 25;
    }

    /**
     * Each post's lifetime insights, {@code GET /{version}/{media-id}/insights?metric=views,likes,replies,reposts,quotes}
     * → {@code {"data":[{"name":"likes","period":"lifetime","values":[{"value":N}],…},…]}}
     * (https://developers.facebook.com/docs/threads/insights): likes → {@code like}, replies → {@code comment},
     * reposts → {@code repost}, quotes → {@code quote}, views → {@code impression}. A post that is gone (Graph error
     * 100) is left out.
     */
    @Override
    public Map<String, Map<String, Long>> counters(Account account, List<String> externalIds) throws PublishFailure {
        String token = account.requiredCredential("accessToken");
        Map<String, String> types = Map.of("likes", "like", "replies", "comment", "reposts", "repost", "quotes", "quote",
                "views", "impression");
        Map<String, Map<String, Long>> counters = new LinkedHashMap<>();
        for (String id : externalIds) {
            io.kogu.platform.outbound.OutboundResponse response = io.kogu.content.publish.connector.NetworkCalls.send(http,
                    io.kogu.platform.outbound.OutboundRequest.get(java.net.URI.create(config.apiUrl().resolve("/"
                            + config.version() + "/" + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8)
                            + "/insights") + "?" + io.kogu.content.publish.connector.NetworkCalls.query(
                            "metric", "views,likes,replies,reposts,quotes", "access_token", token))), NETWORK);
            com.fasterxml.jackson.databind.JsonNode body = io.kogu.content.publish.connector.NetworkCalls.json(response);
            if (!response.isSuccess()) {
                if (body.path("error").path("code").asInt(-1) == 100) {
                    continue;
                }
                throw io.kogu.content.publish.connector.MetaGraph.failure(response, NETWORK, clock);
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            for (com.fasterxml.jackson.databind.JsonNode metric : body.path("data")) {
                String type = types.get(metric.path("name").asText(""));
                if (type != null) {
                    io.kogu.content.publish.connector.EngagementSource.putCount(counts, type,
                            metric.path("values").path(0).path("value"));
                }
            }
            counters.put(id, counts);
        }
        return counters;
    }
}
