package io.kogu.content.publish.connector.linkedin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kogu.content.publish.connector.Account;
import io.kogu.content.publish.connector.Connector;
import io.kogu.content.publish.connector.HttpOutcomes;
import io.kogu.content.publish.connector.MediaFetcher;
import io.kogu.content.publish.connector.NetworkCalls;
import io.kogu.content.publish.connector.OAuth2Refresh;
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
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Publishes to LinkedIn (a member's or an organization's feed; {@code connection.author} is the
 * {@code urn:li:person:…} or {@code urn:li:organization:…}) with the versioned Community Management API, every call
 * carrying {@code LinkedIn-Version} and {@code X-Restli-Protocol-Version: 2.0.0}:
 * <ul>
 * <li>{@code POST /rest/posts} — https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api:
 *     {@code author}, {@code commentary}, {@code visibility} PUBLIC, {@code distribution}, {@code lifecycleState}
 *     PUBLISHED, an image as {@code content.media}; 201 with the post's URN in the {@code x-restli-id} header.
 *     Commentary is "little text" format: reserved characters are escaped here.</li>
 * <li>{@code POST /rest/images?action=initializeUpload}, then {@code PUT} of the bytes to its {@code uploadUrl} —
 *     https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/images-api. One image per post
 *     (the first; multi-image posts are not built).</li>
 * <li>Refresh — https://learn.microsoft.com/en-us/linkedin/shared/authentication/programmatic-refresh-tokens
 *     ({@code grant_type=refresh_token}, client id and secret in the form).</li>
 * <li>Errors {@code {"message","status","serviceErrorCode","code"}} —
 *     https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/error-handling; 429 daily limits that
 *     reset at midnight UTC — https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/rate-limits.</li>
 * </ul>
 * A repeat is not safe: posts take no idempotency key, so an unknown outcome ends unconfirmed.
 */
@Singleton
public class LinkedInConnector implements Connector, io.kogu.content.publish.connector.EngagementSource {

    static final String NETWORK = "linkedin";

    private final OutboundHttp http;
    private final MediaFetcher fetcher;
    private final LinkedInConfig config;
    private final Clock clock;

    public LinkedInConnector(OutboundHttp http, MediaFetcher fetcher, LinkedInConfig config) {
        this(http, fetcher, config, Clock.systemUTC());
    }

    /** The service's clock ({@code io.kogu.content.time.Clocks}), so that rate-limit waits follow the injected time. */
    @Inject
    public LinkedInConnector(OutboundHttp http, MediaFetcher fetcher, LinkedInConfig config, Clock clock) {
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
        String author = account.requiredSetting("author");
        if (!author.startsWith("urn:li:person:") && !author.startsWith("urn:li:organization:")) {
            throw PublishFailure.rejected(null, "bad_author", "the LinkedIn channel's author must be a urn:li:person:… or "
                    + "urn:li:organization:… URN");
        }
        if (OAuth2Refresh.expiresSoon(account, clock)) {
            refresh(account);
        }
        String token = account.requiredCredential("accessToken");
        Optional<PostMedia> image = post.media().stream().filter(m -> "image".equals(m.kind())).findFirst();
        ObjectNode body = NetworkCalls.object()
                .put("author", author)
                .put("commentary", littleText(post.text()))
                .put("visibility", "PUBLIC")
                .put("lifecycleState", "PUBLISHED")
                .put("isReshareDisabledByAuthor", false);
        ObjectNode distribution = body.putObject("distribution").put("feedDistribution", "MAIN_FEED");
        distribution.putArray("targetEntities");
        distribution.putArray("thirdPartyDistributionChannels");
        if (image.isPresent()) {
            ObjectNode media = body.putObject("content").putObject("media").put("id", uploadImage(image.get(), author, token));
            if (image.get().altText() != null && !image.get().altText().isBlank()) {
                media.put("altText", image.get().altText());
            }
        }
        OutboundResponse response = NetworkCalls.send(http, api(OutboundRequest.post(config.apiUrl().resolve("/rest/posts")), token)
                .json(NetworkCalls.text(body)), NETWORK);
        if (!response.isSuccess()) {
            throw failure(response);
        }
        String urn = response.header("x-restli-id").orElse("");
        if (urn.isBlank()) {
            throw PublishFailure.unknown(response.status(), null, "LinkedIn answered without the post's id (x-restli-id)");
        }
        return new Published(urn, "https://www.linkedin.com/feed/update/" + urn + "/", null);
    }

    @Override
    public void refresh(Account account) throws PublishFailure {
        OAuth2Refresh.refresh(http, config.tokenUrl(), config.clientId(), config.clientSecret(),
                OAuth2Refresh.ClientAuth.BODY, account, NETWORK, clock);
    }

