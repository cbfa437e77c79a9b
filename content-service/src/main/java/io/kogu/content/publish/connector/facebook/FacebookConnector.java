package io.kogu.content.publish.connector.facebook;

import com.fasterxml.jackson.databind.JsonNode;
import io.kogu.content.publish.connector.Account;
import io.kogu.content.publish.connector.Connector;
import io.kogu.content.publish.connector.MetaGraph;
import io.kogu.content.publish.connector.NetworkCalls;
import io.kogu.content.publish.connector.Post;
import io.kogu.content.publish.connector.PostMedia;
import io.kogu.content.publish.connector.Published;
import io.kogu.content.publish.connector.Hiding;
import io.kogu.content.publish.connector.ConversationSource;
import io.kogu.content.publish.connector.ReplyPost;
import io.kogu.content.publish.connector.Replying;
import io.kogu.content.publish.connector.PublishFailure;
import io.kogu.platform.outbound.OutboundHttp;
import io.kogu.platform.outbound.OutboundRequest;
import io.kogu.platform.outbound.OutboundResponse;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

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
 * Publishes to a Facebook Page's feed with the Graph API (version in configuration; {@code connection.pageId},
 * credential {@code pageAccessToken}, sent as the {@code access_token} form field):
 * <ul>
 * <li>{@code POST /{page-id}/feed} — https://developers.facebook.com/docs/pages-api/posts: {@code message},
 *     {@code link}, {@code attached_media[i]={"media_fbid":…}}; answers {@code {"id":"{page-id}_{post-id}"}}.</li>
 * <li>{@code POST /{page-id}/photos} with {@code url} and {@code published=false} —
 *     https://developers.facebook.com/docs/graph-api/reference/page/photos: each image, fetched by Facebook from the
 *     draft's public URL, then attached to the feed post (up to 10).</li>
 * <li>{@code POST /{post-id}/comments} — https://developers.facebook.com/docs/graph-api/reference/object/comments:
 *     the first comment.</li>
 * <li>Errors and rate limits: {@link MetaGraph} (code 190 → reconnect; 4, 17, 32, 613 → later; 368, 506 → refused).</li>
 * </ul>
 * Page tokens from a long-lived user token do not expire, and Graph has no refresh grant: a refused token means
 * reconnecting the channel. A repeat is not safe: the feed takes no idempotency key, so an unknown outcome ends
 * unconfirmed.
 */
@Singleton
public class FacebookConnector implements Connector, io.kogu.content.publish.connector.EngagementSource, Replying, Hiding, ConversationSource {

    static final String NETWORK = "facebook";
    private static final Logger LOG = Logger.getLogger(FacebookConnector.class);
    private static final int MAX_IMAGES = 10;

    private final OutboundHttp http;
    private final FacebookConfig config;
    private final Clock clock;

    public FacebookConnector(OutboundHttp http, FacebookConfig config) {
        this(http, config, Clock.systemUTC());
    }

