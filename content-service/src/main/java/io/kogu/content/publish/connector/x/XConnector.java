package io.kogu.content.publish.connector.x;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kogu.content.publish.connector.Account;
import io.kogu.content.publish.connector.Connector;
import io.kogu.content.publish.connector.EngagementSource;
import io.kogu.content.publish.connector.HttpOutcomes;
import io.kogu.content.publish.connector.MediaFetcher;
import io.kogu.content.publish.connector.NetworkCalls;
import io.kogu.content.publish.connector.OAuth2Refresh;
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

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.Instant;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes to X with the X API v2 and an OAuth 2.0 user token (credentials {@code accessToken},
 * {@code refreshToken}, {@code expiresAt}):
 * <ul>
 * <li>{@code POST /2/tweets} — https://docs.x.com/x-api/posts/creation-of-a-post: {@code text},
 *     {@code media.media_ids}, {@code reply.in_reply_to_tweet_id} (the first comment); 201 {@code {"data":{"id","text"}}}.</li>
 * <li>{@code POST /2/media/upload} — https://docs.x.com/x-api/media/upload-media: the one-shot JSON upload
 *     ({@code media} base64, {@code media_category} {@code tweet_image}, {@code media_type}); {@code data.id}.
 *     Images only (up to 4 per post): video and GIF need the chunked INIT/APPEND/FINALIZE upload, not built, and
 *     are refused with a reason.</li>
 * <li>{@code POST /2/media/metadata} — https://docs.x.com/x-api/media/create-media-metadata: alt text.</li>
 * <li>{@code POST /2/oauth2/token} grant {@code refresh_token} —
 *     https://docs.x.com/fundamentals/authentication/oauth-2-0/authorization-code (refresh tokens rotate).</li>
 * <li>Errors — https://docs.x.com/x-api/fundamentals/response-codes-and-errors: problem JSON
 *     {@code {"title","detail","type","status"}} or {@code {"errors":[{"message"}]}}; 429 with
 *     {@code x-rate-limit-reset} (epoch seconds) — https://docs.x.com/x-api/fundamentals/rate-limits.</li>
 * </ul>
 * A repeat is not safe: {@code POST /2/tweets} takes no idempotency key, so an unknown outcome ends unconfirmed.
 */
@Singleton
public class XConnector implements Connector, EngagementSource, Replying, Hiding, ConversationSource {

    static final String NETWORK = "x";
    private static final Logger LOG = Logger.getLogger(XConnector.class);
    private static final int MAX_IMAGES = 4;

    private final OutboundHttp http;
    private final MediaFetcher fetcher;
    private final XConfig config;
    private final Clock clock;

    public XConnector(OutboundHttp http, MediaFetcher fetcher, XConfig config) {
        this(http, fetcher, config, Clock.systemUTC());
    }

    /** The service's clock ({@code io.kogu.content.time.Clocks}), so that rate-limit waits follow the injected time. */
    @Inject
    public XConnector(OutboundHttp http, MediaFetcher fetcher, XConfig config, Clock clock) {
        this.http = http;
        this.fetcher = fetcher;
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
        if (OAuth2Refresh.expiresSoon(account, clock)) {
            refresh(account);
        }
        String token = account.requiredCredential("accessToken");
        List<String> mediaIds = new ArrayList<>();
        for (PostMedia medium : post.media()) {
            if (!"image".equals(medium.kind())) {
                throw PublishFailure.rejected(null, "media_kind", "Kogu posts only images to X for now, not "
                        + medium.kind() + " (" + medium.url() + ")");
            }
            if (mediaIds.size() == MAX_IMAGES) {
                throw PublishFailure.rejected(null, "too_many_media", "X takes at most " + MAX_IMAGES + " images in a post");
            }
            mediaIds.add(upload(medium, token));
        }
        ObjectNode tweet = NetworkCalls.object().put("text", post.text());
        if (!mediaIds.isEmpty()) {
            mediaIds.forEach(tweet.putObject("media").putArray("media_ids")::add);
        }
        String id = tweet(tweet, token);
        String url = "https://x.com/i/web/status/" + id;
        if (post.firstComment() != null && !post.firstComment().isBlank()) {
            ObjectNode reply = NetworkCalls.object().put("text", post.firstComment());
            reply.putObject("reply").put("in_reply_to_tweet_id", id);
            try {
                tweet(reply, token);
            } catch (PublishFailure e) {
                // The post is out: a lost first comment must not make it fail (a retry would post it twice).
                LOG.warnf("x post %s is out, its first comment failed: %s", id, e.reason());
                post.progress().put("firstCommentFailed", e.reason());
            }
        }
        return new Published(id, url, null);
    }

