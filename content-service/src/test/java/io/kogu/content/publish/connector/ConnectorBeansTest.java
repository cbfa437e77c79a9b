package io.kogu.content.publish.connector;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The connectors are CDI beans the publisher finds by network, built from the service's configuration. */
@QuarkusTest
class ConnectorBeansTest {

    @Inject
    Connectors connectors;

    @Test
    void blueskyAndMastodonAreConnectorsWhoseRepeatIsSafe() {
        assertThat(connectors.forNetwork("bluesky")).hasValueSatisfying(c -> assertThat(c.repeatIsSafe()).isTrue());
        assertThat(connectors.forNetwork("mastodon")).hasValueSatisfying(c -> assertThat(c.repeatIsSafe()).isTrue());
    }
}
