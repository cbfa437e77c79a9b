package io.kogu.content.publish.connector.blog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kogu.content.publish.connector.Account;
import io.kogu.content.publish.connector.Connector;
import io.kogu.content.publish.connector.HttpOutcomes;
import io.kogu.content.publish.connector.MediaFetcher;
import io.kogu.content.publish.connector.NetworkCalls;
import io.kogu.content.publish.connector.Post;
import io.kogu.content.publish.connector.PostMedia;
import io.kogu.content.publish.connector.Published;
import io.kogu.content.publish.connector.PublishFailure;
import io.kogu.platform.outbound.OutboundHttp;
import io.kogu.platform.outbound.OutboundRequest;
import io.kogu.platform.outbound.OutboundResponse;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Publishes to a WordPress blog with the WordPress REST API and an application password (HTTP Basic;
 * {@code connection.siteUrl}, credentials {@code username} and {@code applicationPassword}) —
 * https://developer.wordpress.org/rest-api/using-the-rest-api/authentication/#basic-authentication-with-application-passwords:
 * <ul>
 * <li>{@code POST {siteUrl}/wp-json/wp/v2/posts} — https://developer.wordpress.org/rest-api/reference/posts/#create-a-post:
 *     {@code title}, {@code content}, {@code status} publish, {@code featured_media}, {@code tags} (term ids);
 *     201 with {@code id} and {@code link}.</li>
 * <li>{@code POST /wp-json/wp/v2/media} — https://developer.wordpress.org/rest-api/reference/media/#create-a-media-item:
 *     the first image, its bytes as the body with {@code Content-Disposition: attachment; filename=…}, alt text as
 *     {@code alt_text}; it becomes the featured image.</li>
 * <li>{@code GET /wp-json/wp/v2/tags?search=} and {@code POST /wp-json/wp/v2/tags} —
 *     https://developer.wordpress.org/rest-api/reference/tags/: the draft's tags as term ids, made when missing.</li>
 * <li>Errors {@code {"code","message","data":{"status"}}} —
 *     https://developer.wordpress.org/rest-api/using-the-rest-api/global-parameters/#_envelope (WP_Error).</li>
 * </ul>
 * Application passwords do not expire: a refused one means reconnecting the channel. A repeat is not safe: WordPress
 * takes no idempotency key, so an unknown outcome ends unconfirmed.
 */
@Singleton
public class BlogConnector implements Connector {

    static final String NETWORK = "blog";

    private final OutboundHttp http;
    private final MediaFetcher fetcher;

    @Inject
    public BlogConnector(OutboundHttp http, MediaFetcher fetcher) {
        this.http = http;
        this.fetcher = fetcher;
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
        URI api = api(account.requiredSetting("siteUrl"));
        String auth = "Basic " + Base64.getEncoder().encodeToString((account.requiredCredential("username") + ":"
                + account.requiredCredential("applicationPassword")).getBytes(StandardCharsets.UTF_8));
        ObjectNode body = NetworkCalls.object()
                .put("title", post.title() == null ? "" : post.title())
                .put("content", post.text())
                .put("status", "publish");
        Optional<PostMedia> image = post.media().stream().filter(m -> "image".equals(m.kind())).findFirst();
        if (image.isPresent()) {
            body.put("featured_media", uploadImage(api, auth, image.get()));
        }
        if (post.tags() != null && !post.tags().isEmpty()) {
            List<Long> tags = new ArrayList<>();
            for (String tag : post.tags()) {
                tags.add(tagId(api, auth, tag));
            }
            tags.forEach(body.putArray("tags")::add);
        }
        OutboundResponse response = NetworkCalls.send(http, OutboundRequest.post(api.resolve("posts"))
                .header("Authorization", auth).json(NetworkCalls.text(body)), NETWORK);
        JsonNode json = NetworkCalls.json(response);
        if (!response.isSuccess()) {
            throw failure(response, json);
        }
        if (!json.path("id").canConvertToLong() || json.path("id").asLong() == 0) {
            throw PublishFailure.unknown(response.status(), null, "the blog answered without the post's id");
        }
        return new Published(json.path("id").asText(), json.path("link").asText(null), null);
    }