    /** The service's clock ({@code io.kogu.content.time.Clocks}), so that rate-limit waits follow the injected time. */
    @Inject
    public FacebookConnector(OutboundHttp http, FacebookConfig config, Clock clock) {
        this.http = http;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String network() {
        return NETWORK;
    }

    @Override
    public boolean repeatIsSafe() {
        return false;
    }

    @Override
    public Published publish(Post post, Account account) throws PublishFailure {
        String pageId = account.requiredSetting("pageId");
        String token = account.requiredCredential("pageAccessToken");
        List<String> photos = new ArrayList<>();
        for (PostMedia medium : post.media()) {
            if (!"image".equals(medium.kind())) {
                throw PublishFailure.rejected(null, "media_kind", "Kogu posts only images to Facebook Pages for now, not "
                        + medium.kind() + " (" + medium.url() + ")");
            }
            if (photos.size() == MAX_IMAGES) {
                throw PublishFailure.rejected(null, "too_many_media", "a Facebook post takes at most " + MAX_IMAGES + " images here");
            }
            Map<String, String> photo = new LinkedHashMap<>();
            photo.put("url", medium.url().toString());
            photo.put("published", "false");
            if (medium.altText() != null && !medium.altText().isBlank()) {
                photo.put("alt_text_custom", medium.altText());
            }
            try {
                photos.add(call(pageId + "/photos", photo, token).path("id").asText());
            } catch (PublishFailure e) {
                throw NetworkCalls.beforePost(e, "the photo upload to Facebook");
            }
        }
        Map<String, String> feed = new LinkedHashMap<>();
        feed.put("message", post.text());
        if (photos.isEmpty() && post.link() != null && !post.link().isBlank()) {
            feed.put("link", post.link());
        }
        for (int i = 0; i < photos.size(); i++) {
            feed.put("attached_media[" + i + "]", "{\"media_fbid\":\"" + photos.get(i) + "\"}");
        }
        String id = call(pageId + "/feed", feed, token).path("id").asText();
        if (post.firstComment() != null && !post.firstComment().isBlank()) {
            try {
                call(id + "/comments", Map.of("message", post.firstComment()), token);
            } catch (PublishFailure e) {
                LOG.warnf("facebook post %s is out, its first comment failed: %s", id, e.reason());
                post.progress().put("firstCommentFailed", e.reason());
            }
        }
        return new Published(id, "https://www.facebook.com/" + id, null);
    }

    /**
     * A reply to a comment on the Page's post: {@code POST /{comment-id}/comments} with {@code message}
     * (https://developers.facebook.com/docs/graph-api/reference/object/comments/#publish); answers {@code {"id"}}.
     */
    @Override
    public Published reply(ReplyPost reply, Account account) throws PublishFailure {
        String id = call(reply.inReplyTo() + "/comments", Map.of("message", reply.text()),
                account.requiredCredential("pageAccessToken")).path("id").asText();
        return new Published(id, "https://www.facebook.com/" + id, null);
    }

    /**
     * {@code POST /{comment-id}} with {@code is_hidden} (https://developers.facebook.com/docs/graph-api/reference/comment/#updating):
     * answers {@code {"success": true}}.
     */
    @Override
    public boolean hide(Account account, String externalId, boolean hidden) throws PublishFailure {
        MetaGraph.update(http, uri(externalId), Map.of("is_hidden", Boolean.toString(hidden)),
                account.requiredCredential("pageAccessToken"), NETWORK, clock);
        return hidden;
    }

    /**
     * The comments on the Page's recent posts, replies to comments included: {@code GET /{post-id}/comments} with
     * {@code filter=stream} (every comment, replies too, each with its {@code parent}), newest first
     * ({@code order=reverse_chronological}), {@code fields=id,message,created_time,from,parent,permalink_url}
     * (https://developers.facebook.com/docs/graph-api/reference/object/comments/); the first page, those created
     * since the previous reading. A comment from the Page itself is the channel's own reply.
     */
    @Override
    public Reading conversations(Account account, Map<String, String> cursor, List<OwnPost> ownPosts, Instant since,
                                 int limit) throws PublishFailure {
        String pageId = account.requiredSetting("pageId");
        String token = account.requiredCredential("pageAccessToken");
        Map<String, String> next = new LinkedHashMap<>(cursor);
        Instant from = cursor.containsKey("threadsSeenUntil") ? Instant.parse(cursor.get("threadsSeenUntil")) : since;
        Instant seen = null;
        List<Item> items = new ArrayList<>();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("filter", "stream");
        query.put("order", "reverse_chronological");
        query.put("limit", "100");
        query.put("fields", "id,message,created_time,from{id,name},parent{id},permalink_url");
        for (OwnPost post : ownPosts) {
            for (JsonNode comment : MetaGraph.read(http, uri(post.externalId() + "/comments"), query, token, NETWORK, clock)
                    .path("data")) {
                Instant created = MetaGraph.time(comment.path("created_time").asText(null));
                if (created == null || created.isBefore(from)) {
                    break;
                }
                seen = seen == null || created.isAfter(seen) ? created : seen;
                String parent = comment.path("parent").path("id").asText(post.externalId());
                String author = comment.path("from").path("id").asText(null);
                items.add(new Item(parent.equals(post.externalId()) ? "comment" : "reply", comment.path("id").asText(),
                        parent, post.externalId(), author == null ? "unknown" : author,
                        comment.path("from").path("name").asText(null), author, comment.path("message").asText(""),
                        comment.path("permalink_url").asText(null), created, pageId.equals(author)));
            }
        }
        if (seen != null) {
            next.put("threadsSeenUntil", seen.toString());
        }
        return new Reading(items, next);
    }

    /** A Graph POST; answers its JSON, which has an {@code id}. */
    private JsonNode call(String path, Map<String, String> fields, String token) throws PublishFailure {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("access_token", token);
        OutboundResponse response = NetworkCalls.send(http, OutboundRequest.post(uri(path)).form(form), NETWORK);
        JsonNode json = NetworkCalls.json(response);
        if (!response.isSuccess()) {
            throw MetaGraph.failure(response, NETWORK, clock);
        }
        if (json.path("id").asText("").isBlank()) {
            throw PublishFailure.unknown(response.status(), null, "Facebook answered without an id");
        }
        return json;
    }

    private URI uri(String path) {
        return config.apiUrl().resolve("/" + config.version() + "/"
                + URLEncoder.encode(path, StandardCharsets.UTF_8).replace("%2F", "/"));
    }

    @Override
    public int countersBatch() {
        return io.kogu.content.publish.connector.MetaGraph.MAX_IDS;
    }

    /**
     * A Page post's counters, many posts a call ({@code GET /{version}/?ids=…&fields=reactions.summary(total_count)
     * .limit(0),comments.summary(total_count).limit(0),shares}: reactions (every kind) → {@code reaction}, comments →
     * {@code comment}, shares → {@code share} —
     * https://developers.facebook.com/docs/graph-api/reference/post/, …/object/reactions, …/object/comments).
     */
    @Override
    public Map<String, Map<String, Long>> counters(Account account, List<String> externalIds) throws PublishFailure {
        String token = account.requiredCredential("pageAccessToken");
        Map<String, JsonNode> posts = io.kogu.content.publish.connector.MetaGraph.objects(http,
                config.apiUrl().resolve("/" + config.version() + "/"), token, externalIds,
                "reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0),shares", NETWORK, clock);
        Map<String, Map<String, Long>> counters = new LinkedHashMap<>();
        posts.forEach((id, post) -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            io.kogu.content.publish.connector.EngagementSource.putCount(counts, "reaction",
                    post.path("reactions").path("summary").path("total_count"));
            io.kogu.content.publish.connector.EngagementSource.putCount(counts, "comment",
                    post.path("comments").path("summary").path("total_count"));
            // Graph leaves shares out when nobody shared the post.
            counts.put("share", post.path("shares").path("count").asLong(0));
            counters.put(id, counts);
        });
        return counters;
    }
}
