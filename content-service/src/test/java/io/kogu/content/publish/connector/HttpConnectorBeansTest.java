package io.kogu.content.publish.connector;

import io.kogu.content.publish.connector.facebook.FacebookConfig;
import io.kogu.content.publish.connector.instagram.InstagramConfig;
import io.kogu.content.publish.connector.linkedin.LinkedInConfig;
import io.kogu.content.publish.connector.threads.ThreadsConfig;
import io.kogu.content.publish.connector.x.XConfig;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP connectors are beans the publisher finds by network, and their configuration defaults to the real hosts. */
@QuarkusTest
class HttpConnectorBeansTest {

    @Inject
    Connectors connectors;

    @Inject
    XConfig x;

    @Inject
    LinkedInConfig linkedin;

    @Inject
    FacebookConfig facebook;

    @Inject
    InstagramConfig instagram;

    @Inject
    ThreadsConfig threads;

    @Test
    void everyHttpNetworkHasItsConnectorAndOnlyContainerNetworksRepeat() {
        assertThat(connectors.networks()).contains("blog", "x", "linkedin", "facebook", "instagram", "threads");
        assertThat(connectors.forNetwork("instagram").orElseThrow().repeatIsSafe()).isTrue();
        assertThat(connectors.forNetwork("threads").orElseThrow().repeatIsSafe()).isTrue();
        for (String network : new String[] {"blog", "x", "linkedin", "facebook"}) {
            assertThat(connectors.forNetwork(network).orElseThrow().repeatIsSafe()).as(network).isFalse();
        }
    }

    @Test
    void configurationDefaultsToTheNetworksOwnHosts() {
        assertThat(x.apiUrl()).isEqualTo(URI.create("https://api.x.com"));
        assertThat(linkedin.apiUrl()).isEqualTo(URI.create("https://api.linkedin.com"));
        assertThat(linkedin.tokenUrl()).isEqualTo(URI.create("https://www.linkedin.com/oauth/v2/accessToken"));
        assertThat(linkedin.version()).matches("20\\d{2}(0[1-9]|1[0-2])");
        assertThat(facebook.apiUrl()).isEqualTo(URI.create("https://graph.facebook.com"));
        assertThat(instagram.apiUrl()).isEqualTo(URI.create("https://graph.facebook.com"));
        assertThat(threads.apiUrl()).isEqualTo(URI.create("https://graph.threads.net"));
    }
}
