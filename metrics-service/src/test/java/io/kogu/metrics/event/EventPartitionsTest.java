package io.kogu.metrics.event;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class EventPartitionsTest {

    @Inject
    EventPartitions partitions;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void weeksAheadAreCreatedAndWeeksPastRetentionDropped() throws SQLException {
        Instant now = Instant.now();
        partitions.maintain();
        assertThat(exists(EventPartitions.weekOf(now.plus(Duration.ofDays(49))).format(DateTimeFormatter.BASIC_ISO_DATE)))
                .isTrue();

        Instant old = partitions.retentionCutoff(now).minus(Duration.ofDays(30));
        String oldWeek = EventPartitions.weekOf(old).format(DateTimeFormatter.BASIC_ISO_DATE);
        partitions.ensureCovering(old, old);
        assertThat(exists(oldWeek)).isTrue();

        assertThat(partitions.dropBefore(partitions.retentionCutoff(now))).isGreaterThanOrEqualTo(1);
        assertThat(exists(oldWeek)).isFalse();
        // The current week is within retention and stays.
        assertThat(exists(EventPartitions.weekOf(now).format(DateTimeFormatter.BASIC_ISO_DATE))).isTrue();
    }

    private boolean exists(String week) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("select to_regclass(?) is not null")) {
            statement.setString(1, "engagement_event_" + week);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }
}
