package io.kogu.platform.outbound;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code kogu.outbound.*}: what the outbound HTTP guard lets through, and how long it waits. */
@ConfigMapping(prefix = "kogu.outbound")
public interface OutboundSettings {

    /** Loopback targets (127.0.0.0/8, ::1): off in production; {@code ./kogu up} allows them for local receivers. */
    @WithDefault("false")
    boolean allowLoopback();

    /** Private targets (RFC 1918, carrier-grade NAT, fc00::/7): off unless the installation reaches an intranet. */
    @WithDefault("false")
    boolean allowPrivate();

    /** Addresses allowed whatever their kind, one by one (IP literals): an intranet blog, a local test server. */
    Optional<List<String>> allowedAddresses();

    @WithDefault("5s")
    Duration connectTimeout();

    /** How long an answer may take once the request went out. */
    @WithDefault("30s")
    Duration responseTimeout();

    /** The largest answer read; past it the call fails with {@link OutboundException.Failure#TOO_LARGE}. */
    @WithDefault("52428800")
    long maxResponseBytes();

    @WithDefault("5")
    int maxRedirects();

    @WithDefault("200")
    int maxConnections();

    @WithDefault("Kogu/0.1 (+https://kogu.io)")
    String userAgent();
}