    /**
     * A reply: {@code POST /2/tweets} with {@code reply.in_reply_to_tweet_id}
     * (https://docs.x.com/x-api/posts/creation-of-a-post). No idempotency key: an unknown outcome ends unconfirmed.
     */
    @Override
    public Published reply(ReplyPost reply, Account account) throws PublishFailure {
        if (OAuth2Refresh.expiresSoon(account, clock)) {
            refresh(account);
        }
        ObjectNode tweet = NetworkCalls.object().put("text", reply.text());
        tweet.putObject("reply").put("in_reply_to_tweet_id", reply.inReplyTo());
        String id = tweet(tweet, account.requiredCredential("accessToken"));
        return new Published(id, "https://x.com/i/web/status/" + id, null);
    }

    /**
     * {@code PUT /2/tweets/:id/hidden} with {@code {"hidden": true|false}} (https://docs.x.com/x-api/posts/hide-replies):
     * a reply to one of the channel's posts; answers {@code {"data":{"hidden":…}}}.
     */
    @Override
    public boolean hide(Account account, String externalId, boolean hidden) throws PublishFailure {
        if (OAuth2Refresh.expiresSoon(account, clock)) {
            refresh(account);
        }
        OutboundResponse response = NetworkCalls.send(http, OutboundRequest.put(config.apiUrl().resolve("/2/tweets/"
                        + URLEncoder.encode(externalId, StandardCharsets.UTF_8) + "/hidden"))
                .bearer(account.requiredCredential("accessToken"))
                .json(NetworkCalls.text(NetworkCalls.object().put("hidden", hidden))), NETWORK);
        JsonNode json = NetworkCalls.json(response);
        if (!response.isSuccess() || !json.path("data").path("hidden").isBoolean()) {
            throw failure(response, json);
        }
        return json.path("data").path("hidden").asBoolean();
    }

    @Override
    public void refresh(Account account) throws PublishFailure {
        OAuth2Refresh.refresh(http, config.apiUrl().resolve("/2/oauth2/token"), config.clientId(), config.clientSecret(),
                OAuth2Refresh.ClientAuth.BASIC, account, NETWORK, clock);
    }

    private String tweet(ObjectNode body, String token) throws PublishFailure {
        OutboundResponse response = NetworkCalls.send(http, OutboundRequest.post(config.apiUrl().resolve("/2/tweets"))
                .bearer(token).json(NetworkCalls.text(body)), NETWORK);
        JsonNode json = NetworkCalls.json(response);
        String id = json.path("data").path("id").asText("");
        if (!response.isSuccess() || id.isBlank()) {
            throw failure(response, json);
        }
        return id;
    }

