package io.kogu.content.publish.connector.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.content.publish.connector.Account;
import io.kogu.content.publish.connector.Connector;
import io.kogu.content.publish.connector.ConversationSource;
import io.kogu.content.publish.connector.EngagementSource;
import io.kogu.content.publish.connector.HttpOutcomes;
import io.kogu.content.publish.connector.MediaFetcher;
import io.kogu.content.publish.connector.Post;
import io.kogu.content.publish.connector.PostMedia;
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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Publishes to any Mastodon server (the channel's {@code connection.instanceUrl}) with the channel's
 * {@code accessToken}, through the outbound guard.
 *
 * <ul>
 *   <li>Media: {@code POST /api/v2/media} (multipart: {@code file}, {@code description} = the alt text). It answers
 *       200 when the file is processed, or 202 while it is processed in the background; then
 *       {@code GET /api/v1/media/:id} answers 206 until it is ready and 200 when it is, polled for at most
 *       {@code kogu.connectors.mastodon.media-processing-timeout} (https://docs.joinmastodon.org/methods/media/).</li>
 *   <li>The status: {@code POST /api/v1/statuses} with {@code status}, {@code media_ids[]}, {@code visibility} (the
 *       channel's {@code connection.visibility}, default {@code public}) and {@code language} (ISO 639-1), and the
 *       header {@code Idempotency-Key} = the publication id, the same in every attempt: "Provide this header with
 *       any arbitrary string to prevent duplicate submissions of the same status … Idempotency keys are stored for
 *       up to 1 hour" (https://docs.joinmastodon.org/methods/statuses/#create). A repeat within that hour answers
 *       the status the first attempt made instead of posting again.</li>
 *   <li>First comment: a reply ({@code in_reply_to_id}) with its own key derived from the publication id.</li>
 *   <li>Errors (same pages; https://docs.joinmastodon.org/api/rate-limits/): {@code {"error": "…"}}. 401 → the token
 *       is refused (Mastodon tokens do not expire, so there is nothing to refresh: reconnect); 422 → refused with
 *       Mastodon's text; 429 → not published, again after {@code X-RateLimit-Reset} (an ISO 8601 time); 5xx and
 *       timeouts → unknown, and the repeat is safe.</li>
 * </ul>
 */
@ApplicationScoped
public class MastodonConnector implements Connector, EngagementSource, Replying, ConversationSource {

    static final String NETWORK = "mastodon";
    private static final String NAME = "Mastodon";
    private static final Logger LOG = Logger.getLogger(MastodonConnector.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> VISIBILITIES = Set.of("public", "unlisted", "private", "direct");
    /** A server's {@code configuration.statuses.max_media_attachments}; 4 on Mastodon. */
    private static final int MAX_MEDIA = 4;

    private final OutboundHttp http;
    private final MediaFetcher media;
    private final Duration processingTimeout;
    private final Duration pollInterval;

    @Inject
    public MastodonConnector(OutboundHttp http, MediaFetcher media,
                             @ConfigProperty(name = "kogu.connectors.mastodon.media-processing-timeout", defaultValue = "60s")
                             Duration processingTimeout,
                             @ConfigProperty(name = "kogu.connectors.mastodon.media-poll-interval", defaultValue = "1s")
                             Duration pollInterval) {
        this.http = http;
        this.media = media;
        this.processingTimeout = processingTimeout;
        this.pollInterval = pollInterval;
    }

    @Override
    public String network() {
        return NETWORK;
    }

    /** The status is posted with {@code Idempotency-Key} = the publication id: a repeat answers the same status. */
    @Override
    public boolean repeatIsSafe() {
        return true;
    }

    @Override
    public Published publish(Post post, Account account) throws PublishFailure {
        URI instance = instanceUrl(account);
        String token = account.requiredCredential("accessToken");
        String visibility = account.setting("visibility").map(v -> v.strip().toLowerCase(Locale.ROOT)).orElse("public");
        if (!VISIBILITIES.contains(visibility)) {
            throw PublishFailure.rejected(null, "invalid_setting", "the channel's connection.visibility '" + visibility
                    + "' is none of public, unlisted, private, direct");
        }
        List<PostMedia> attachments = post.media() == null ? List.of() : post.media();
        if (attachments.size() > MAX_MEDIA) {
            throw PublishFailure.rejected(null, "too_many_media",
                    "a Mastodon status takes at most " + MAX_MEDIA + " attachments, this one has " + attachments.size());
        }
        for (PostMedia medium : attachments) {
            if ("document".equals(medium.kind())) {
                throw PublishFailure.rejected(null, "media_kind", "Mastodon takes images, GIFs and videos, not documents ("
                        + medium.url() + ")");
            }
        }
        List<String> mediaIds = new ArrayList<>();
        for (PostMedia medium : attachments) {
            mediaIds.add(upload(instance, token, medium));
        }

        JsonNode status = postStatus(instance, token, post.publicationId().toString(), post.text(), mediaIds, visibility,
                post.language(), null);
        String id = status.path("id").asText(null);
        if (id == null) {
            throw PublishFailure.unknown(200, null, "Mastodon answered the status without its id");
        }
        if (post.firstComment() != null && !post.firstComment().isBlank()) {
            try {
                postStatus(instance, token, firstCommentKey(post.publicationId()), post.firstComment(), List.of(), visibility,
                        post.language(), id);
            } catch (PublishFailure e) {
                if (e.outcome() != PublishFailure.Outcome.REJECTED) {
                    throw e; // a repeat gets the same status back (same key) and posts the comment
                }
                LOG.warnf("Mastodon refused the first comment of publication %s (the status is out): %s",
                        post.publicationId(), e.reason());
            }
        }
        JsonNode followers = status.path("account").path("followers_count");
        return new Published(id, status.path("url").asText(null), followers.canConvertToLong() ? followers.longValue() : null);
    }

    /**
     * A reply: a status with {@code in_reply_to_id} = the status answered (https://docs.joinmastodon.org/methods/statuses/#create),
     * with {@code Idempotency-Key} = the reply's id, so a repeat within the hour answers the same status. The
     * visibility is the channel's, as for its posts.
     */
    @Override
    public Published reply(ReplyPost reply, Account account) throws PublishFailure {
        URI instance = instanceUrl(account);
        String token = account.requiredCredential("accessToken");
        String visibility = account.setting("visibility").map(v -> v.strip().toLowerCase(Locale.ROOT)).orElse("public");
        if (!VISIBILITIES.contains(visibility)) {
            visibility = "public";
        }
        JsonNode status = postStatus(instance, token, reply.replyId().toString(), reply.text(), List.of(), visibility,
                null, reply.inReplyTo());
        String id = status.path("id").asText(null);
        if (id == null) {
            throw PublishFailure.unknown(200, null, "Mastodon answered the reply without its id");
        }
        return new Published(id, status.path("url").asText(null), null);
    }

    /** Comments, replies and mentions: {@link MastodonConversations}. */
    @Override
    public Reading conversations(Account account, Map<String, String> cursor, List<OwnPost> ownPosts,
                                 java.time.Instant since, int limit) throws PublishFailure {
        return new MastodonConversations(http).read(account, instanceUrl(account), cursor, ownPosts, since, limit);
    }

    /** The first comment's own idempotency key, derived from the publication. */
    static String firstCommentKey(UUID publicationId) {
        return publicationId + "/first-comment";
    }

    // --- statuses ------------------------------------------------------------------------------------------------

    private JsonNode postStatus(URI instance, String token, String idempotencyKey, String text, List<String> mediaIds,
                                String visibility, String language, String inReplyTo) throws PublishFailure {
        Form form = new Form();
        form.add("status", text == null ? "" : text);
        mediaIds.forEach(id -> form.add("media_ids[]", id));
        form.add("visibility", visibility);
        String iso639 = language == null || language.isBlank() ? "" : Locale.forLanguageTag(language.strip()).getLanguage();
        if (!iso639.isEmpty()) {
            form.add("language", iso639);
        }
        if (inReplyTo != null) {
            form.add("in_reply_to_id", inReplyTo);
        }
        OutboundResponse response = send(OutboundRequest.post(instance.resolve("/api/v1/statuses")).bearer(token)
                .header("Idempotency-Key", idempotencyKey).body(form.bytes(), "application/x-www-form-urlencoded"));
        if (!response.isSuccess()) {
            throw failure(response);
        }
        return body(response);
    }

    // --- media ---------------------------------------------------------------------------------------------------

    /** Uploads one medium and waits until Mastodon has processed it; answers its attachment id. */
    private String upload(URI instance, String token, PostMedia medium) throws PublishFailure {
        MediaFetcher.Fetched fetched = media.fetch(medium);
        Multipart multipart = new Multipart();
        multipart.file("file", fileName(medium, fetched.contentType()), fetched.contentType(), fetched.bytes());
        if (medium.altText() != null && !medium.altText().isBlank()) {
            multipart.field("description", medium.altText());
        }
        OutboundResponse response = send(OutboundRequest.post(instance.resolve("/api/v2/media")).bearer(token)
                .body(multipart.bytes(), multipart.contentType()));
        if (!response.isSuccess()) {
            throw failure(response);
        }
        String id = body(response).path("id").asText(null);
        if (id == null) {
            throw PublishFailure.notPublished(response.status(), null, "Mastodon answered the upload of " + medium.url()
                    + " without an attachment id; Kogu tries again", null);
        }
        if (response.status() == 202) {
            awaitProcessing(instance, token, id, medium);
        }
        return id;
    }

    /** 202 from the upload: {@code GET /api/v1/media/:id} answers 206 while processing, 200 when done. */
    private void awaitProcessing(URI instance, String token, String id, PostMedia medium) throws PublishFailure {
        long deadline = System.nanoTime() + processingTimeout.toNanos();
        while (true) {
            OutboundResponse response = send(OutboundRequest.get(instance.resolve("/api/v1/media/"
                    + URLEncoder.encode(id, StandardCharsets.UTF_8))).bearer(token));
            if (response.status() == 200) {
                return;
            }
            if (response.status() != 206) {
                throw failure(response);
            }
            if (System.nanoTime() + pollInterval.toNanos() > deadline) {
                throw PublishFailure.notPublished(206, null, "Mastodon was still processing " + medium.url() + " after "
                        + processingTimeout.toSeconds() + " s; nothing was posted, Kogu tries again", null);
            }
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw PublishFailure.notPublished(null, "interrupted", "publishing was interrupted while Mastodon processed "
                        + medium.url() + "; nothing was posted", null);
            }
        }
    }

    private static String fileName(PostMedia medium, String contentType) {
        String path = medium.url().getPath();
        String last = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        if (last.matches("[A-Za-z0-9._-]{1,100}\\.[A-Za-z0-9]{1,5}")) {
            return last;
        }
        String subtype = contentType.substring(contentType.indexOf('/') + 1).replaceAll("[^a-z0-9]", "");
        return "media." + (subtype.isEmpty() ? "bin" : subtype);
    }

    // --- engagement (issue 12) ---------------------------------------------------------------------------------

    /**
     * {@code GET /api/v1/statuses?id[]=…} ("View multiple statuses", Mastodon 4.3,
     * https://docs.joinmastodon.org/methods/statuses/#index): the statuses the token may see, fewer when some are
     * gone. Mastodon's controller takes at most 20 ids a call.
     */
    @Override
    public int countersBatch() {
        return 20;
    }

    /**
     * Counters of the Status entity (https://docs.joinmastodon.org/entities/Status/): {@code favourites_count} →
     * favorite, {@code reblogs_count} → repost, {@code replies_count} → comment, {@code quotes_count} (servers with
     * quote posts) → quote.
     */
    @Override
    public Map<String, Map<String, Long>> counters(Account account, List<String> externalIds) throws PublishFailure {
        URI instance = instanceUrl(account);
        String token = account.requiredCredential("accessToken");
        StringBuilder query = new StringBuilder();
        for (String id : externalIds) {
            query.append(query.isEmpty() ? "?" : "&").append("id%5B%5D=").append(URLEncoder.encode(id, StandardCharsets.UTF_8));
        }
        OutboundResponse response = send(OutboundRequest.get(URI.create(instance.resolve("/api/v1/statuses") + query.toString()))
                .bearer(token));
        if (!response.isSuccess()) {
            throw failure(response);
        }
        JsonNode statuses = array(response);
        Map<String, Map<String, Long>> counters = new LinkedHashMap<>();
        for (JsonNode status : statuses) {
            String id = status.path("id").asText(null);
            if (id == null) {
                continue;
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            EngagementSource.putCount(counts, "favorite", status.path("favourites_count"));
            EngagementSource.putCount(counts, "repost", status.path("reblogs_count"));
            EngagementSource.putCount(counts, "comment", status.path("replies_count"));
            EngagementSource.putCount(counts, "quote", status.path("quotes_count"));
            counters.put(id, counts);
        }
        return counters;
    }

    /**
     * {@code GET /api/v1/statuses/:id/favourited_by} and {@code …/reblogged_by}
     * (https://docs.joinmastodon.org/methods/statuses/#favourited_by, #reblogged_by): Account entities, whose
     * {@code acct} is {@code user} for the server's own accounts and {@code user@domain} for others; the handle
     * is always given with its instance ({@code user@instance}), as Kogu compares Mastodon handles. The first page
     * only (at most 80, Mastodon's maximum {@code limit}).
     */
    @Override
    public List<Engager> engagers(Account account, String externalId, int limit) throws PublishFailure {
        URI instance = instanceUrl(account);
        String token = account.requiredCredential("accessToken");
        List<Engager> engagers = new ArrayList<>();
        String encoded = URLEncoder.encode(externalId, StandardCharsets.UTF_8);
        int page = Math.max(1, Math.min(limit, 80));
        for (String[] kind : new String[][] {{"favourited_by", "favorite"}, {"reblogged_by", "repost"}}) {
            OutboundResponse response = send(OutboundRequest.get(
                    instance.resolve("/api/v1/statuses/" + encoded + "/" + kind[0] + "?limit=" + page)).bearer(token));
            if (!response.isSuccess()) {
                throw failure(response);
            }
            for (JsonNode person : array(response)) {
                String acct = person.path("acct").asText("");
                String actorId = person.path("id").asText("");
                if (acct.isBlank() || actorId.isBlank()) {
                    continue;
                }
                String handle = acct.contains("@") ? acct : acct + "@" + instance.getHost();
                engagers.add(new Engager(kind[1], actorId, handle));
            }
        }
        return engagers;
    }

    private static JsonNode array(OutboundResponse response) throws PublishFailure {
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body == null || !body.isArray()) {
                throw new IOException("not a JSON array");
            }
            return body;
        } catch (IOException e) {
            throw PublishFailure.unknown(response.status(), null, "Mastodon answered with something that is not a JSON array");
        }
    }

    // --- HTTP ----------------------------------------------------------------------------------------------------

    static URI instanceUrl(Account account) throws PublishFailure {
        String configured = account.requiredSetting("instanceUrl").strip();
        try {
            URI uri = new URI(configured.contains("://") ? configured : "https://" + configured);
            if (uri.getHost() == null || !Set.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
                throw new URISyntaxException(configured, "not an http(s) URL");
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), "/", null, null);
        } catch (URISyntaxException e) {
            throw PublishFailure.rejected(null, "invalid_setting",
                    "the channel's connection.instanceUrl is not the https URL of a Mastodon server (e.g. https://mastodon.social)");
        }
    }

    private OutboundResponse send(OutboundRequest request) throws PublishFailure {
        try {
            return http.send(request);
        } catch (OutboundException e) {
            throw HttpOutcomes.transport(e, NAME);
        }
    }

    /** Mastodon's errors are {@code {"error": "…"}} (some add {@code error_description}). */
    static PublishFailure failure(OutboundResponse response) {
        String error = null;
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body != null) {
                error = body.path("error").asText(null);
            }
        } catch (IOException | RuntimeException notJson) {
            // no text to pass on
        }
        if (response.status() == 422) {
            return PublishFailure.rejected(422, null, "Mastodon refused the post" + (error != null ? ": " + error : ""));
        }
        return HttpOutcomes.status(response, NAME, null, error);
    }

    private static JsonNode body(OutboundResponse response) throws PublishFailure {
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body == null || !body.isObject()) {
                throw new IOException("not a JSON object");
            }
            return body;
        } catch (IOException e) {
            throw PublishFailure.unknown(response.status(), null, "Mastodon answered with something that is not JSON");
        }
    }

    /** {@code application/x-www-form-urlencoded} with repeated names ({@code media_ids[]}). */
    private static final class Form {
        private final StringBuilder encoded = new StringBuilder();

        void add(String name, String value) {
            if (encoded.length() > 0) {
                encoded.append('&');
            }
            encoded.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }

        byte[] bytes() {
            return encoded.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** {@code multipart/form-data} (RFC 7578) for one file and plain fields. */
    private static final class Multipart {
        private final String boundary = "kogu-" + UUID.randomUUID();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void field(String name, String value) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n"
                    + "Content-Type: text/plain; charset=UTF-8\r\n\r\n");
            write(value);
            write("\r\n");
        }

        void file(String name, String fileName, String contentType, byte[] bytes) {
            write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
            out.writeBytes(bytes);
            write("\r\n");
        }

        byte[] bytes() {
            write("--" + boundary + "--\r\n");
            return out.toByteArray();
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        private void write(String text) {
            out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
