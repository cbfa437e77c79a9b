package io.kogu.content.publish.connector.instagram;

import io.kogu.content.publish.connector.Account;
import io.kogu.content.publish.connector.Connector;
import io.kogu.content.publish.connector.MetaContainers;
import io.kogu.content.publish.connector.Post;
import io.kogu.content.publish.connector.PostMedia;
import io.kogu.content.publish.connector.Published;
import io.kogu.content.publish.connector.Hiding;
import io.kogu.content.publish.connector.ConversationSource;
import io.kogu.content.publish.connector.MetaGraph;
import io.kogu.content.publish.connector.ReplyPost;
import io.kogu.content.publish.connector.Replying;
import io.kogu.content.publish.connector.PublishFailure;
import io.kogu.platform.outbound.OutboundHttp;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes to an Instagram professional account with the Instagram Graph API's content publishing
 * (https://developers.facebook.com/docs/instagram-platform/content-publishing; {@code connection.igUserId},
 * credential {@code accessToken}); the flow and the safe repeat are {@link MetaContainers}:
 * <ul>
 * <li>{@code POST /{ig-user-id}/media} with {@code image_url} (or {@code media_type=REELS} and {@code video_url})
 *     and {@code caption}; a carousel (2–10 media) makes one child per medium with {@code is_carousel_item=true},
 *     then {@code media_type=CAROUSEL} with {@code children} —
 *     https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media.</li>
 * <li>{@code GET /{container-id}?fields=status_code,status} until {@code FINISHED} (IN_PROGRESS, ERROR, EXPIRED,
 *     PUBLISHED) — https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-container.</li>
 * <li>{@code GET /{ig-user-id}/content_publishing_limit?fields=quota_usage,config} before publishing —
 *     https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/content_publishing_limit.</li>
 * <li>{@code POST /{ig-user-id}/media_publish?creation_id=} —
 *     https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media_publish;
 *     then {@code GET /{ig-media-id}?fields=permalink} and the first comment with {@code POST /{ig-media-id}/comments}.</li>
 * </ul>
 * Instagram fetches media itself, so the draft's media URLs must be public: they are passed, not uploaded. A post
 * needs at least one medium. Errors: {@link io.kogu.content.publish.connector.MetaGraph}.
 */
@Singleton
public class InstagramConnector implements Connector, io.kogu.content.publish.connector.EngagementSource, Replying, Hiding, ConversationSource {

    static final String NETWORK = "instagram";
    static final MetaContainers.Spec SPEC = new MetaContainers.Spec(NETWORK, "status_code", "status", "media_publish",
            "content_publishing_limit", "media", "caption");
    private static final Logger LOG = Logger.getLogger(InstagramConnector.class);
    private static final int MAX_CAROUSEL = 10;

    private final OutboundHttp http;
    private final InstagramConfig config;
    private final Clock clock;

    public InstagramConnector(OutboundHttp http, InstagramConfig config) {
        this(http, config, Clock.systemUTC());
    }

    /** The service's clock ({@code io.kogu.content.time.Clocks}), so that rate-limit waits follow the injected time. */
    @Inject
    public InstagramConnector(OutboundHttp http, InstagramConfig config, Clock clock) {
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

    @Override
    public Published publish(Post post, Account account) throws PublishFailure {
        String userId = account.requiredSetting("igUserId");
        List<PostMedia> media = post.media();
        if (media.isEmpty()) {
            throw PublishFailure.rejected(null, "media_required", "an Instagram post needs at least one image or video");
        }
        if (media.size() > MAX_CAROUSEL) {
            throw PublishFailure.rejected(null, "too_many_media", "an Instagram carousel takes at most " + MAX_CAROUSEL + " media");
        }
        for (PostMedia medium : media) {
            if (!"image".equals(medium.kind()) && !"video".equals(medium.kind())) {
                throw PublishFailure.rejected(null, "media_kind", "Instagram takes images and videos, not " + medium.kind());
            }
        }
        MetaContainers api = new MetaContainers(http, config.apiUrl().resolve("/" + config.version() + "/"), SPEC,
                account.requiredCredential("accessToken"), clock, config.pollInterval(), config.maxWait(), config.limitRetry());
        boolean firstTime = !post.progress().containsKey(MetaContainers.MEDIA_ID);
        Published published = api.publish(post, userId, containers -> {
            if (media.size() == 1) {
                Map<String, String> single = medium(media.get(0), false);
                single.put("caption", post.text());
                return containers.post(userId + "/media", single).path("id").asText();
            }
            List<String> children = new ArrayList<>();
            for (PostMedia medium : media) {
                children.add(containers.post(userId + "/media", medium(medium, true)).path("id").asText());
            }
            Map<String, String> carousel = new LinkedHashMap<>();
            carousel.put("media_type", "CAROUSEL");
            carousel.put("children", String.join(",", children));
            carousel.put("caption", post.text());
            return containers.post(userId + "/media", carousel).path("id").asText();
        });
        if (firstTime && post.firstComment() != null && !post.firstComment().isBlank()
                && !published.externalId().equals(post.progress().get(MetaContainers.CONTAINER_ID))) {
            try {
                api.post(published.externalId() + "/comments", Map.of("message", post.firstComment()));
            } catch (PublishFailure e) {
                LOG.warnf("instagram post %s is out, its first comment failed: %s", published.externalId(), e.reason());
                post.progress().put("firstCommentFailed", e.reason());
            }
        }
        return published;
    }

    private static Map<String, String> medium(PostMedia medium, boolean carouselItem) {
        Map<String, String> fields = new LinkedHashMap<>();
        if ("video".equals(medium.kind())) {
            fields.put("media_type", carouselItem ? "VIDEO" : "REELS");
            fields.put("video_url", medium.url().toString());
        } else {
            fields.put("image_url", medium.url().toString());
        }
        if (carouselItem) {
            fields.put("is_carousel_item", "true");
        }
        return fields;
    }

    @Override
    public int countersBatch() {
        return io.kogu.content.publish.connector.MetaGraph.MAX_IDS;
    }

    /**
     * A post's counters, many posts a call ({@code GET /{version}/?ids=…&fields=like_count,comments_count}:
     * {@code like_count} → {@code like}, {@code comments_count} → {@code comment} —
     * https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-media). Instagram
     * does not name who liked.
     */
    @Override
    public Map<String, Map<String, Long>> counters(Account account, List<String> externalIds) throws PublishFailure {
        String token = account.requiredCredential("accessToken");
        Map<String, JsonNode> media = io.kogu.content.publish.connector.MetaGraph.objects(http,
                config.apiUrl().resolve("/" + config.version() + "/"), token, externalIds, "like_count,comments_count",
                NETWORK, clock);
        Map<String, Map<String, Long>> counters = new LinkedHashMap<>();
        media.forEach((id, post) -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            io.kogu.content.publish.connector.EngagementSource.putCount(counts, "like", post.path("like_count"));
            io.kogu.content.publish.connector.EngagementSource.putCount(counts, "comment", post.path("comments_count"));
            counters.put(id, counts);
        });
        return counters;
    }

