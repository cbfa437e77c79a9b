package io.kogu.content.publish.connector;

import java.net.URI;

/**
 * A medium named by URL in the draft. Connectors fetch it through the outbound guard
 * ({@link io.kogu.content.publish.connector.MediaFetcher}) and upload it to the network.
 *
 * @param kind            {@code image}, {@code video}, {@code gif} or {@code document} (the contract's MediaKind)
 * @param durationSeconds for video, when the draft knows it
 */
public record PostMedia(URI url, String kind, String altText, Long sizeBytes, Integer durationSeconds) {
}