    private String upload(PostMedia medium, String token) throws PublishFailure {
        MediaFetcher.Fetched image = fetcher.fetch(medium);
        ObjectNode body = NetworkCalls.object()
                .put("media", Base64.getEncoder().encodeToString(image.bytes()))
                .put("media_category", "tweet_image")
                .put("media_type", image.contentType());
        OutboundResponse response = NetworkCalls.sendBeforePost(http, OutboundRequest.post(config.apiUrl().resolve("/2/media/upload"))
                .bearer(token).json(NetworkCalls.text(body)), NETWORK, "the image upload to X");
        JsonNode json = NetworkCalls.json(response);
        String id = json.path("data").path("id").asText("");
        if (!response.isSuccess() || id.isBlank()) {
            throw NetworkCalls.beforePost(failure(response, json), "the image upload to X");
        }
        if (medium.altText() != null && !medium.altText().isBlank()) {
            ObjectNode metadata = NetworkCalls.object().put("id", id);
            metadata.putObject("metadata").putObject("alt_text").put("text", medium.altText());
            OutboundResponse alt = NetworkCalls.sendBeforePost(http, OutboundRequest.post(config.apiUrl().resolve("/2/media/metadata"))
                    .bearer(token).json(NetworkCalls.text(metadata)), NETWORK, "the image's alt text on X");
            if (!alt.isSuccess()) {
                throw NetworkCalls.beforePost(failure(alt, NetworkCalls.json(alt)), "the image's alt text on X");
            }
        }
        return id;
    }

    // --- engagement (issue 12) ---------------------------------------------------------------------------------

    /** {@code GET /2/tweets?ids=} takes up to 100 comma-separated ids (https://docs.x.com/x-api/posts/get-posts-by-ids). */
    @Override
    public int countersBatch() {
        return 100;
    }

