package io.kogu.content.listen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.platform.outbound.OutboundException;
import io.kogu.platform.outbound.OutboundHttp;
import io.kogu.platform.outbound.OutboundRequest;
import io.kogu.platform.outbound.OutboundResponse;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One fetch of one source through the outbound guard ({@link OutboundHttp}: public addresses only unless
 * configured, checked at connect time and on each redirect). A feed is asked for conditionally ({@code If-None-Match},
 * {@code If-Modified-Since}: 304 when nothing changed); gzip is accepted and decompressed by the client, and the
 * size limit counts the decompressed bytes, so a gzip bomb stops at the limit. Every answer is bounded in size and
 * in total time (a trickling endless answer runs into the deadline). A refused address is logged.
 */
public class FeedFetcher {

    private static final Logger LOG = Logger.getLogger(FeedFetcher.class);

    private final OutboundHttp http;
    private final FeedParser parser;
    private final ObjectMapper json;
    private final long maxBytes;
    private final Duration deadline;

    public FeedFetcher(OutboundHttp http, ObjectMapper json, long maxBytes, Duration deadline) {
        this.http = http;
        this.json = json;
        this.parser = new FeedParser(json);
        this.maxBytes = maxBytes;
        this.deadline = deadline;
    }

    public FetchResult fetch(FetchTarget target) {
        URI uri;
        try {
            uri = URI.create(requestUrl(target));
        } catch (IllegalArgumentException e) {
            return new FetchResult.Failed(null, "the address is not a valid URL", true);
        }
        OutboundRequest request = OutboundRequest.get(uri).maxResponseBytes(maxBytes).deadline(deadline)
                .header("Accept", accept(target.kind()));
        if (FetchTarget.FEED.equals(target.kind())) {
            if (target.etag() != null) {
                request.header("If-None-Match", target.etag());
            }
            if (target.lastModified() != null) {
                request.header("If-Modified-Since", target.lastModified());
            }
        }
        OutboundResponse response;
        try {
            response = http.send(request);
        } catch (OutboundException e) {
            boolean refused = e.failure() == OutboundException.Failure.REFUSED_TARGET;
            if (refused) {
                LOG.warnf("Listening fetch refused by the outbound guard: %s", e.getMessage());
            }
            return new FetchResult.Failed(null, e.getMessage(), refused);
        }
        if (response.status() == 304) {
            return new FetchResult.NotModified();
        }
        if (!response.isSuccess()) {
            return new FetchResult.Failed(response.status(), "the server answered " + response.status(), false);
        }
        FeedDocument document = switch (target.kind()) {
            case FetchTarget.BLUESKY_SEARCH -> blueskyPosts(response);
            case FetchTarget.MASTODON_TAG -> mastodonStatuses(response);
            default -> parser.parse(response.body(), response.contentType(), response.uri());
        };
        return new FetchResult.Fetched(response.status(), document, response.header("ETag").orElse(null),
                response.header("Last-Modified").orElse(null));
    }

    static String requestUrl(FetchTarget target) {
        return switch (target.kind()) {
            // https://docs.bsky.app/docs/api/app-bsky-feed-search-posts
            case FetchTarget.BLUESKY_SEARCH -> trimSlash(target.instanceUrl() != null ? target.instanceUrl()
                    : FetchTarget.BLUESKY_APPVIEW) + "/xrpc/app.bsky.feed.searchPosts?q="
                    + URLEncoder.encode(target.query(), StandardCharsets.UTF_8) + "&sort=latest&limit=50";
            // https://docs.joinmastodon.org/methods/timelines/#tag
            case FetchTarget.MASTODON_TAG -> trimSlash(target.instanceUrl()) + "/api/v1/timelines/tag/"
                    + URLEncoder.encode(target.tag(), StandardCharsets.UTF_8) + "?limit=40";
            default -> target.url();
        };
    }

    private static String accept(String kind) {
        return FetchTarget.FEED.equals(kind)
                ? "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.5, */*;q=0.1"
                : "application/json";
    }

    /** searchPosts' {@code posts}: each a postView with {@code uri}, {@code author.handle}, {@code record.text}. */
    private FeedDocument blueskyPosts(OutboundResponse response) {
        JsonNode root = readJson(response);
        if (root == null) {
            return new FeedDocument.NotAFeed("Bluesky's answer is not JSON");
        }
        List<FeedItem> items = new ArrayList<>();
        for (JsonNode post : root.path("posts")) {
            String atUri = post.path("uri").asText("");
            String handle = post.path("author").path("handle").asText("");
            String rkey = atUri.substring(atUri.lastIndexOf('/') + 1);
            if (atUri.isEmpty() || handle.isEmpty()) {
                continue;
            }
            String text = post.path("record").path("text").asText("");
            String name = post.path("author").path("displayName").asText("");
            items.add(new FeedItem(atUri, "https://bsky.app/profile/" + handle + "/post/" + rkey, firstLine(text), text,
                    name.isBlank() ? "@" + handle : name + " (@" + handle + ")",
                    instant(post.path("record").path("createdAt").asText(null))));
        }
        return new FeedDocument.Feed("Bluesky search", items);
    }

    /** The tag timeline's statuses: {@code id}, {@code url}, {@code content} (HTML), {@code account.acct}. */
    private FeedDocument mastodonStatuses(OutboundResponse response) {
        JsonNode root = readJson(response);
        if (root == null || !root.isArray()) {
            return new FeedDocument.NotAFeed("the Mastodon instance's answer is not a list of statuses");
        }
        List<FeedItem> items = new ArrayList<>();
        for (JsonNode status : root) {
            String url = status.path("url").asText(status.path("uri").asText(""));
            if (url.isEmpty()) {
                continue;
            }
            String text = PlainText.of(status.path("content").asText(""), 2000);
            String acct = status.path("account").path("acct").asText("");
            String name = status.path("account").path("display_name").asText("");
            items.add(new FeedItem(url, url, firstLine(text), status.path("content").asText(""),
                    name.isBlank() ? "@" + acct : name + " (@" + acct + ")", instant(status.path("created_at").asText(null))));
        }
        return new FeedDocument.Feed("Mastodon tag", items);
    }

    private JsonNode readJson(OutboundResponse response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            return null;
        }
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 199) + "…" : line;
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