    private String uploadImage(PostMedia medium, String owner, String token) throws PublishFailure {
        MediaFetcher.Fetched bytes = fetcher.fetch(medium);
        ObjectNode init = NetworkCalls.object();
        init.putObject("initializeUploadRequest").put("owner", owner);
        OutboundResponse response = NetworkCalls.sendBeforePost(http, api(OutboundRequest.post(
                config.apiUrl().resolve("/rest/images?action=initializeUpload")), token).json(NetworkCalls.text(init)), NETWORK,
                "preparing the image upload to LinkedIn");
        JsonNode value = NetworkCalls.json(response).path("value");
        String uploadUrl = value.path("uploadUrl").asText("");
        String imageUrn = value.path("image").asText("");
        if (!response.isSuccess() || uploadUrl.isBlank() || imageUrn.isBlank()) {
            throw NetworkCalls.beforePost(failure(response), "preparing the image upload to LinkedIn");
        }
        OutboundResponse upload = NetworkCalls.sendBeforePost(http, OutboundRequest.put(URI.create(uploadUrl)).bearer(token)
                .body(bytes.bytes(), bytes.contentType()), NETWORK, "the image upload to LinkedIn");
        if (!upload.isSuccess()) {
            throw NetworkCalls.beforePost(failure(upload), "the image upload to LinkedIn");
        }
        return imageUrn;
    }

    private OutboundRequest api(OutboundRequest request, String token) {
        return request.bearer(token).header("LinkedIn-Version", config.version())
                .header("X-Restli-Protocol-Version", "2.0.0");
    }

    /** LinkedIn's error body; a daily-limit 429 waits until midnight UTC, when LinkedIn's limits reset. */
    private PublishFailure failure(OutboundResponse response) {
        JsonNode json = NetworkCalls.json(response);
        String message = json.path("message").asText("");
        String code = json.path("code").asText(json.has("serviceErrorCode") ? json.path("serviceErrorCode").asText() : null);
        if (response.status() == 429) {
            Duration wait = HttpOutcomes.retryAfter(response, clock).orElseGet(() -> message.contains("DAY limit")
                    ? Duration.between(clock.instant(), LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(1)
                            .atStartOfDay(ZoneOffset.UTC).toInstant())
                    : null);
            return PublishFailure.notPublished(429, code, "LinkedIn rate limit reached" + (message.isBlank() ? "" : ": " + message)
                    + "; Kogu tries again when LinkedIn allows", wait);
        }
        return HttpOutcomes.status(response, NETWORK, code, message);
    }

    /**
     * LinkedIn's "little text" format treats {@code | { } @ [ ] ( ) < > # \ * _ ~} as markup: they are escaped with
     * a backslash so that the text appears as written, and a {@code #word} becomes the hashtag template
     * {@code {hashtag|\#|word}} — https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/little-text-format.
     */
    static String littleText(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        Matcher hashtag = HASHTAG.matcher(text);
        int at = 0;
        while (hashtag.find()) {
            escape(text.substring(at, hashtag.start()), out);
            out.append("{hashtag|\\#|");
            escape(hashtag.group(1), out);
            out.append('}');
            at = hashtag.end();
        }
        escape(text.substring(at), out);
        return out.toString();
    }

    private static final Pattern HASHTAG = Pattern.compile("(?<![\\p{L}\\p{N}_])#(\\p{L}[\\p{L}\\p{N}_]*)");

    private static void escape(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("|{}@[]()<>#\\*_~".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
    }

    @Override
    public int countersBatch() {
        return 20;
    }

    /**
     * Likes and comments of many posts in one Rest.li batch get, {@code GET /rest/socialActions?ids=List(urn1,urn2)}
     * → {@code {"results":{"<urn>":{"likesSummary":{"totalLikes":…},"commentsSummary":{"aggregatedTotalComments":…}}},
     * "errors":{…}}} (https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/network-update-social-actions):
     * {@code totalLikes} → {@code like}, {@code aggregatedTotalComments} → {@code comment}. A post in {@code errors}
     * (gone, not visible) is left out.
     */
    @Override
    public Map<String, Map<String, Long>> counters(Account account, List<String> externalIds) throws PublishFailure {
        if (OAuth2Refresh.expiresSoon(account, clock)) {
            refresh(account);
        }
        String token = account.requiredCredential("accessToken");
        StringBuilder list = new StringBuilder();
        for (String id : externalIds) {
            list.append(list.length() == 0 ? "" : ",").append(java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8));
        }
        OutboundResponse response = NetworkCalls.send(http, api(OutboundRequest.get(java.net.URI.create(
                config.apiUrl().resolve("/rest/socialActions") + "?ids=List(" + list + ")")), token), NETWORK);
        if (!response.isSuccess()) {
            throw failure(response);
        }
        com.fasterxml.jackson.databind.JsonNode results = NetworkCalls.json(response).path("results");
        Map<String, Map<String, Long>> counters = new java.util.LinkedHashMap<>();
        for (String id : externalIds) {
            com.fasterxml.jackson.databind.JsonNode actions = results.path(id);
            if (actions.isMissingNode()) {
                continue;
            }
            Map<String, Long> counts = new java.util.LinkedHashMap<>();
            io.kogu.content.publish.connector.EngagementSource.putCount(counts, "like",
                    actions.path("likesSummary").path("totalLikes"));
            io.kogu.content.publish.connector.EngagementSource.putCount(counts, "comment",
                    actions.path("commentsSummary").path("aggregatedTotalComments"));
            counters.put(id, counts);
        }
        return counters;
    }
}
