package io.kogu.metrics.event;

import io.agroal.api.AgroalDataSource;
import io.kogu.metrics.api.model.EngagementEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

/**
 * Stores engagement events idempotently: one statement per batch, and an event id seen before in the
 * workspace (earlier or in the same batch) is skipped, not counted twice.
 */
@ApplicationScoped
public class EventIngestion {

    private static final String INSERT = """
            insert into engagement_event
                (workspace_id, event_id, publication_id, type, occurred_at, count, actor_member_id, actor_handle)
            select ?, e.event_id, e.publication_id, e.type, e.occurred_at, e.count, e.actor_member_id, e.actor_handle
            from unnest(?::text[], ?::uuid[], ?::text[], ?::timestamptz[], ?::int[], ?::uuid[], ?::text[])
                as e(event_id, publication_id, type, occurred_at, count, actor_member_id, actor_handle)
            on conflict (workspace_id, event_id) do nothing""";

    @Inject
    AgroalDataSource dataSource;

    /** Stores the events; answers how many were new (the rest were duplicates). */
    @Transactional
    public int store(String workspaceId, List<EngagementEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        int n = events.size();
        Object[] eventIds = new Object[n];
        Object[] publicationIds = new Object[n];
        Object[] types = new Object[n];
        Object[] occurredAt = new Object[n];
        Object[] counts = new Object[n];
        Object[] actorMemberIds = new Object[n];
        Object[] actorHandles = new Object[n];
        for (int i = 0; i < n; i++) {
            EngagementEvent event = events.get(i);
            eventIds[i] = event.getEventId();
            publicationIds[i] = event.getPublicationId();
            types[i] = event.getType().toString();
            occurredAt[i] = Timestamp.from(event.getOccurredAt().toInstant());
            counts[i] = event.getCount() == null ? 1 : event.getCount();
            actorMemberIds[i] = event.getActorMemberId();
            actorHandles[i] = event.getActorHandle();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, workspaceId);
            insert.setArray(2, connection.createArrayOf("text", eventIds));
            insert.setArray(3, connection.createArrayOf("uuid", publicationIds));
            insert.setArray(4, connection.createArrayOf("text", types));
            insert.setArray(5, connection.createArrayOf("timestamptz", occurredAt));
            insert.setArray(6, connection.createArrayOf("int4", counts));
            insert.setArray(7, connection.createArrayOf("uuid", actorMemberIds));
            insert.setArray(8, connection.createArrayOf("text", actorHandles));
            return insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Storing engagement events failed", e);
        }
    }
}
