package io.kogu.content.publish.connector.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import io.kogu.content.publish.connector.Account;
import io.kogu.content.publish.connector.ConversationSource;
import io.kogu.content.publish.connector.NetworkCalls;
import io.kogu.content.publish.connector.PublishFailure;
import io.kogu.platform.outbound.OutboundHttp;
import io.kogu.platform.outbound.OutboundRequest;
import io.kogu.platform.outbound.OutboundResponse;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Mastodon channel's conversations (issue 13), for {@link MastodonConnector}:
 * <ul>
 *   <li>who the channel is: {@code GET /api/v1/accounts/verify_credentials}
 *       (https://docs.joinmastodon.org/methods/accounts/#verify_credentials), kept in the cursor;</li>
 *   <li>mentions: {@code GET /api/v1/notifications?types[]=mention&since_id=…}
 *       (https://docs.joinmastodon.org/methods/notifications/#get), newest first; the newest id read becomes the
 *       next {@code since_id}. A mention that answers a status outside the channel's posts gets its thread's root
 *       from {@code GET /api/v1/statuses/:id/context} ({@code ancestors[0]},
 *       https://docs.joinmastodon.org/methods/statuses/#context);</li>
 *   <li>the threads of the channel's recent posts: the same {@code context} of each post, whose {@code descendants}
 *       are its comments (answering the post), replies (answering a comment) and the channel's own replies
 *       ({@code fromUs}); those created since the previous reading are kept.</li>
 * </ul>
 * A status's {@code content} is HTML (https://docs.joinmastodon.org/entities/Status/#content): the inbox gets its text.
 */
final class MastodonConversations {

    private static final String NAME = "Mastodon";
    private static final int PAGE = 80;

    private final OutboundHttp http;

    MastodonConversations(OutboundHttp http) {
        this.http = http;
    }

    ConversationSource.Reading read(Account account, URI instance, Map<String, String> cursor,
                                    List<ConversationSource.OwnPost> ownPosts, Instant since, int limit) throws PublishFailure {
        String token = account.requiredCredential("accessToken");
        Map<String, String> next = new LinkedHashMap<>(cursor);
        String me = cursor.get("accountId");
        if (me == null) {
            me = json(get(instance, token, "/api/v1/accounts/verify_credentials")).path("id").asText(null);
            if (me == null) {
                throw PublishFailure.unknown(200, null, "Mastodon answered verify_credentials without the account's id");
            }
            next.put("accountId", me);
        }
        Map<String, ConversationSource.Item> items = new LinkedHashMap<>();
        Set<String> ownIds = new java.util.HashSet<>();
        ownPosts.forEach(p -> ownIds.add(p.externalId()));

        Instant threadsFrom = instant(cursor.get("threadsSeenUntil"));
        Instant threadsSeen = threadsFrom;
        for (ConversationSource.OwnPost post : ownPosts) {
            JsonNode context = json(get(instance, token, "/api/v1/statuses/" + enc(post.externalId()) + "/context"));
            for (JsonNode status : context.path("descendants")) {
                Instant created = instant(status.path("created_at").asText(null));
                if (created == null || created.isBefore(threadsFrom == null ? since : threadsFrom)) {
                    continue;
                }
                threadsSeen = threadsSeen == null || created.isAfter(threadsSeen) ? created : threadsSeen;
                put(items, item(status, instance, me, post.externalId()));
            }
        }
        if (threadsSeen != null) {
            next.put("threadsSeenUntil", threadsSeen.toString());
        }

        String sinceId = cursor.get("sinceId");
        JsonNode notifications = json(get(instance, token, "/api/v1/notifications?types%5B%5D=mention&limit=" + PAGE
                + (sinceId != null ? "&since_id=" + enc(sinceId) : "")));
        for (JsonNode notification : notifications) {
            String id = notification.path("id").asText("");
            if (!id.isEmpty() && (next.get("sinceId") == null || newer(id, next.get("sinceId")))) {
                next.put("sinceId", id);
            }
            JsonNode status = notification.path("status");
            Instant created = instant(status.path("created_at").asText(null));
            if (!status.isObject() || (sinceId == null && (created == null || created.isBefore(since)))
                    || items.size() >= limit) {
                continue;
            }
            String answered = status.path("in_reply_to_id").asText(null);
            String root = answered == null ? status.path("id").asText()
                    : ownIds.contains(answered) ? answered : threadRoot(instance, token, status.path("id").asText(), answered);
            put(items, item(status, instance, me, root));
        }
        return new ConversationSource.Reading(List.copyOf(items.values()), next);
    }

    /** The thread's first status (the context's first ancestor), else the status answered. */
    private String threadRoot(URI instance, String token, String statusId, String answered) throws PublishFailure {
        JsonNode ancestors = json(get(instance, token, "/api/v1/statuses/" + enc(statusId) + "/context")).path("ancestors");
        return ancestors.isArray() && !ancestors.isEmpty() ? ancestors.get(0).path("id").asText(answered) : answered;
    }

    private static void put(Map<String, ConversationSource.Item> items, ConversationSource.Item item) {
        if (item != null) {
            items.putIfAbsent(item.externalId(), item);
        }
    }

    /** One status as an item: a comment answers the root, a reply answers another status, else a mention. */
    static ConversationSource.Item item(JsonNode status, URI instance, String me, String root) {
        String id = status.path("id").asText(null);
        if (id == null) {
            return null;
        }
        String answered = status.path("in_reply_to_id").asText(null);
        String kind = answered == null ? "mention" : answered.equals(root) ? "comment" : "reply";
        JsonNode author = status.path("account");
        String acct = author.path("acct").asText("");
        String handle = acct.isEmpty() ? null : "@" + (acct.contains("@") ? acct : acct + "@" + instance.getHost());
        String name = author.path("display_name").asText("");
        return new ConversationSource.Item(kind, id, answered, answered == null && !id.equals(root) ? null : root,
                handle, name.isBlank() ? null : name, author.path("id").asText(null), text(status.path("content").asText("")),
                status.path("url").asText(null), instant(status.path("created_at").asText(null)),
                me.equals(author.path("id").asText()));
    }

    /** The text of a status's HTML: paragraphs and line breaks kept as line breaks, links as their text. */
    static String text(String html) {
        Document document = Jsoup.parseBodyFragment(html);
        document.select("br").append("\\n");
        document.select("p").prepend("\\n\\n");
        return document.body().text().replace("\\n", "\n").replaceAll(" *\n *", "\n").strip();
    }

    /** Mastodon ids are numbers in strings (snowflakes): longer is newer, then by digits. */
    static boolean newer(String id, String than) {
        return id.length() != than.length() ? id.length() > than.length() : id.compareTo(than) > 0;
    }

    private OutboundResponse get(URI instance, String token, String pathAndQuery) throws PublishFailure {
        OutboundResponse response = NetworkCalls.send(http, OutboundRequest.get(URI.create(
                instance.toString().replaceAll("/+$", "") + pathAndQuery)).bearer(token), NAME);
        if (!response.isSuccess()) {
            throw MastodonConnector.failure(response);
        }
        return response;
    }

    private static JsonNode json(OutboundResponse response) throws PublishFailure {
        JsonNode body = NetworkCalls.json(response);
        if (body.isMissingNode()) {
            throw PublishFailure.unknown(response.status(), null, "Mastodon answered with something that is not JSON");
        }
        return body;
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