    /** {@code {siteUrl}/wp-json/wp/v2/}: the blog's address as the channel names it, with or without a final slash. */
    static URI api(String siteUrl) throws PublishFailure {
        try {
            URI site = URI.create(siteUrl.endsWith("/") ? siteUrl : siteUrl + "/");
            if (site.getScheme() == null || site.getHost() == null) {
                throw new IllegalArgumentException("not absolute");
            }
            return site.resolve("wp-json/wp/v2/");
        } catch (IllegalArgumentException e) {
            throw PublishFailure.rejected(null, "bad_site_url", "the blog channel's siteUrl is not an http(s) address: set it on the channel");
        }
    }

    private long uploadImage(URI api, String auth, PostMedia medium) throws PublishFailure {
        MediaFetcher.Fetched image = fetcher.fetch(medium);
        String extension = image.contentType().substring(image.contentType().indexOf('/') + 1).replaceAll("[^a-z0-9]", "");
        String query = medium.altText() == null || medium.altText().isBlank() ? ""
                : "?" + NetworkCalls.query("alt_text", medium.altText());
        OutboundResponse response = NetworkCalls.sendBeforePost(http, OutboundRequest.post(api.resolve("media" + query))
                .header("Authorization", auth)
                .header("Content-Disposition", "attachment; filename=\"image." + (extension.isEmpty() ? "bin" : extension) + "\"")
                .body(image.bytes(), image.contentType()), NETWORK, "the image upload to the blog");
        JsonNode json = NetworkCalls.json(response);
        if (!response.isSuccess() || !json.path("id").canConvertToLong()) {
            throw NetworkCalls.beforePost(failure(response, json), "the image upload to the blog");
        }
        return json.path("id").asLong();
    }

    /** The tag's term id: an existing tag of that name (case-insensitive), else a new one. */
    private long tagId(URI api, String auth, String tag) throws PublishFailure {
        OutboundResponse found = NetworkCalls.sendBeforePost(http, OutboundRequest.get(api.resolve("tags?"
                + NetworkCalls.query("search", tag, "per_page", "100"))).header("Authorization", auth), NETWORK,
                "reading the blog's tags");
        JsonNode list = NetworkCalls.json(found);
        if (!found.isSuccess()) {
            throw NetworkCalls.beforePost(failure(found, list), "reading the blog's tags");
        }
        for (JsonNode existing : list) {
            if (existing.path("name").asText("").toLowerCase(Locale.ROOT).equals(tag.toLowerCase(Locale.ROOT))) {
                return existing.path("id").asLong();
            }
        }
        OutboundResponse made = NetworkCalls.sendBeforePost(http, OutboundRequest.post(api.resolve("tags")).header("Authorization", auth)
                .json(NetworkCalls.text(NetworkCalls.object().put("name", tag))), NETWORK, "making the blog tag '" + tag + "'");
        JsonNode json = NetworkCalls.json(made);
        if (made.status() == 400 && "term_exists".equals(json.path("code").asText())) {
            return json.path("data").path("term_id").asLong(); // made meanwhile by someone else
        }
        if (!made.isSuccess()) {
            throw NetworkCalls.beforePost(failure(made, json), "making the blog tag '" + tag + "'");
        }
        return json.path("id").asLong();
    }

    /** WordPress's {@code WP_Error} body: {@code code} (e.g. {@code rest_cannot_create}) and {@code message}. */
    private static PublishFailure failure(OutboundResponse response, JsonNode json) {
        return HttpOutcomes.status(response, NETWORK, json.path("code").asText(null), json.path("message").asText(null));
    }
}
