package io.kogu.content.publish.connector;

import io.kogu.platform.outbound.AddressPolicy;
import io.kogu.platform.outbound.OutboundHttp;

import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the connector tests share: connectors are built as plain objects on a real {@link OutboundHttp} (loopback
 * allowed, as in the test profile) and talk to a WireMock server that answers as the network documents it.
 */
public final class ConnectorTests {

    /** A 1×1 PNG. */
    public static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    /** A shared machine can be slow to answer the first request: "no answer" is tested with a dropped connection. */
    public static final OutboundHttp HTTP = new OutboundHttp(new AddressPolicy(true, false), Duration.ofSeconds(2),
            Duration.ofSeconds(15), 10_000_000, 3, 20, "kogu-test");

    private ConnectorTests() {
    }

    public static MediaFetcher fetcher() {
        MediaFetcher fetcher = new MediaFetcher();
        fetcher.http = HTTP;
        fetcher.maxBytes = 10_000_000;
        return fetcher;
    }

    public static PostMedia image(String url, String altText) {
        return new PostMedia(URI.create(url), "image", altText, null, null);
    }

    public static Post aPost(String text) {
        return aPost(text, List.of(), null);
    }

    public static Post aPost(String text, List<PostMedia> media, String firstComment) {
        return new Post(UUID.randomUUID(), UUID.randomUUID(), 1, text, "A title", null, media, firstComment, "en",
                List.of(), new HashMap<>());
    }

    public static Account account(String network, Map<String, String> settings, Map<String, String> credentials) {
        return new Account(UUID.randomUUID(), "ws-1", network, "@kogu", settings, credentials);
    }

    /** The failure the call throws (the test fails when it throws none). */
    public static PublishFailure failure(Attempt attempt) {
        try {
            attempt.run();
        } catch (PublishFailure failure) {
            return failure;
        } catch (Exception other) {
            throw new AssertionError("expected a PublishFailure, got " + other, other);
        }
        throw new AssertionError("expected a PublishFailure, the call succeeded");
    }

    @FunctionalInterface
    public interface Attempt {
        void run() throws Exception;
    }
}
