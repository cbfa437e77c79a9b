package io.kogu.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.kogu.metrics.event.AudienceEngagement;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stored events of members are told to audience-service through the outbox (issue 12): the batch writes one
 * {@code member.engagement} message naming the members, and at delivery their counts over 30 and 90 days and their
 * last interaction are read from the events. An erased member's events no longer count for them.
 */
@QuarkusTest
class MemberEngagementOutboxTest {

    private final Fixtures fx = new Fixtures();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AudienceEngagement engagement;

    @Test
    void aBatchNamesItsMembersAndDeliveryCountsTheirEngagement() throws Exception {
        UUID publication = fx.publication(UUID.randomUUID(), "bluesky", Instant.now().minus(80, ChronoUnit.DAYS), null);
        UUID ann = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        Instant recent = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Instant older = Instant.now().minus(60, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        fx.post("""
                [{"eventId":"m1","publicationId":"%1$s","type":"comment","occurredAt":"%2$s","actorMemberId":"%4$s"},
                 {"eventId":"m2","publicationId":"%1$s","type":"comment","occurredAt":"%2$s","actorMemberId":"%4$s","count":3},
                 {"eventId":"m3","publicationId":"%1$s","type":"like","occurredAt":"%3$s","actorMemberId":"%4$s"},
                 {"eventId":"m4","publicationId":"%1$s","type":"like","occurredAt":"%3$s","actorMemberId":"%5$s"},
                 {"eventId":"m5","publicationId":"%1$s","type":"like","occurredAt":"%2$s","count":9}]"""
                .formatted(publication, recent, older, ann, bob));

        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     select payload::text from outbox where workspace_id = ? and event_type = 'member.engagement'""")) {
            statement.setString(1, fx.workspace);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).contains(ann.toString()).contains(bob.toString());
                assertThat(rows.next()).as("one message per batch").isFalse();
            }
        }

        List<JsonNode> items = new java.util.ArrayList<>();
        engagement.counts(fx.workspace, List.of(ann, bob, UUID.randomUUID()), Instant.now()).forEach(items::add);
        assertThat(items).hasSize(2);
        JsonNode annItem = items.stream().filter(i -> i.path("memberId").asText().equals(ann.toString())).findFirst().orElseThrow();
        assertThat(annItem.path("last30d").path("comment").asLong()).isEqualTo(4);
        assertThat(annItem.path("last30d").has("like")).isFalse();
        assertThat(annItem.path("last90d").path("like").asLong()).isEqualTo(1);
        assertThat(Instant.parse(annItem.path("lastInteractionAt").asText())).isEqualTo(recent);
        JsonNode bobItem = items.stream().filter(i -> i.path("memberId").asText().equals(bob.toString())).findFirst().orElseThrow();
        assertThat(Instant.parse(bobItem.path("lastInteractionAt").asText())).isEqualTo(older);

        // Erased: nothing of the member is counted any more.
        fx.asService().body("""
                {"eventId":"%s","memberId":"%s","handles":[{"network":"bluesky","handle":"ann.bsky.social"}],"erasedAt":"%s"}""".formatted(UUID.randomUUID(), ann, Instant.now()))
                .post("/v1/member-erasures").then().statusCode(200);
        assertThat(engagement.counts(fx.workspace, List.of(ann), Instant.now())).isEmpty();
    }
}
