package io.kogu.metrics.event;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns counter snapshots ("42 likes now") into deltas against the latest snapshot of the same publication
 * and type, which it locks for the rest of the transaction so that concurrent batches apply snapshots one
 * after the other. A first snapshot counts in full; a lower one gives a negative delta.
 */
final class SnapshotCounters implements AutoCloseable {

    enum Outcome { DELTA, STALE, DUPLICATE }

    private final String workspaceId;
    private final PreparedStatement create;
    private final PreparedStatement lock;
    /** The event ids of the batch's snapshots stored before (same id and time): duplicates, asked for in one query. */
    private final Set<IncomingEvent.Identity> seen = new HashSet<>();
    private final PreparedStatement update;

    SnapshotCounters(Connection connection, String workspaceId, List<IncomingEvent> snapshots) throws SQLException {
        this.workspaceId = workspaceId;
        create = connection.prepareStatement("""
                insert into counter_snapshot (workspace_id, publication_id, type, value, observed_at)
                values (?, ?, ?, 0, null) on conflict do nothing""");
        lock = connection.prepareStatement("""
                select value, observed_at from counter_snapshot
                where workspace_id = ? and publication_id = ? and type = ? for update""");
        try (PreparedStatement seenBefore = connection.prepareStatement("""
                select e.event_id, e.occurred_at from engagement_event e
                join unnest(?::text[], ?::text[]::timestamptz[]) as s(event_id, occurred_at)
                  on e.event_id = s.event_id and e.occurred_at = s.occurred_at
                where e.workspace_id = ?""")) {
            seenBefore.setArray(1, connection.createArrayOf("text",
                    snapshots.stream().map(snapshot -> snapshot.eventId).toArray()));
            seenBefore.setArray(2, connection.createArrayOf("text",
                    EventIngestion.instants(snapshots.stream().map(snapshot -> snapshot.occurredAt).toList())));
            seenBefore.setString(3, workspaceId);
            try (ResultSet rows = seenBefore.executeQuery()) {
                while (rows.next()) {
                    seen.add(IncomingEvent.identity(rows.getString(1), rows.getTimestamp(2).toInstant()));
                }
            }
        }
        update = connection.prepareStatement("""
                update counter_snapshot set value = ?, observed_at = ?
                where workspace_id = ? and publication_id = ? and type = ?""");
    }

    /** Sets the event's count to its delta, unless it was seen before or is older than the latest snapshot. */
    Outcome toDelta(IncomingEvent event) throws SQLException {
        if (seen.contains(IncomingEvent.identity(event.eventId, event.occurredAt))) {
            return Outcome.DUPLICATE;
        }
        create.setString(1, workspaceId);
        create.setObject(2, event.publication.id());
        create.setString(3, event.type);
        create.executeUpdate();
        lock.setString(1, workspaceId);
        lock.setObject(2, event.publication.id());
        lock.setString(3, event.type);
        long previous;
        try (ResultSet rows = lock.executeQuery()) {
            rows.next();
            previous = rows.getLong(1);
            Timestamp observedAt = rows.getTimestamp(2);
            if (observedAt != null && !event.occurredAt.isAfter(observedAt.toInstant())) {
                return Outcome.STALE;
            }
        }
        update.setLong(1, event.total);
        update.setTimestamp(2, Timestamp.from(event.occurredAt));
        update.setString(3, workspaceId);
        update.setObject(4, event.publication.id());
        update.setString(5, event.type);
        update.executeUpdate();
        event.count = event.total - previous;
        return Outcome.DELTA;
    }

    @Override
    public void close() throws SQLException {
        create.close();
        lock.close();
        update.close();
    }
}
