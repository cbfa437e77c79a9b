package io.kogu.content.publish.connector;

import io.kogu.platform.outbound.OutboundException;
import io.kogu.platform.outbound.OutboundHttp;
import io.kogu.platform.outbound.OutboundRequest;
import io.kogu.platform.outbound.OutboundResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Locale;

/**
 * Fetches a draft's media through the outbound guard, within a size limit, and only of the content types its
 * kind allows. A medium that cannot be fetched fails the publication before anything is posted.
 */
@ApplicationScoped
public class MediaFetcher {

    /** The bytes of one medium and its content type, as served. */
    public record Fetched(byte[] bytes, String contentType) {
    }

    @Inject
    OutboundHttp http;

    @ConfigProperty(name = "kogu.publish.media.max-bytes", defaultValue = "104857600")
    long maxBytes;

    public Fetched fetch(PostMedia media) throws PublishFailure {
        OutboundResponse response;
        try {
            response = http.send(OutboundRequest.get(media.url()).maxResponseBytes(maxBytes));
        } catch (OutboundException e) {
            if (e.nothingSent() && e.failure() == OutboundException.Failure.NOT_CONNECTED) {
                throw PublishFailure.notPublished(null, "media_unreachable",
                        "the medium " + media.url() + " could not be fetched (" + e.getMessage() + "); Kogu tries again", null);
            }
            throw PublishFailure.rejected(null, "media_unavailable",
                    "the medium " + media.url() + " could not be fetched: " + e.getMessage());
        }
        if (!response.isSuccess()) {
            throw PublishFailure.rejected(null, "media_unavailable",
                    "the medium " + media.url() + " answered HTTP " + response.status());
        }
        String type = response.contentType() == null ? "" : response.contentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
        String expected = switch (media.kind()) {
            case "image", "gif" -> "image/";
            case "video" -> "video/";
            default -> "";
        };
        if (!type.startsWith(expected) || type.isEmpty()) {
            throw PublishFailure.rejected(null, "media_type",
                    "the medium " + media.url() + " is " + (type.isEmpty() ? "of no declared type" : type)
                            + ", not the " + media.kind() + " the draft says");
        }
        return new Fetched(response.body(), type);
    }
}
