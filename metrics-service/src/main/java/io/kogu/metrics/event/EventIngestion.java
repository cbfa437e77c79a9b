package io.kogu.metrics.event;

import io.agroal.api.AgroalDataSource;
import io.kogu.platform.sql.CopyRows;
import io.kogu.platform.text.Handles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Stores a batch of events in one transaction: counter snapshots become deltas first, then the raw events go
 * into {@code engagement_event}, whose unique index (workspace, event id, occurred at) in each weekly partition
 * keeps every event once. The rollups take the new events in one of two ways ({@link Rollups}): in the same
 * statement ({@link Rollups#NOW}: JSON requests, which read their own writes), or as deltas queued for
 * {@link RollupBacklog} ({@link Rollups#QUEUED}: NDJSON streams). A stream's batch is first sent with {@code COPY}
 * (rows and queued deltas), the cheapest way in; only when that meets an event stored before (a retried stream)
 * is the batch stored by the statement that skips duplicates instead.
 */
@ApplicationScoped
public class EventIngestion {

    /**
     * The advisory lock key of a workspace's erasures, given the SQL parameter that holds the workspace id. Each
     * batch holds it shared; member erasure takes it exclusively, so that it waits for the batches in flight and
     * then sees their events.
     */
    public static String erasureLock(String workspaceParameter) {
        return "hashtext('member_erasure:' || " + workspaceParameter + ")";
    }

    /** When the rollups take in a batch's events. */
    public enum Rollups { NOW, QUEUED }

    /** Stores the raw events that were not stored before; {@code kept} holds the new ones, {@code stored} counts them. */
    private static final String STORE = """
            with input as (
                select ?::text as workspace_id, e.*
                from unnest(?::text[], ?::uuid[], ?::text[], ?::text[]::timestamptz[], ?::text[]::timestamptz[], ?::bigint[],
                            ?::uuid[], ?::text[], ?::text[], ?::uuid[])
                    as e(event_id, publication_id, type, occurred_at, hour, count, actor_member_id, actor_handle,
                         network, channel_id)
            ), stored as (
                insert into engagement_event (workspace_id, event_id, publication_id, type, occurred_at, count,
                                              actor_member_id, actor_handle, actor_network)
                select workspace_id, event_id, publication_id, type, occurred_at, count, actor_member_id,
                       actor_handle, case when actor_handle is null then null else network end
                from input
                on conflict (workspace_id, event_id, occurred_at) do nothing
                returning event_id, occurred_at
            ), kept as (
                select i.* from input i join stored s on s.event_id = i.event_id and s.occurred_at = i.occurred_at
            )""";

    /** The raw events of a stream's batch, by COPY. */
    private static final String EVENT_COLUMNS = "engagement_event (workspace_id, event_id, publication_id, type, "
            + "occurred_at, count, actor_member_id, actor_handle, actor_network)";

    /** The rollup deltas of a stream's batch, by COPY: a row of parallel arrays per {@link #DELTAS_PER_ROW} deltas. */
    private static final String BACKLOG_COLUMNS = "rollup_backlog (workspace_id, deltas, publication_ids, types, hours, "
            + "channel_ids, networks, actor_member_ids, totals)";

    /**
     * Deltas per backlog row (V12): few rows for a bulk stream, and rows small enough that the applier's chunk while
     * a stream is written (2,000 deltas) stays small.
     */
    static final int DELTAS_PER_ROW = 1000;

    /** The SQLSTATE of a unique violation: the COPY met an event stored before. */
    private static final String UNIQUE_VIOLATION = "23505";

    private static final String STORE_AND_ROLL_UP = STORE + """
            , deltas as (
                select workspace_id, publication_id, type, hour, channel_id, network, actor_member_id, count as total
                from kept
            )""" + RollupBacklog.ROLL_UP + """
            select count(*) from stored""";

    private static final String STORE_AND_QUEUE = STORE + """
            , summed as (
                select workspace_id, publication_id, type, hour, channel_id, network, actor_member_id,
                       sum(count) as total, (row_number() over () - 1) / %d as part
                from kept
                group by workspace_id, publication_id, type, hour, channel_id, network, actor_member_id
            ), queued as (
                insert into rollup_backlog (workspace_id, deltas, publication_ids, types, hours, channel_ids, networks,
                                            actor_member_ids, totals)
                select workspace_id, count(*), array_agg(publication_id), array_agg(type), array_agg(hour),
                       array_agg(channel_id), array_agg(network), array_agg(actor_member_id), array_agg(total)
                from summed
                group by workspace_id, part
            )
            select count(*) from stored""".formatted(DELTAS_PER_ROW);

    /** What became of a batch: how many were stored, and the snapshots rejected as stale. */
    public record Stored(int accepted, List<IncomingEvent> stale) {
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    io.kogu.platform.outbox.Outbox outbox;

    /**
     * Stores the events, whose event ids are distinct; answers how many were new (the others were duplicates)
     * and which snapshots were older than the latest one seen.
     */
    @Transactional
    public Stored store(String workspaceId, List<IncomingEvent> events, Rollups rollups) {
        if (events.isEmpty()) {
            return new Stored(0, List.of());
        }
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement lock = connection.prepareStatement(
                    "select pg_advisory_xact_lock_shared(" + erasureLock("?") + ")")) {
                lock.setString(1, workspaceId);
                lock.executeQuery().close();
            }
            List<IncomingEvent> stale = new ArrayList<>();
            List<IncomingEvent> toInsert = new ArrayList<>(events.size());
            List<IncomingEvent> snapshots = events.stream().filter(IncomingEvent::isSnapshot).toList();
            try (SnapshotCounters counters = snapshots.isEmpty() ? null
                    : new SnapshotCounters(connection, workspaceId, snapshots)) {
                for (IncomingEvent event : events) {
                    if (!event.isSnapshot()) {
                        toInsert.add(event);
                        continue;
                    }
                    switch (counters.toDelta(event)) {
                        case DELTA -> toInsert.add(event);
                        case STALE -> stale.add(event);
                        case DUPLICATE -> { }
                    }
                }
            }
            List<IncomingEvent> kept = unattributeErased(connection, workspaceId, toInsert);
            int accepted = insert(connection, workspaceId, kept, rollups);
            tellAudience(workspaceId, kept);
            return new Stored(accepted, stale);
        } catch (SQLException e) {
            throw new IllegalStateException("Storing engagement events failed", e);
        }
    }

    /**
     * The events with the actor removed from those whose actor was erased in the workspace before (by member
     * id, or by handle on the event's network, matched as audience-service matches handles): erasure wins over
     * events that arrive after it. Runs under the workspace's erasure lock, so an erasure is either seen here
     * or waits for this batch and then reaches what it stores.
     */
    static List<IncomingEvent> unattributeErased(Connection connection, String workspaceId, List<IncomingEvent> events)
            throws SQLException {
        Set<UUID> memberIds = new HashSet<>();
        Set<String> handleKeys = new HashSet<>();
        for (IncomingEvent event : events) {
            if (event.actorMemberId != null) {
                memberIds.add(event.actorMemberId);
            }
            if (event.actorHandle != null) {
                handleKeys.add(HexFormat.of().formatHex(Handles.key(event.publication.network(), event.actorHandle)));
                handleKeys.add(HexFormat.of().formatHex(Handles.legacyKey(event.actorHandle)));
            }
        }
        if (memberIds.isEmpty() && handleKeys.isEmpty()) {
            return events;
        }
        Set<UUID> erasedMembers = new HashSet<>();
        Set<String> erasedHandles = new HashSet<>();
        try (PreparedStatement members = connection.prepareStatement("""
                select member_id from member_erasure where workspace_id = ? and member_id = any(?::uuid[])""");
             PreparedStatement handles = connection.prepareStatement("""
                     select network || ':' || encode(handle_key, 'hex') from erased_handle
                     where workspace_id = ? and handle_key in (select decode(k, 'hex') from unnest(?::text[]) as k)""")) {
            members.setString(1, workspaceId);
            members.setArray(2, connection.createArrayOf("uuid", memberIds.toArray()));
            try (ResultSet rows = members.executeQuery()) {
                while (rows.next()) {
                    erasedMembers.add(rows.getObject(1, UUID.class));
                }
            }
            handles.setString(1, workspaceId);
            handles.setArray(2, connection.createArrayOf("text", handleKeys.toArray()));
            try (ResultSet rows = handles.executeQuery()) {
                while (rows.next()) {
                    erasedHandles.add(rows.getString(1));
                }
            }
        }
        if (erasedMembers.isEmpty() && erasedHandles.isEmpty()) {
            return events;
        }
        List<IncomingEvent> kept = new ArrayList<>(events.size());
        for (IncomingEvent event : events) {
            boolean erased = (event.actorMemberId != null && erasedMembers.contains(event.actorMemberId))
                    || (event.actorHandle != null && (erasedHandles.contains(event.publication.network() + ":"
                    + HexFormat.of().formatHex(Handles.key(event.publication.network(), event.actorHandle)))
                    || erasedHandles.contains(event.publication.network() + ":"
                    + HexFormat.of().formatHex(Handles.legacyKey(event.actorHandle)))));
            kept.add(erased ? event.withoutActor() : event);
        }
        return kept;
    }

    /**
     * The members whose events this batch stored are told to audience-service (lane collect, issue 12), through the
     * outbox in this transaction: {@link AudienceEngagement} counts their engagement when it delivers.
     */
    private void tellAudience(String workspaceId, List<IncomingEvent> events) {
        java.util.Set<String> members = new java.util.LinkedHashSet<>();
        for (IncomingEvent event : events) {
            if (event.actorMemberId != null) {
                members.add(event.actorMemberId.toString());
            }
        }
        if (!members.isEmpty()) {
            outbox.write(UUID.randomUUID(), workspaceId, AudienceEngagement.EVENT_TYPE,
                    java.util.Map.of("memberIds", List.copyOf(members)));
        }
    }

    /**
     * Instants as ISO-8601 text in UTC ({@code 2025-03-01T10:00:00Z}), which PostgreSQL reads as the same instant
     * whatever the session's or the JVM's time zone. (A {@code Timestamp[]} is rendered by the driver in the JVM's
     * default zone without offset, so it was right only when that zone was UTC.)
     */
    static String[] instants(List<Instant> instants) {
        return instants.stream().map(Instant::toString).toArray(String[]::new);
    }

    /**
     * Rows in the order of their identity: concurrent batches (two of one stream, or two streams) that hold some of
     * the same events then wait for each other's rows in the same order, never in a cycle (a deadlock); and a batch's
     * inserts into the identity index (event id first, V13) go to neighbouring pages one after the other.
     */
    private static final java.util.Comparator<IncomingEvent> IDENTITY_ORDER = (one, other) -> {
        int byId = one.eventId.compareTo(other.eventId);
        return byId != 0 ? byId : one.occurredAt.compareTo(other.occurredAt);
    };

    private static int insert(Connection connection, String workspaceId, List<IncomingEvent> unordered, Rollups rollups)
            throws SQLException {
        if (unordered.isEmpty()) {
            return 0;
        }
        List<IncomingEvent> events = new ArrayList<>(unordered);
        events.sort(IDENTITY_ORDER);
        if (rollups == Rollups.QUEUED && copyIfAllNew(connection, workspaceId, events)) {
            return events.size();
        }
        int n = events.size();
        Object[] eventIds = new Object[n];
        Object[] publicationIds = new Object[n];
        Object[] types = new Object[n];
        List<Instant> occurredAt = new ArrayList<>(n);
        List<Instant> hours = new ArrayList<>(n);
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
            occurredAt.add(event.occurredAt);
            hours.add(EventPartitions.hourOf(event.occurredAt));
            counts[i] = event.count;
            actorMemberIds[i] = event.actorMemberId;
            // Stored in the form every service matches handles in (Handles), so that erasure finds it whatever
            // spelling the network or the caller used.
            actorHandles[i] = storedHandle(event);
            networks[i] = event.publication.network();
            channels[i] = event.publication.channelId();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                rollups == Rollups.NOW ? STORE_AND_ROLL_UP : STORE_AND_QUEUE)) {
            insert.setString(1, workspaceId);
            insert.setArray(2, connection.createArrayOf("text", eventIds));
            insert.setArray(3, connection.createArrayOf("uuid", publicationIds));
            insert.setArray(4, connection.createArrayOf("text", types));
            insert.setArray(5, connection.createArrayOf("text", instants(occurredAt)));
            insert.setArray(6, connection.createArrayOf("text", instants(hours)));
            insert.setArray(7, connection.createArrayOf("int8", counts));
            insert.setArray(8, connection.createArrayOf("uuid", actorMemberIds));
            insert.setArray(9, connection.createArrayOf("text", actorHandles));
            insert.setArray(10, connection.createArrayOf("text", networks));
            insert.setArray(11, connection.createArrayOf("uuid", channels));
            try (ResultSet result = insert.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    /** What a queued delta adds to: the publication (with its channel and network), type, hour and actor. */
    private record DeltaKey(PublicationDirectory.Entry publication, String type, Instant hour, UUID actorMemberId) {

        /** Spread well: the record's own hash put whole batches of a stream into a few of the map's bins. */
        @Override
        public int hashCode() {
            long mixed = publication.id().getLeastSignificantBits() * 0x9E3779B97F4A7C15L
                    + hour.getEpochSecond() * 0xC2B2AE3D27D4EB4FL + type.hashCode() * 31L
                    + (actorMemberId == null ? 0 : actorMemberId.hashCode());
            return Long.hashCode(mixed ^ (mixed >>> 29));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof DeltaKey key && publication.equals(key.publication) && type.equals(key.type)
                    && hour.equals(key.hour) && java.util.Objects.equals(actorMemberId, key.actorMemberId);
        }
    }

    /**
     * Sends the batch's events and their rollup deltas (summed per publication, type, hour and actor) with COPY,
     * under a savepoint. Answers false, having stored nothing, when the unique index found an event stored
     * before: the batch then goes through the statement that skips duplicates.
     */
    private static boolean copyIfAllNew(Connection connection, String workspaceId, List<IncomingEvent> events)
            throws SQLException {
        CopyRows rows = new CopyRows(EVENT_COLUMNS);
        Map<DeltaKey, long[]> deltas = new HashMap<>();
        for (IncomingEvent event : events) {
            String handle = storedHandle(event);
            rows.row(workspaceId, event.eventId, event.publication.id(), event.type, event.occurredAt, event.count,
                    event.actorMemberId, handle, handle == null ? null : event.publication.network());
            deltas.computeIfAbsent(new DeltaKey(event.publication, event.type,
                    EventPartitions.hourOf(event.occurredAt), event.actorMemberId), key -> new long[1])[0] += event.count;
        }
        try (Statement savepoint = connection.createStatement()) {
            savepoint.execute("savepoint stream_copy");
            try {
                rows.copy(connection);
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                savepoint.execute("rollback to savepoint stream_copy");
                return false;
            }
            savepoint.execute("release savepoint stream_copy");
        }
        queue(connection, workspaceId, deltas);
        return true;
    }

    /** The deltas into the backlog with one COPY, {@link #DELTAS_PER_ROW} to a row of parallel arrays. */
    private static void queue(Connection connection, String workspaceId, Map<DeltaKey, long[]> deltas)
            throws SQLException {
        CopyRows backlog = new CopyRows(BACKLOG_COLUMNS);
        List<Map.Entry<DeltaKey, long[]>> all = new ArrayList<>(deltas.entrySet());
        for (int from = 0; from < all.size(); from += DELTAS_PER_ROW) {
            List<Map.Entry<DeltaKey, long[]>> row = all.subList(from, Math.min(from + DELTAS_PER_ROW, all.size()));
            backlog.row(workspaceId, row.size(),
                    CopyRows.ArrayOf.uuid(column(row, key -> key.publication().id())),
                    CopyRows.ArrayOf.text(column(row, DeltaKey::type)),
                    CopyRows.ArrayOf.timestamptz(column(row, DeltaKey::hour)),
                    CopyRows.ArrayOf.uuid(column(row, key -> key.publication().channelId())),
                    CopyRows.ArrayOf.text(column(row, key -> key.publication().network())),
                    CopyRows.ArrayOf.uuid(column(row, DeltaKey::actorMemberId)),
                    CopyRows.ArrayOf.bigint(row.stream().map(delta -> delta.getValue()[0]).toList()));
        }
        backlog.copy(connection);
    }

    /** One of the deltas' keys' parts, in the deltas' order (nulls kept). */
    private static <T> List<T> column(List<Map.Entry<DeltaKey, long[]>> deltas,
                                      java.util.function.Function<DeltaKey, T> part) {
        return deltas.stream().map(delta -> part.apply(delta.getKey())).toList();
    }

    /**
     * The actor's handle in the form every service matches handles in ({@link Handles}), so that erasure finds it
     * whatever spelling the network or the caller used.
     */
    private static String storedHandle(IncomingEvent event) {
        return event.actorHandle == null ? null : Handles.normalize(event.publication.network(), event.actorHandle);
    }
}
