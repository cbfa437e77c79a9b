package io.kogu.metrics.event;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores a batch of events in one transaction: counter snapshots become deltas first, then one statement
 * inserts the event keys (deduplication), the raw events and the rollups (hourly, daily, per publication, per
 * actor),
 * so that rollups are never behind the events and reads never scan raw events.
 */
@ApplicationScoped
public class EventIngestion {

    private static final String INSERT = """
            with input as (
                select * from unnest(?::text[], ?::uuid[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::bigint[],
                                     ?::uuid[], ?::text[], ?::text[], ?::uuid[])
                    as e(event_id, publication_id, type, occurred_at, hour, count, actor_member_id, actor_handle,
                         network, channel_id)
            ), fresh as (
                insert into event_key (workspace_id, event_id, occurred_at)
                select ?, event_id, occurred_at from input
                on conflict do nothing
                returning event_id
            ), kept as (
                select i.* from input i join fresh f on f.event_id = i.event_id
            ), stored as (
                insert into engagement_event (workspace_id, event_id, publication_id, type, occurred_at, count,
                                              actor_member_id, actor_handle, actor_network)
                select ?, event_id, publication_id, type, occurred_at, count, actor_member_id, actor_handle,
                       case when actor_handle is null then null else network end
                from kept
                returning 1
            ), hourly as (
                insert into rollup_hourly (workspace_id, publication_id, type, hour, channel_id, network, total)
                select ?, publication_id, type, hour, channel_id, network, sum(count) from kept
                group by publication_id, type, hour, channel_id, network
                order by publication_id, type, hour
                on conflict (workspace_id, publication_id, type, hour)
                do update set total = rollup_hourly.total + excluded.total
            ), daily as (
                insert into rollup_daily (workspace_id, publication_id, type, day, channel_id, network, total)
                select ?, publication_id, type, (hour at time zone 'UTC')::date, channel_id, network, sum(count)
                from kept
                group by publication_id, type, (hour at time zone 'UTC')::date, channel_id, network
                order by publication_id, type, 4
                on conflict (workspace_id, publication_id, type, day)
                do update set total = rollup_daily.total + excluded.total
            ), totals as (
                insert into publication_total (workspace_id, publication_id, type, total)
                select ?, publication_id, type, sum(count) from kept
                group by publication_id, type
                order by publication_id, type
                on conflict (workspace_id, publication_id, type)
                do update set total = publication_total.total + excluded.total
            ), actors as (
                insert into rollup_actor (workspace_id, publication_id, type, actor_member_id, total)
                select ?, publication_id, type, actor_member_id, sum(count) from kept
                where actor_member_id is not null
                group by publication_id, type, actor_member_id
                order by publication_id, type, actor_member_id
                on conflict (workspace_id, publication_id, type, actor_member_id)
                do update set total = rollup_actor.total + excluded.total
            )
            select count(*) from stored""";

    /** What became of a batch: how many were stored, and the snapshots rejected as stale. */
    public record Stored(int accepted, List<IncomingEvent> stale) {
    }

    @Inject
    AgroalDataSource dataSource;

    /**
     * Stores the events, whose event ids are distinct; answers how many were new (the others were duplicates)
     * and which snapshots were older than the latest one seen.
     */
    @Transactional
    public Stored store(String workspaceId, List<IncomingEvent> events) {
        if (events.isEmpty()) {
            return new Stored(0, List.of());
        }
        try (Connection connection = dataSource.getConnection()) {
            List<IncomingEvent> stale = new ArrayList<>();
            List<IncomingEvent> toInsert = new ArrayList<>(events.size());
            SnapshotCounters counters = null;
            for (IncomingEvent event : events) {
                if (event.isSnapshot()) {
                    if (counters == null) {
                        counters = new SnapshotCounters(connection, workspaceId);
                    }
                    switch (counters.toDelta(event)) {
                        case DELTA -> toInsert.add(event);
                        case STALE -> stale.add(event);
                        case DUPLICATE -> { }
                    }
                } else {
                    toInsert.add(event);
                }
            }
            if (counters != null) {
                counters.close();
            }
            return new Stored(insert(connection, workspaceId, toInsert), stale);
        } catch (SQLException e) {
            throw new IllegalStateException("Storing engagement events failed", e);
        }
    }

    private static int insert(Connection connection, String workspaceId, List<IncomingEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return 0;
        }
        int n = events.size();
        Object[] eventIds = new Object[n];
        Object[] publicationIds = new Object[n];
        Object[] types = new Object[n];
        Object[] occurredAt = new Object[n];
        Object[] hours = new Object[n];
        Object[] counts = new Object[n];
        Object[] actorMemberIds = new Object[n];
        Object[] actorHandles = new Object[n];
        Object[] networks = new Object[n];
        Object[] channels = new Object[n];
        for (int i = 0; i < n; i++) {
            IncomingEvent event = events.get(i);
            eventIds[i] = event.eventId;
            publicationIds[i] = event.publication.id();
            types[i] = event.type;
            occurredAt[i] = Timestamp.from(event.occurredAt);
            hours[i] = Timestamp.from(EventPartitions.hourOf(event.occurredAt));
            counts[i] = event.count;
            actorMemberIds[i] = event.actorMemberId;
            actorHandles[i] = event.actorHandle;
            networks[i] = event.publication.network();
            channels[i] = event.publication.channelId();
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setArray(1, connection.createArrayOf("text", eventIds));
            insert.setArray(2, connection.createArrayOf("uuid", publicationIds));
            insert.setArray(3, connection.createArrayOf("text", types));
            insert.setArray(4, connection.createArrayOf("timestamptz", occurredAt));
            insert.setArray(5, connection.createArrayOf("timestamptz", hours));
            insert.setArray(6, connection.createArrayOf("int8", counts));
            insert.setArray(7, connection.createArrayOf("uuid", actorMemberIds));
            insert.setArray(8, connection.createArrayOf("text", actorHandles));
            insert.setArray(9, connection.createArrayOf("text", networks));
            insert.setArray(10, connection.createArrayOf("uuid", channels));
            for (int parameter = 11; parameter <= 16; parameter++) {
                insert.setString(parameter, workspaceId);
            }
            try (ResultSet result = insert.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }
}
