package io.kogu.metrics;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.TimeZone;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Stored event times are the instants sent, whatever the JVM's default time zone. */
@QuarkusTest
class EventTimeZoneTest {

    @Inject
    AgroalDataSource dataSource;

    private final Fixtures fx = new Fixtures();

    @Test
    void eventTimesAreStoredAsTheInstantsSentWhateverTheJvmTimeZone() throws Exception {
        UUID publication = fx.publication(UUID.randomUUID());
        Instant occurredAt = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        TimeZone zone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        try {
            fx.post(Fixtures.event("tz1", publication, "like", occurredAt, 1));
        } finally {
            TimeZone.setDefault(zone);
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select occurred_at from engagement_event where workspace_id = ? and event_id = 'tz1'")) {
            statement.setString(1, fx.workspace);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getObject(1, OffsetDateTime.class).toInstant()).isEqualTo(occurredAt);
            }
        }
        fx.as("viewer").get("/v1/publications/{id}/summary", publication).then().statusCode(200)
                .body("engagements", org.hamcrest.Matchers.equalTo(1));
    }
}