    /**
     * {@code GET /2/tweets?ids=…&tweet.fields=public_metrics} (https://docs.x.com/x-api/posts/get-posts-by-ids;
     * the fields: https://docs.x.com/x-api/fundamentals/data-dictionary): {@code public_metrics.like_count} → like,
     * {@code retweet_count} → repost, {@code reply_count} → comment, {@code quote_count} → quote,
     * {@code impression_count} → impression. Posts that are gone come in {@code errors}, not {@code data}.
     */
    @Override
    public Map<String, Map<String, Long>> counters(Account account, List<String> externalIds) throws PublishFailure {
        if (OAuth2Refresh.expiresSoon(account, clock)) {
            refresh(account);
        }
        String token = account.requiredCredential("accessToken");
        String query = NetworkCalls.query("ids", String.join(",", externalIds), "tweet.fields", "public_metrics");
        OutboundResponse response = NetworkCalls.send(http,
                OutboundRequest.get(URI.create(config.apiUrl().resolve("/2/tweets") + "?" + query)).bearer(token), NETWORK);
        JsonNode json = NetworkCalls.json(response);
        if (!response.isSuccess()) {
            throw failure(response, json);
        }
        Map<String, Map<String, Long>> counters = new LinkedHashMap<>();
        for (JsonNode tweet : json.path("data")) {
            String id = tweet.path("id").asText("");
            JsonNode metrics = tweet.path("public_metrics");
            if (id.isBlank() || !metrics.isObject()) {
                continue;
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            EngagementSource.putCount(counts, "like", metrics.path("like_count"));
            EngagementSource.putCount(counts, "repost", metrics.path("retweet_count"));
            EngagementSource.putCount(counts, "comment", metrics.path("reply_count"));
            EngagementSource.putCount(counts, "quote", metrics.path("quote_count"));
            EngagementSource.putCount(counts, "impression", metrics.path("impression_count"));
            counters.put(id, counts);
        }
        return counters;
    }

    // --- conversations (issue 13) -------------------------------------------------------------------------------

    /**
     * Mentions of the channel's account, which include the replies to its posts: {@code GET /2/users/:id/mentions}
     * (https://docs.x.com/x-api/posts/user-mention-timeline-by-user-id) with {@code since_id} (the previous
     * reading's {@code meta.newest_id}), {@code tweet.fields=created_at,author_id,conversation_id,referenced_tweets}
     * and {@code expansions=author_id} (the authors in {@code includes.users}). The account's id comes from
     * {@code GET /2/users/me} (https://docs.x.com/x-api/users/user-lookup-me), kept in the cursor. The thread's
     * root is the post's {@code conversation_id}; a post answering the root is a comment, another answer a reply.
     */
    @Override
    public Reading conversations(Account account, Map<String, String> cursor, List<OwnPost> ownPosts,
                                 Instant since, int limit) throws PublishFailure {
        if (OAuth2Refresh.expiresSoon(account, clock)) {
            refresh(account);
        }
        String token = account.requiredCredential("accessToken");
        Map<String, String> next = new LinkedHashMap<>(cursor);
        String me = cursor.get("userId");
        if (me == null) {
            me = getJson(config.apiUrl().resolve("/2/users/me"), token).path("data").path("id").asText(null);
            if (me == null) {
                throw PublishFailure.unknown(200, null, "X answered /2/users/me without the account's id");
            }
            next.put("userId", me);
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("max_results", Integer.toString(Math.max(5, Math.min(limit, 100))));
        query.put("tweet.fields", "created_at,author_id,conversation_id,referenced_tweets");
        query.put("expansions", "author_id");
        query.put("user.fields", "username,name");
        if (cursor.get("sinceId") != null) {
            query.put("since_id", cursor.get("sinceId"));
        } else {
            query.put("start_time", since.truncatedTo(ChronoUnit.SECONDS).toString());
        }
        JsonNode json = getJson(URI.create(config.apiUrl().resolve("/2/users/" + URLEncoder.encode(me,
                StandardCharsets.UTF_8) + "/mentions") + "?" + NetworkCalls.query(query)), token);
        Map<String, JsonNode> users = new LinkedHashMap<>();
        json.path("includes").path("users").forEach(u -> users.put(u.path("id").asText(), u));
        List<Item> items = new ArrayList<>();
        for (JsonNode tweet : json.path("data")) {
            String id = tweet.path("id").asText(null);
            if (id == null) {
                continue;
            }
            String parent = null;
            for (JsonNode referenced : tweet.path("referenced_tweets")) {
                if ("replied_to".equals(referenced.path("type").asText())) {
                    parent = referenced.path("id").asText(null);
                }
            }
            String root = tweet.path("conversation_id").asText(id);
            String kind = parent == null ? "mention" : parent.equals(root) ? "comment" : "reply";
            JsonNode author = users.getOrDefault(tweet.path("author_id").asText(), NetworkCalls.object());
            String username = author.path("username").asText("");
            items.add(new Item(kind, id, parent, root, username.isEmpty() ? null : "@" + username,
                    author.path("name").asText(null), tweet.path("author_id").asText(null), tweet.path("text").asText(""),
                    "https://x.com/i/web/status/" + id, instant(tweet.path("created_at").asText(null)),
                    me.equals(tweet.path("author_id").asText())));
        }
        String newest = json.path("meta").path("newest_id").asText(null);
        if (newest != null) {
            next.put("sinceId", newest);
        }
        return new Reading(items, next);
    }

    private JsonNode getJson(URI uri, String token) throws PublishFailure {
        OutboundResponse response = NetworkCalls.send(http, OutboundRequest.get(uri).bearer(token), NETWORK);
        JsonNode json = NetworkCalls.json(response);
        if (!response.isSuccess()) {
            throw failure(response, json);
        }
        return json;
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** X's problem JSON ({@code title}, {@code detail}, {@code type}) or its older {@code errors} array. */
    private static PublishFailure failure(OutboundResponse response, JsonNode json) {
        JsonNode firstError = json.path("errors").path(0);
        String detail = json.path("detail").asText(firstError.path("detail").asText(firstError.path("message").asText("")));
        String title = json.path("title").asText(firstError.path("title").asText(""));
        String type = json.path("type").asText(firstError.path("type").asText(""));
        String code = !type.isBlank() && !"about:blank".equals(type) ? type : !title.isBlank() ? title : null;
        if (response.isSuccess()) {
            // 2xx with an errors array and no data is a refusal; a 2xx without an id may still have published.
            return json.has("errors") ? PublishFailure.rejected(response.status(), code, "X refused the post: " + detail)
                    : PublishFailure.unknown(response.status(), null, "X answered without the post's id");
        }
        return HttpOutcomes.status(response, NETWORK, code, detail.isBlank() ? title : detail);
    }
}
