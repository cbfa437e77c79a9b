package io.kogu.content.publish.connector.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kogu.content.publish.connector.Account;
import io.kogu.content.publish.connector.Connector;
import io.kogu.content.publish.connector.ConversationSource;
import io.kogu.content.publish.connector.EngagementSource;
import io.kogu.content.publish.connector.HttpOutcomes;
import io.kogu.content.publish.connector.MediaFetcher;
import io.kogu.content.publish.connector.Post;
import io.kogu.content.publish.connector.PostMedia;
import io.kogu.content.publish.connector.NetworkCalls;
import io.kogu.content.publish.connector.PublishFailure;
import io.kogu.content.publish.connector.Published;
import io.kogu.content.publish.connector.ReplyPost;
import io.kogu.content.publish.connector.Replying;
import io.kogu.platform.outbound.OutboundException;
import io.kogu.platform.outbound.OutboundHttp;
import io.kogu.platform.outbound.OutboundRequest;
import io.kogu.platform.outbound.OutboundResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Publishes to Bluesky (any PDS: the channel's {@code connection.serviceUrl}, default
 * {@code kogu.connectors.bluesky.service-url}, {@code https://bsky.social}) over XRPC, through the outbound guard.
 *
 * <ul>
 *   <li>Session: {@code com.atproto.server.createSession} with the channel's handle and app password
 *       (https://docs.bsky.app/docs/api/com-atproto-server-create-session), kept in the channel's credentials
 *       ({@code accessJwt}, {@code refreshJwt}, {@code did}) and reused. An access token the PDS calls expired
 *       (it answers {@code 400 {"error":"ExpiredToken"}}; an entryway may answer 401) is renewed with
 *       {@code com.atproto.server.refreshSession} and the refresh token
 *       (https://docs.bsky.app/docs/api/com-atproto-server-refresh-session), else with a new session from the app
 *       password, and the refused call is made once more.</li>
 *   <li>Images: fetched through {@link MediaFetcher}, uploaded with {@code com.atproto.repo.uploadBlob}
 *       (https://docs.bsky.app/docs/api/com-atproto-repo-upload-blob), embedded as {@code app.bsky.embed.images}
 *       with their alt text and aspect ratio (https://docs.bsky.app/docs/advanced-guides/posts#images-embeds);
 *       at most 4, each at most 1,000,000 bytes (the lexicon's {@code maxSize}).</li>
 *   <li>Rich text: facets for links, mentions and hashtags at UTF-8 byte offsets ({@link Facets},
 *       https://docs.bsky.app/docs/advanced-guides/post-richtext); a mention's handle is resolved to a DID with
 *       {@code com.atproto.identity.resolveHandle} (https://docs.bsky.app/docs/api/com-atproto-identity-resolve-handle);
 *       a handle that does not resolve stays plain text.</li>
 *   <li>The post: an {@code app.bsky.feed.post} record with {@code text}, {@code createdAt}, {@code langs}
 *       (https://docs.bsky.app/docs/advanced-guides/posts), written with {@code com.atproto.repo.putRecord}
 *       (https://docs.bsky.app/docs/api/com-atproto-repo-put-record) under a record key derived from the publication
 *       ({@link RecordKeys}) and {@code "swapRecord": null} ("only if there is no record there yet"). A repeat
 *       therefore never makes a second post: the same record again is a no-op, a different one (another
 *       {@code createdAt}) is refused with {@code InvalidSwap}, and then the record that is there is read back
 *       with {@code com.atproto.repo.getRecord} and answered. {@code createRecord} with an {@code rkey} is not used:
 *       the reference PDS answers a repeat with 500, which would look like an unknown outcome.</li>
 *   <li>First comment: a reply record ({@code reply.root} and {@code reply.parent} are the post's strong ref)
 *       under its own derived key, written the same way.</li>
 *   <li>Followers: {@code app.bsky.actor.getProfile} (https://docs.bsky.app/docs/api/app-bsky-actor-get-profile),
 *       best effort: its absence never fails a publication.</li>
 *   <li>Rate limits: 429 with {@code RateLimit-Reset} (epoch seconds), https://docs.bsky.app/docs/advanced-guides/rate-limits.</li>
 * </ul>
 */
@ApplicationScoped
public class BlueskyConnector implements Connector, EngagementSource, Replying, ConversationSource {

    static final String NETWORK = "bluesky";
    private static final String NAME = "Bluesky";
    private static final Logger LOG = Logger.getLogger(BlueskyConnector.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POST = "app.bsky.feed.post";
    private static final int MAX_IMAGES = 4;
    private static final long MAX_IMAGE_BYTES = 1_000_000;
    private static final int MAX_TEXT_BYTES = 3000;
    private static final Set<String> SESSION_ENDED = Set.of("ExpiredToken", "InvalidToken");
    private static final DateTimeFormatter CREATED_AT = DateTimeFormatter.ISO_INSTANT;
    /** {@code at://<did or handle>/<collection>/<rkey>} (https://atproto.com/specs/at-uri-scheme). */
    private static final Pattern AT_URI = Pattern.compile("at://([^/]+)/([^/]+)/([^/?#]+)");

    private final OutboundHttp http;
    private final MediaFetcher media;
    private final URI defaultServiceUrl;
    private final Clock clock;

    @Inject
    public BlueskyConnector(OutboundHttp http, MediaFetcher media,
                            @ConfigProperty(name = "kogu.connectors.bluesky.service-url", defaultValue = "https://bsky.social")
                            URI defaultServiceUrl) {
        this(http, media, defaultServiceUrl, Clock.systemUTC());
    }

    public BlueskyConnector(OutboundHttp http, MediaFetcher media, URI defaultServiceUrl, Clock clock) {
        this.http = http;
        this.media = media;
        this.defaultServiceUrl = defaultServiceUrl;
        this.clock = clock;
    }

    @Override
    public String network() {
        return NETWORK;
    }

    /** The record key is derived from the publication: a repeat writes to the same key and never adds a post. */
    @Override
    public boolean repeatIsSafe() {
        return true;
    }

    @Override
    public Published publish(Post post, Account account) throws PublishFailure {
        String text = post.text() == null ? "" : post.text();
        check(text, "post");
        if (post.firstComment() != null && !post.firstComment().isBlank()) {
            check(post.firstComment(), "first comment");
        }
        List<PostMedia> images = images(post);
        Pds pds = new Pds(serviceUrl(account), account);

        ObjectNode record = record(pds, text, post.language());
        if (!images.isEmpty()) {
            ArrayNode embedded = JSON.createArrayNode();
            for (PostMedia image : images) {
                embedded.add(upload(pds, image));
            }
            ObjectNode embed = record.putObject("embed");
            embed.put("$type", "app.bsky.embed.images");
            embed.set("images", embedded);
        }
        String rkey = RecordKeys.post(post.publicationId());
        StrongRef ref = write(pds, rkey, record);

        if (post.firstComment() != null && !post.firstComment().isBlank()) {
            ObjectNode reply = record(pds, post.firstComment(), post.language());
            ObjectNode refs = reply.putObject("reply");
            refs.set("root", ref.json());
            refs.set("parent", ref.json());
            try {
                write(pds, RecordKeys.firstComment(post.publicationId()), reply);
            } catch (PublishFailure e) {
                if (e.outcome() != PublishFailure.Outcome.REJECTED) {
                    throw e; // a repeat finds the post and writes the comment
                }
                // The post is out; a comment the network refuses for good must not turn it into a failure.
                LOG.warnf("Bluesky refused the first comment of publication %s (the post is out): %s",
                        post.publicationId(), e.reason());
            }
        }
        String profile = pds.handle.isEmpty() ? pds.session.did() : pds.handle;
        return new Published(ref.uri(), "https://bsky.app/profile/" + profile + "/post/" + rkey, followers(pds));
    }

    @Override
    public void refresh(Account account) throws PublishFailure {
        Pds pds = new Pds(serviceUrl(account), account);
        renew(pds);
    }

    // --- replies (issue 13) ------------------------------------------------------------------------------------

    /**
     * A reply: an {@code app.bsky.feed.post} record whose {@code reply.parent} is the strong ref (uri and cid) of the
     * item answered and {@code reply.root} that of the thread's root
     * (https://docs.bsky.app/docs/advanced-guides/posts#replies-quote-posts-and-embeds), written like a post under a
     * record key derived from the reply's id ({@link RecordKeys#reply}): a repeat never makes a second reply. The
     * root is the one given, else the parent's own {@code reply.root} (the parent is itself a reply), else the
     * parent.
     */
    @Override
    public Published reply(ReplyPost reply, Account account) throws PublishFailure {
        String text = reply.text() == null ? "" : reply.text();
        check(text, "reply");
        Pds pds = new Pds(serviceUrl(account), account);
        Answered parent = answered(pds, reply.inReplyTo());
        StrongRef root = reply.rootExternalId() != null && !reply.rootExternalId().isBlank()
                && !reply.rootExternalId().equals(reply.inReplyTo())
                ? answered(pds, reply.rootExternalId()).ref()
                : parent.root() != null ? parent.root() : parent.ref();
        ObjectNode record = record(pds, text, null);
        ObjectNode refs = record.putObject("reply");
        refs.set("root", root.json());
        refs.set("parent", parent.ref().json());
        String rkey = RecordKeys.reply(reply.replyId());
        StrongRef ref = write(pds, rkey, record);
        String profile = pds.handle.isEmpty() ? pds.session.did() : pds.handle;
        return new Published(ref.uri(), "https://bsky.app/profile/" + profile + "/post/" + rkey, null);
    }

    /** The item answered: its strong ref, and its own thread root when it is a reply. */
    private record Answered(StrongRef ref, StrongRef root) {
    }

    /**
     * The strong ref of a post by its at-uri: {@code com.atproto.repo.getRecord}
     * (https://docs.bsky.app/docs/api/com-atproto-repo-get-record) where the channel's PDS holds it, else
     * {@code app.bsky.feed.getPosts} through the PDS's AppView (a fan on another PDS). A post neither knows is
     * refused for good: the reply would answer nothing.
     */
    private Answered answered(Pds pds, String uri) throws PublishFailure {
        Matcher parts = AT_URI.matcher(uri == null ? "" : uri.strip());
        if (!parts.matches()) {
            throw PublishFailure.rejected(null, "invalid_target", "the item answered is not a Bluesky post's at-uri: " + uri);
        }
        OutboundResponse record = NetworkCalls.sendBeforePost(http, OutboundRequest.get(pds.xrpc("com.atproto.repo.getRecord",
                "repo", parts.group(1), "collection", parts.group(2), "rkey", parts.group(3))), NAME, "Reading the item answered");
        if (record.isSuccess()) {
            JsonNode body = body(record);
            return new Answered(new StrongRef(body.path("uri").asText(uri), body.path("cid").asText()),
                    ref(body.path("value").path("reply").path("root")));
        }
        if (record.status() != 400 && record.status() != 404) {
            throw NetworkCalls.beforePost(failure(record), "Reading the item answered");
        }
        OutboundResponse posts = authed(pds, access -> OutboundRequest.get(pds.xrpc("app.bsky.feed.getPosts", "uris", uri))
                .bearer(access));
        if (!posts.isSuccess()) {
            throw NetworkCalls.beforePost(failure(posts), "Reading the item answered");
        }
        for (JsonNode post : body(posts).path("posts")) {
            if (uri.equals(post.path("uri").asText()) && post.path("cid").isTextual()) {
                return new Answered(new StrongRef(uri, post.path("cid").asText()),
                        ref(post.path("record").path("reply").path("root")));
            }
        }
        throw PublishFailure.rejected(record.status(), "target_gone",
                "Bluesky does not show the item answered (deleted, or not visible to the channel): " + uri);
    }

    private static StrongRef ref(JsonNode node) {
        return node.path("uri").isTextual() && node.path("cid").isTextual()
                ? new StrongRef(node.path("uri").asText(), node.path("cid").asText()) : null;
    }

    // --- conversations (issue 13) -------------------------------------------------------------------------------

    /** How many notifications one reading pages through at most (100 a page, the lexicon's maximum limit). */
    private static final int NOTIFICATION_PAGES = 5;

    /**
     * What people say to the channel:
     * <ul>
     *   <li>{@code app.bsky.notification.listNotifications} (https://docs.bsky.app/docs/api/app-bsky-notification-list-notifications),
     *       newest first, through the channel's PDS (which proxies it to its AppView): reasons {@code reply} (a comment
     *       when it answers the thread's root, else a reply), {@code mention} and {@code quote} (mentions); paged
     *       until the {@code indexedAt} the previous reading saw (kept in the cursor);</li>
     *   <li>{@code app.bsky.feed.getPostThread} (https://docs.bsky.app/docs/api/app-bsky-feed-get-post-thread) of the
     *       channel's recent posts: every reply in the thread (its {@code replies}, recursively), which also brings
     *       the channel's own replies back ({@code fromUs}), those indexed since the previous reading.</li>
     * </ul>
     */
    @Override
    public Reading conversations(Account account, Map<String, String> cursor, List<OwnPost> ownPosts, Instant since,
                                 int limit) throws PublishFailure {
        Pds pds = new Pds(serviceUrl(account), account);
        Map<String, String> next = new LinkedHashMap<>(cursor);
        Map<String, Item> items = new LinkedHashMap<>();
        Instant threadsFrom = parseInstant(cursor.get("threadsSeenUntil"));
        Instant threadsSeen = threadsFrom;
        for (OwnPost post : ownPosts) {
            OutboundResponse response = authed(pds, access -> OutboundRequest.get(pds.xrpc("app.bsky.feed.getPostThread",
                    "uri", post.externalId(), "depth", "20", "parentHeight", "0")).bearer(access));
            if (response.status() == 400 && "NotFound".equals(error(response).code())) {
                continue; // the post is gone
            }
            if (!response.isSuccess()) {
                throw failure(response);
            }
            List<JsonNode> replies = new ArrayList<>();
            collectReplies(body(response).path("thread"), replies, 0);
            for (JsonNode view : replies) {
                Instant indexed = parseInstant(view.path("indexedAt").asText(null));
                // Seen by an earlier reading (the bound is exclusive, as for notifications: the newest reply of a
                // thread must not be sent again at every reading).
                if (indexed == null || (threadsFrom != null ? !indexed.isAfter(threadsFrom) : indexed.isBefore(since))) {
                    continue;
                }
                threadsSeen = threadsSeen == null || indexed.isAfter(threadsSeen) ? indexed : threadsSeen;
                putItem(items, item(view, view.path("record"), pds.session.did(), post.externalId(), null));
            }
        }
        if (threadsSeen != null) {
            next.put("threadsSeenUntil", threadsSeen.toString());
        }

        Instant seenUntil = parseInstant(cursor.get("notificationsSeenUntil"));
        Instant newest = seenUntil;
        String page = null;
        reading:
        for (int pages = 0; pages < NOTIFICATION_PAGES; pages++) {
            String pageCursor = page;
            OutboundResponse response = authed(pds, access -> OutboundRequest.get(pageCursor == null
                    ? pds.xrpc("app.bsky.notification.listNotifications", "limit", "100")
                    : pds.xrpc("app.bsky.notification.listNotifications", "limit", "100", "cursor", pageCursor)).bearer(access));
            if (!response.isSuccess()) {
                throw failure(response);
            }
            JsonNode body = body(response);
            for (JsonNode notification : body.path("notifications")) {
                Instant indexed = parseInstant(notification.path("indexedAt").asText(null));
                if (indexed == null) {
                    continue;
                }
                if ((seenUntil != null && !indexed.isAfter(seenUntil)) || (seenUntil == null && indexed.isBefore(since))) {
                    break reading;
                }
                newest = newest == null || indexed.isAfter(newest) ? indexed : newest;
                String reason = notification.path("reason").asText("");
                if (!Set.of("reply", "mention", "quote").contains(reason) || items.size() >= limit) {
                    continue;
                }
                JsonNode record = notification.path("record");
                String root = record.path("reply").path("root").path("uri").asText(null);
                putItem(items, item(notification, record, pds.session.did(), root,
                        "reply".equals(reason) ? null : "mention"));
            }
            page = body.path("cursor").asText(null);
            if (page == null || body.path("notifications").isEmpty()) {
                break;
            }
        }
        if (newest != null) {
            next.put("notificationsSeenUntil", newest.toString());
        }
        return new Reading(List.copyOf(items.values()), next);
    }

    /** The replies of a thread view, depth first ({@code app.bsky.feed.defs#threadViewPost}). */
    private static void collectReplies(JsonNode thread, List<JsonNode> into, int depth) {
        if (depth > 50) {
            return;
        }
        for (JsonNode reply : thread.path("replies")) {
            if (reply.path("post").isObject()) {
                into.add(reply.path("post"));
                collectReplies(reply, into, depth + 1);
            }
        }
    }

    /**
     * One post (a post view or a notification: both have {@code uri}, {@code author}, {@code record},
     * {@code indexedAt}) as an item. Without a given kind: a comment when it answers the root, a reply otherwise.
     */
    private static Item item(JsonNode view, JsonNode record, String me, String root, String kind) {
        String uri = view.path("uri").asText(null);
        if (uri == null) {
            return null;
        }
        String parent = record.path("reply").path("parent").path("uri").asText(null);
        String threadRoot = root != null ? root : record.path("reply").path("root").path("uri").asText(uri);
        String itemKind = kind != null ? kind : parent != null && parent.equals(threadRoot) ? "comment" : "reply";
        JsonNode author = view.path("author");
        String handle = author.path("handle").asText("");
        String name = author.path("displayName").asText("");
        String created = record.path("createdAt").asText(view.path("indexedAt").asText(null));
        return new Item(itemKind, uri, parent, threadRoot, handle.isEmpty() ? null : "@" + handle,
                name.isBlank() ? null : name, author.path("did").asText(null), record.path("text").asText(""),
                handle.isEmpty() ? null : "https://bsky.app/profile/" + handle + "/post/" + uri.substring(uri.lastIndexOf('/') + 1),
                parseInstant(created), author.path("did").asText("").equals(me));
    }

    private static void putItem(Map<String, Item> items, Item item) {
        if (item != null) {
            items.putIfAbsent(item.externalId(), item);
        }
    }

    private static Instant parseInstant(String text) {
        try {
            return text == null ? null : java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    // --- engagement (issue 12) ---------------------------------------------------------------------------------

    /** {@code app.bsky.feed.getPosts} takes at most 25 {@code uris} (its lexicon's {@code maxLength}). */
    @Override
    public int countersBatch() {
        return 25;
    }

    /**
     * {@code app.bsky.feed.getPosts} (https://docs.bsky.app/docs/api/app-bsky-feed-get-posts), asked of the
     * channel's PDS, which proxies it to its AppView: post views whose {@code likeCount} → like,
     * {@code repostCount} → repost, {@code replyCount} → comment, {@code quoteCount} → quote. Posts that are gone
     * are left out of the answer.
     */
    @Override
    public Map<String, Map<String, Long>> counters(Account account, List<String> externalIds) throws PublishFailure {
        Pds pds = new Pds(serviceUrl(account), account);
        String[] query = new String[externalIds.size() * 2];
        for (int i = 0; i < externalIds.size(); i++) {
            query[2 * i] = "uris";
            query[2 * i + 1] = externalIds.get(i);
        }
        OutboundResponse response = authed(pds, access -> OutboundRequest.get(pds.xrpc("app.bsky.feed.getPosts", query))
                .bearer(access));
        if (!response.isSuccess()) {
            throw failure(response);
        }
        Map<String, Map<String, Long>> counters = new LinkedHashMap<>();
        for (JsonNode post : body(response).path("posts")) {
            String uri = post.path("uri").asText("");
            if (uri.isBlank()) {
                continue;
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            EngagementSource.putCount(counts, "like", post.path("likeCount"));
            EngagementSource.putCount(counts, "repost", post.path("repostCount"));
            EngagementSource.putCount(counts, "comment", post.path("replyCount"));
            EngagementSource.putCount(counts, "quote", post.path("quoteCount"));
            counters.put(uri, counts);
        }
        return counters;
    }

    /**
     * {@code app.bsky.feed.getLikes} (https://docs.bsky.app/docs/api/app-bsky-feed-get-likes: {@code likes[].actor})
     * and {@code app.bsky.feed.getRepostedBy} (https://docs.bsky.app/docs/api/app-bsky-feed-get-reposted-by:
     * {@code repostedBy[]}): profile views with {@code did} (the actor's id) and {@code handle}. The first page
     * only (at most 100, the lexicons' maximum {@code limit}).
     */
    @Override
    public List<Engager> engagers(Account account, String externalId, int limit) throws PublishFailure {
        Pds pds = new Pds(serviceUrl(account), account);
        String page = Integer.toString(Math.max(1, Math.min(limit, 100)));
        List<Engager> engagers = new ArrayList<>();
        OutboundResponse likes = authed(pds, access -> OutboundRequest.get(pds.xrpc("app.bsky.feed.getLikes",
                "uri", externalId, "limit", page)).bearer(access));
        if (!likes.isSuccess()) {
            throw failure(likes);
        }
        for (JsonNode like : body(likes).path("likes")) {
            engager(engagers, "like", like.path("actor"));
        }
        OutboundResponse reposts = authed(pds, access -> OutboundRequest.get(pds.xrpc("app.bsky.feed.getRepostedBy",
                "uri", externalId, "limit", page)).bearer(access));
        if (!reposts.isSuccess()) {
            throw failure(reposts);
        }
        for (JsonNode actor : body(reposts).path("repostedBy")) {
            engager(engagers, "repost", actor);
        }
        return engagers;
    }

    private static void engager(List<Engager> engagers, String type, JsonNode actor) {
        String did = actor.path("did").asText("");
        String handle = actor.path("handle").asText("");
        if (!did.isBlank() && !handle.isBlank()) {
            engagers.add(new Engager(type, did, handle));
        }
    }

    // --- the post record -----------------------------------------------------------------------------------------

    private ObjectNode record(Pds pds, String text, String language) throws PublishFailure {
        ObjectNode record = JSON.createObjectNode();
        record.put("$type", POST);
        record.put("text", text);
        ArrayNode facets = facets(pds, text);
        if (!facets.isEmpty()) {
            record.set("facets", facets);
        }
        if (language != null && !language.isBlank()) {
            record.putArray("langs").add(language);
        }
        record.put("createdAt", CREATED_AT.format(clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        return record;
    }

    private ArrayNode facets(Pds pds, String text) throws PublishFailure {
        ArrayNode facets = JSON.createArrayNode();
        Map<String, Optional<String>> dids = new HashMap<>();
        for (Facets.Span span : Facets.find(text)) {
            ObjectNode feature = JSON.createObjectNode();
            switch (span.kind()) {
                case LINK -> {
                    feature.put("$type", "app.bsky.richtext.facet#link");
                    feature.put("uri", span.value());
                }
                case TAG -> {
                    feature.put("$type", "app.bsky.richtext.facet#tag");
                    feature.put("tag", span.value());
                }
                case MENTION -> {
                    String handle = span.value().toLowerCase(Locale.ROOT);
                    Optional<String> did = dids.containsKey(handle) ? dids.get(handle) : resolveHandle(pds, handle);
                    dids.put(handle, did);
                    if (did.isEmpty()) {
                        continue; // not an account: the mention stays plain text
                    }
                    feature.put("$type", "app.bsky.richtext.facet#mention");
                    feature.put("did", did.get());
                }
            }
            ObjectNode facet = facets.addObject();
            facet.putObject("index").put("byteStart", span.byteStart()).put("byteEnd", span.byteEnd());
            facet.putArray("features").add(feature);
        }
        return facets;
    }

    /** A handle's DID, or empty when no account has that handle (the PDS answers 400). */
    private Optional<String> resolveHandle(Pds pds, String handle) throws PublishFailure {
        OutboundResponse response = send(OutboundRequest.get(pds.xrpc("com.atproto.identity.resolveHandle", "handle", handle)));
        if (response.isSuccess()) {
            return Optional.ofNullable(body(response).path("did").textValue());
        }
        if (response.status() == 400 || response.status() == 404) {
            return Optional.empty();
        }
        throw failure(response);
    }

    // --- images --------------------------------------------------------------------------------------------------

    private static List<PostMedia> images(Post post) throws PublishFailure {
        List<PostMedia> images = post.media() == null ? List.of() : post.media();
        for (PostMedia medium : images) {
            if (!"image".equals(medium.kind()) && !"gif".equals(medium.kind())) {
                throw PublishFailure.rejected(null, "media_kind",
                        "Kogu publishes images to Bluesky, not a " + medium.kind() + " (" + medium.url() + ")");
            }
        }
        if (images.size() > MAX_IMAGES) {
            throw PublishFailure.rejected(null, "too_many_media",
                    "a Bluesky post takes at most " + MAX_IMAGES + " images, this one has " + images.size());
        }
        return images;
    }

    private ObjectNode upload(Pds pds, PostMedia medium) throws PublishFailure {
        MediaFetcher.Fetched fetched = media.fetch(medium);
        if (fetched.bytes().length > MAX_IMAGE_BYTES) {
            throw PublishFailure.rejected(null, "media_too_large", "the image " + medium.url() + " has "
                    + fetched.bytes().length + " bytes; Bluesky takes at most " + MAX_IMAGE_BYTES);
        }
        OutboundResponse response = authed(pds, token -> OutboundRequest.post(pds.xrpc("com.atproto.repo.uploadBlob"))
                .bearer(token).body(fetched.bytes(), fetched.contentType()));
        if (!response.isSuccess()) {
            throw failure(response);
        }
        JsonNode blob = body(response).path("blob");
        if (!blob.isObject()) {
            throw PublishFailure.unknown(response.status(), null, "Bluesky answered the image upload without a blob");
        }
        ObjectNode image = JSON.createObjectNode();
        image.set("image", blob);
        image.put("alt", medium.altText() == null ? "" : medium.altText());
        aspectRatio(fetched.bytes()).ifPresent(size -> image.putObject("aspectRatio").put("width", size[0]).put("height", size[1]));
        return image;
    }

    /** Width and height from the image's header (no decoding), when the JDK reads its format. */
    static Optional<int[]> aspectRatio(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                return width > 0 && height > 0 ? Optional.of(new int[] {width, height}) : Optional.empty();
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    // --- writing records -----------------------------------------------------------------------------------------

    private record StrongRef(String uri, String cid) {
        ObjectNode json() {
            ObjectNode ref = JSON.createObjectNode();
            ref.put("uri", uri);
            ref.put("cid", cid);
            return ref;
        }
    }

    /** Writes the record under its key unless one is there already; answers the record that is there. */
    private StrongRef write(Pds pds, String rkey, ObjectNode record) throws PublishFailure {
        OutboundResponse response = authed(pds, token -> {
            ObjectNode input = JSON.createObjectNode();
            input.put("repo", pds.session.did());
            input.put("collection", POST);
            input.put("rkey", rkey);
            input.putNull("swapRecord");
            input.set("record", record);
            return OutboundRequest.post(pds.xrpc("com.atproto.repo.putRecord")).bearer(token).json(input.toString());
        });
        if (response.isSuccess()) {
            return strongRef(response);
        }
        if (response.status() == 400 && "InvalidSwap".equals(error(response).code())) {
            // An earlier attempt wrote it: answer that record, never a second one.
            OutboundResponse existing = send(OutboundRequest.get(pds.xrpc("com.atproto.repo.getRecord",
                    "repo", pds.session.did(), "collection", POST, "rkey", rkey)));
            if (existing.isSuccess()) {
                return strongRef(existing);
            }
            throw failure(existing);
        }
        throw failure(response);
    }

    private static StrongRef strongRef(OutboundResponse response) throws PublishFailure {
        JsonNode body = body(response);
        String uri = body.path("uri").textValue();
        String cid = body.path("cid").textValue();
        if (uri == null || cid == null) {
            throw PublishFailure.unknown(response.status(), null, "Bluesky answered the post without its uri and cid");
        }
        return new StrongRef(uri, cid);
    }

    private Long followers(Pds pds) {
        try {
            OutboundResponse response = http.send(OutboundRequest.get(pds.xrpc("app.bsky.actor.getProfile", "actor", pds.session.did()))
                    .bearer(pds.session.accessJwt()).responseTimeout(Duration.ofSeconds(5)));
            JsonNode count = response.isSuccess() ? body(response).path("followersCount") : null;
            return count != null && count.canConvertToLong() ? count.longValue() : null;
        } catch (OutboundException | PublishFailure | RuntimeException e) {
            return null;
        }
    }

    // --- session -------------------------------------------------------------------------------------------------

    private record Session(String accessJwt, String refreshJwt, String did) {
    }

    /** One PDS and the channel's session on it, for the calls of one publication or one refresh. */
    private final class Pds {
        final URI base;
        final Account account;
        final String handle;
        Session session;

        Pds(URI base, Account account) {
            this.base = base;
            this.account = account;
            this.handle = account.handle() == null ? "" : account.handle().strip().replaceFirst("^@", "");
            Optional<String> access = account.credential("accessJwt");
            Optional<String> did = account.credential("did");
            if (access.isPresent() && did.isPresent()) {
                session = new Session(access.get(), account.credential("refreshJwt").orElse(null), did.get());
            }
        }

        URI xrpc(String method, String... query) {
            StringBuilder uri = new StringBuilder(base.toString().replaceAll("/+$", "")).append("/xrpc/").append(method);
            for (int i = 0; i + 1 < query.length; i += 2) {
                uri.append(i == 0 ? '?' : '&').append(query[i]).append('=')
                        .append(URLEncoder.encode(query[i + 1], StandardCharsets.UTF_8));
            }
            return URI.create(uri.toString());
        }
    }

    @FunctionalInterface
    private interface AuthedRequest {
        OutboundRequest with(String accessJwt);
    }

    /** A call with the access token; an ended session is renewed once and the call made again. */
    private OutboundResponse authed(Pds pds, AuthedRequest request) throws PublishFailure {
        if (pds.session == null) {
            createSession(pds);
        }
        OutboundResponse response = send(request.with(pds.session.accessJwt()));
        if (sessionEnded(response)) {
            renew(pds);
            response = send(request.with(pds.session.accessJwt()));
            if (sessionEnded(response)) {
                XrpcError error = error(response);
                throw PublishFailure.unauthorized(response.status(), error.code(),
                        "Bluesky refused the renewed session (" + error.message() + "): reconnect the channel");
            }
        }
        if (response.status() == 401) {
            XrpcError error = error(response);
            throw PublishFailure.unauthorized(401, error.code(), "Bluesky refused the channel's session"
                    + (error.message() != null ? " (" + error.message() + ")" : "") + ": reconnect the channel");
        }
        return response;
    }

    /** The PDS answers an expired access token with 400 ExpiredToken, an unverifiable one with 400 InvalidToken. */
    private static boolean sessionEnded(OutboundResponse response) {
        return (response.status() == 400 || response.status() == 401) && SESSION_ENDED.contains(error(response).code());
    }

    /** refreshSession with the refresh token; when that is gone too, a new session from the app password. */
    private void renew(Pds pds) throws PublishFailure {
        Optional<String> refreshJwt = pds.session != null ? Optional.ofNullable(pds.session.refreshJwt())
                : pds.account.credential("refreshJwt");
        if (refreshJwt.isPresent()) {
            OutboundResponse response = send(OutboundRequest.post(pds.xrpc("com.atproto.server.refreshSession"))
                    .bearer(refreshJwt.get()));
            if (response.isSuccess()) {
                keep(pds, response);
                return;
            }
            if (response.status() != 400 && response.status() != 401) {
                throw failure(response);
            }
            LOG.debugf("Bluesky refused the refresh token of %s (%s): a new session from the app password",
                    pds.account, error(response).code());
        }
        createSession(pds);
    }

    private void createSession(Pds pds) throws PublishFailure {
        String appPassword = pds.account.credential("appPassword").orElseThrow(() -> PublishFailure.unauthorized(null,
                "missing_credentials", "the Bluesky channel has no app password: set 'appPassword' or reconnect the channel"));
        if (pds.handle.isEmpty()) {
            throw PublishFailure.rejected(null, "missing_handle", "the Bluesky channel has no handle to sign in with");
        }
        ObjectNode input = JSON.createObjectNode();
        input.put("identifier", pds.handle);
        input.put("password", appPassword);
        OutboundResponse response = send(OutboundRequest.post(pds.xrpc("com.atproto.server.createSession")).json(input.toString()));
        if (response.isSuccess()) {
            keep(pds, response);
            return;
        }
        if (response.status() == 401 || (response.status() == 400 && SESSION_ENDED.contains(error(response).code()))) {
            XrpcError error = error(response);
            throw PublishFailure.unauthorized(response.status(), error.code(), "Bluesky refused the handle and app password"
                    + (error.message() != null ? " (" + error.message() + ")" : "")
                    + ": create a new app password and reconnect the channel");
        }
        throw failure(response);
    }

    private static void keep(Pds pds, OutboundResponse response) throws PublishFailure {
        JsonNode body = body(response);
        String access = body.path("accessJwt").textValue();
        String refresh = body.path("refreshJwt").textValue();
        String did = body.path("did").textValue();
        if (access == null || did == null) {
            throw PublishFailure.notPublished(response.status(), null, "Bluesky answered the sign-in without a session", null);
        }
        pds.session = new Session(access, refresh, did);
        Map<String, String> credentials = new LinkedHashMap<>(pds.account.credentials());
        credentials.put("accessJwt", access);
        if (refresh != null) {
            credentials.put("refreshJwt", refresh);
        }
        credentials.put("did", did);
        pds.account.replaceCredentials(credentials);
    }

    // --- HTTP ----------------------------------------------------------------------------------------------------

    private URI serviceUrl(Account account) throws PublishFailure {
        Optional<String> configured = account.setting("serviceUrl");
        if (configured.isEmpty()) {
            return defaultServiceUrl;
        }
        try {
            URI uri = new URI(configured.get().strip());
            if (uri.getScheme() == null || uri.getHost() == null
                    || !Set.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
                throw new URISyntaxException(configured.get(), "not an http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw PublishFailure.rejected(null, "invalid_setting",
                    "the channel's connection.serviceUrl is not an https URL of a Bluesky PDS (e.g. https://bsky.social)");
        }
    }

    private OutboundResponse send(OutboundRequest request) throws PublishFailure {
        try {
            return http.send(request);
        } catch (OutboundException e) {
            throw HttpOutcomes.transport(e, NAME);
        }
    }

    private record XrpcError(String code, String message) {
    }

    /** XRPC errors are {@code {"error": "Name", "message": "..."}} (https://atproto.com/specs/xrpc#error-responses). */
    private static XrpcError error(OutboundResponse response) {
        try {
            JsonNode body = JSON.readTree(response.body());
            return new XrpcError(body.path("error").textValue(), body.path("message").textValue());
        } catch (IOException | RuntimeException notJson) {
            return new XrpcError(null, null);
        }
    }

    private static JsonNode body(OutboundResponse response) throws PublishFailure {
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body == null || !body.isObject()) {
                throw new IOException("not a JSON object");
            }
            return body;
        } catch (IOException e) {
            throw PublishFailure.unknown(response.status(), null, "Bluesky answered with something that is not JSON");
        }
    }

    private PublishFailure failure(OutboundResponse response) {
        XrpcError error = error(response);
        if (response.status() == 429) {
            return PublishFailure.notPublished(429, error.code(), "Bluesky rate limit reached"
                    + (error.message() != null ? ": " + error.message() : "") + "; Kogu tries again when Bluesky allows",
                    rateLimitReset(response));
        }
        return HttpOutcomes.status(response, NAME, error.code(), error.message());
    }

    /** {@code RateLimit-Reset}: when the window resets, in epoch seconds; else what {@link HttpOutcomes} reads. */
    private Duration rateLimitReset(OutboundResponse response) {
        Optional<String> reset = response.header("RateLimit-Reset");
        if (reset.isPresent()) {
            try {
                Duration wait = Duration.between(clock.instant(), Instant.ofEpochSecond(Long.parseLong(reset.get().trim())));
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (NumberFormatException ignored) {
                // fall through
            }
        }
        return HttpOutcomes.retryAfter(response, clock).orElse(null);
    }

    private static void check(String text, String what) throws PublishFailure {
        if (Facets.utf8Length(text) > MAX_TEXT_BYTES) {
            throw PublishFailure.rejected(null, "text_too_long",
                    "the " + what + " has more than " + MAX_TEXT_BYTES + " bytes, more than Bluesky takes");
        }
    }
}
