package io.kogu.audience.inbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A workspace's time zone and business hours (V14), in which response times are counted. The version is kept by
 * hand: a workspace without a row is at version 0 (the defaults), its first save makes version 1.
 */
@Entity
@Table(name = "inbox_settings")
public class InboxSettings extends PanacheEntityBase {

    /** One opening interval of a weekday, local times {@code HH:mm}. */
    public record Hours(String weekday, String start, String end) {
    }

    @Id
    @Column(name = "workspace_id")
    public String workspaceId;

    @Column(name = "time_zone")
    public String timeZone;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "business_hours")
    public List<Hours> businessHours = new ArrayList<>();

    public long version;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** What a workspace has before an admin sets anything: UTC, Monday to Friday 09:00-17:00. */
    public static InboxSettings defaults(String workspaceId) {
        InboxSettings settings = new InboxSettings();
        settings.workspaceId = workspaceId;
        settings.timeZone = "UTC";
        for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday")) {
            settings.businessHours.add(new Hours(day, "09:00", "17:00"));
        }
        return settings;
    }
}