    // --- replies and hiding (issue 13) -------------------------------------------------------------------------

    /**
     * A reply to a comment on the account's media: {@code POST /{ig-comment-id}/replies} with {@code message}
     * (https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-comment/replies);
     * answers {@code {"id"}}. No idempotency key: an unknown outcome ends unconfirmed.
     */
    @Override
    public Published reply(ReplyPost reply, Account account) throws PublishFailure {
        String id = MetaGraph.update(http, graph(reply.inReplyTo() + "/replies"), Map.of("message", reply.text()),
                account.requiredCredential("accessToken"), NETWORK, clock).path("id").asText();
        return new Published(id, null, null);
    }

    /**
     * {@code POST /{ig-comment-id}?hide=true|false}
     * (https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-comment#updating):
     * answers {@code {"success": true}}.
     */
    @Override
    public boolean hide(Account account, String externalId, boolean hidden) throws PublishFailure {
        MetaGraph.update(http, graph(externalId), Map.of("hide", Boolean.toString(hidden)),
                account.requiredCredential("accessToken"), NETWORK, clock);
        return hidden;
    }

    /**
     * The comments on the account's recent media and their replies: {@code GET /{ig-media-id}/comments} with
     * {@code fields=id,text,timestamp,username,replies{id,text,timestamp,username}}
     * (https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-media/comments;
     * replies: https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-comment/replies),
     * those created since the previous reading. A comment by the account's own username is the channel's reply.
     */
    @Override
    public Reading conversations(Account account, Map<String, String> cursor, List<OwnPost> ownPosts, Instant since,
                                 int limit) throws PublishFailure {
        String token = account.requiredCredential("accessToken");
        String me = account.handle() == null ? "" : account.handle().strip().replaceFirst("^@", "");
        Map<String, String> next = new LinkedHashMap<>(cursor);
        Instant from = cursor.containsKey("threadsSeenUntil") ? Instant.parse(cursor.get("threadsSeenUntil")) : since;
        Instant seen = null;
        List<Item> items = new ArrayList<>();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("fields", "id,text,timestamp,username,replies{id,text,timestamp,username}");
        query.put("limit", "50");
        for (OwnPost post : ownPosts) {
            for (JsonNode comment : MetaGraph.read(http, graph(post.externalId() + "/comments"), query, token, NETWORK, clock)
                    .path("data")) {
                List<JsonNode> thread = new ArrayList<>();
                thread.add(comment);
                comment.path("replies").path("data").forEach(thread::add);
                for (JsonNode item : thread) {
                    Instant created = MetaGraph.time(item.path("timestamp").asText(null));
                    if (created == null || created.isBefore(from)) {
                        continue;
                    }
                    seen = seen == null || created.isAfter(seen) ? created : seen;
                    boolean isComment = item == comment;
                    String username = item.path("username").asText("");
                    items.add(new Item(isComment ? "comment" : "reply", item.path("id").asText(),
                            isComment ? post.externalId() : comment.path("id").asText(), post.externalId(),
                            username.isEmpty() ? "unknown" : "@" + username, null, null, item.path("text").asText(""),
                            null, created, !me.isEmpty() && me.equalsIgnoreCase(username)));
                }
            }
        }
        if (seen != null) {
            next.put("threadsSeenUntil", seen.toString());
        }
        return new Reading(items, next);
    }

    private URI graph(String path) {
        return config.apiUrl().resolve("/" + config.version() + "/"
                + URLEncoder.encode(path, StandardCharsets.UTF_8).replace("%2F", "/"));
    }
}
