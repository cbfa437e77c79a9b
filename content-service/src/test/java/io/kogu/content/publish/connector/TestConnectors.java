package io.kogu.content.publish.connector;

import io.kogu.platform.outbound.AddressPolicy;
import io.kogu.platform.outbound.OutboundHttp;

import java.time.Duration;

/** Connector parts for tests that build connectors as plain objects: the real guard, with loopback allowed. */
public final class TestConnectors {

    private TestConnectors() {
    }

    /** The outbound guard as the test profile has it: loopback allowed (local stand-ins), nothing private. */
    public static OutboundHttp outboundHttp(Duration responseTimeout) {
        return new OutboundHttp(new AddressPolicy(true, false), Duration.ofSeconds(2), responseTimeout, 50L * 1024 * 1024,
                5, 20, "Kogu-test");
    }

    public static MediaFetcher mediaFetcher(OutboundHttp http) {
        MediaFetcher fetcher = new MediaFetcher();
        fetcher.http = http;
        fetcher.maxBytes = 10L * 1024 * 1024;
        return fetcher;
    }
}
