package io.kogu.content.publish.connector.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import io.kogu.content.publish.connector.Account;
import io.kogu.content.publish.connector.Connector;
import io.kogu.content.publish.connector.HttpOutcomes;
import io.kogu.content.publish.connector.Post;
import io.kogu.content.publish.connector.PostMedia;
import io.kogu.content.publish.connector.PublishFailure;
import io.kogu.content.publish.connector.Published;
import io.kogu.platform.outbound.OutboundException;
import io.kogu.platform.outbound.OutboundHttp;
import io.kogu.platform.outbound.OutboundRequest;
import io.kogu.platform.outbound.OutboundResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Publishes to any HTTP receiver: a POST of the publication as JSON to the channel's {@code connection.url},
 * signed as Standard Webhooks specifies (https://www.standardwebhooks.com/, spec/standard-webhooks.md:
 * {@code webhook-id}, {@code webhook-timestamp} in epoch seconds, {@code webhook-signature} {@code v1,<base64
 * HMAC-SHA256 of "id.timestamp.body">}) with the channel's credential {@code secret} ({@code whsec_…}), through
 * the {@code com.standardwebhooks} library. {@code webhook-id} is the publication id, the same on every attempt,
 * so a receiver that deduplicates by it is safe; a plain receiver is not, so a repeat after an unknown outcome is
 * not safe here. A 2xx answer may carry {@code {"id": …, "url": …}}: the post's id and address at the receiver.
 */
@ApplicationScoped
public class WebhookConnector implements Connector {

    public static final String NETWORK = "webhook";
    public static final String EVENT_TYPE = "publication.publish";

    @Inject
    OutboundHttp http;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @ConfigProperty(name = "kogu.connectors.webhook.timeout", defaultValue = "10s")
    Duration timeout;

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
        URI url = url(account.requiredSetting("url"));
        Webhook signer;
        try {
            signer = new Webhook(account.requiredCredential("secret"));
        } catch (IllegalArgumentException e) {
            throw PublishFailure.rejected(null, "bad_secret",
                    "the channel's 'secret' credential is not a Standard Webhooks secret (whsec_ followed by base64)");
        }
        String id = post.publicationId().toString();
        Instant now = clock.instant();
        String body = payload(post, account, now);
        String signature;
        try {
            signature = signer.sign(id, now.getEpochSecond(), body);
        } catch (WebhookSigningException e) {
            throw PublishFailure.rejected(null, "bad_secret", "the webhook could not be signed with the channel's secret");
        }
        OutboundResponse response;
        try {
            response = http.send(OutboundRequest.post(url).json(body)
                    .header("webhook-id", id)
                    .header("webhook-timestamp", Long.toString(now.getEpochSecond()))
                    .header("webhook-signature", signature)
                    .responseTimeout(timeout)
                    .maxResponseBytes(64 * 1024));
        } catch (OutboundException e) {
            throw HttpOutcomes.transport(e, NETWORK);
        }
        if (!response.isSuccess()) {
            throw HttpOutcomes.status(response, "the webhook receiver", null, snippet(response));
        }
        return answer(response, id);
    }

    private Published answer(OutboundResponse response, String publicationId) {
        String externalId = publicationId;
        String postUrl = null;
        try {
            JsonNode answer = response.body().length == 0 ? null : json.readTree(response.body());
            if (answer != null && answer.isObject()) {
                JsonNode id = answer.get("id");
                if (id != null && (id.isTextual() || id.isNumber()) && !id.asText().isBlank() && id.asText().length() <= 200) {
                    externalId = id.asText();
                }
                JsonNode link = answer.get("url");
                if (link != null && link.isTextual() && link.asText().matches("^https?://\\S+$") && link.asText().length() <= 2000) {
                    postUrl = link.asText();
                }
            }
        } catch (java.io.IOException notJson) {
            // A receiver may answer anything: the post is out, known by the publication id.
        }
        return new Published(externalId, postUrl, null);
    }

    String payload(Post post, Account account, Instant now) {
        ObjectNode data = json.createObjectNode();
        data.put("publicationId", post.publicationId().toString());
        data.put("draftId", post.draftId().toString());
        data.put("channelId", account.channelId().toString());
        data.put("handle", account.handle());
        data.put("attempt", post.attempt());
        data.put("text", post.text());
        data.put("title", post.title());
        data.put("link", post.link());
        ArrayNode media = data.putArray("media");
        for (PostMedia m : post.media()) {
            ObjectNode item = media.addObject();
            item.put("url", m.url().toString());
            item.put("kind", m.kind());
            item.put("altText", m.altText());
        }
        data.put("firstComment", post.firstComment());
        ArrayNode tags = data.putArray("tags");
        post.tags().forEach(tags::add);
        ObjectNode event = json.createObjectNode();
        event.put("type", EVENT_TYPE);
        event.put("timestamp", now.toString());
        event.set("data", data);
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The webhook payload cannot be written", e);
        }
    }

    private static URI url(String value) throws PublishFailure {
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new URISyntaxException(value, "not http or https");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw PublishFailure.rejected(null, "bad_url", "the channel's connection url is not an http or https address");
        }
    }

    private static String snippet(OutboundResponse response) {
        String text = response.text();
        return text.length() > 300 ? text.substring(0, 300) : text;
    }
}
