package io.kogu.platform.web;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/**
 * Bounds of every request, checked before a resource sees it ({@link HttpEdges}); each can be set by environment
 * variable ({@code KOGU_HTTP_MAX_BODY_SIZE}…).
 */
@ConfigMapping(prefix = "kogu.http")
public interface HttpLimits {

    /** The largest body of any route not listed in {@link #largeBodies()}: JSON requests are small. */
    @WithDefault("2M")
    MemorySize maxBodySize();

    /**
     * Routes that take large bodies (uploads, streams), one per entry: {@code METHOD /path [media/type] [size]},
     * e.g. {@code POST /v1/events application/x-ndjson}. A path segment in braces matches any segment; without a
     * media type every type matches; without a size the service-wide {@code quarkus.http.limits.max-body-size}
     * bounds it.
     */
    Optional<List<String>> largeBodies();

    /** The longest request target (path and query) in characters; longer is a 414. */
    @WithDefault("4096")
    int maxUriLength();

    /** The most header bytes (names and values) of a request; more is a 431. */
    @WithDefault("20K")
    MemorySize maxHeaderSize();
}
