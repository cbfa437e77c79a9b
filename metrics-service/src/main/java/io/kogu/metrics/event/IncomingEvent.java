package io.kogu.metrics.event;

import java.time.Instant;
import java.util.UUID;

/**
 * An event that passed validation, with its publication resolved. {@code count} is the delta to store; for a
 * snapshot ({@code total} not null) it is computed from the previous snapshot when the batch is stored.
 */
final class IncomingEvent {

    final int index;
    final String eventId;
    final String type;
    final Instant occurredAt;
    final Long total;
    UUID actorMemberId;
    final String actorHandle;
    long count;
    PublicationDirectory.Entry publication;

    IncomingEvent(int index, String eventId, String type, Instant occurredAt, long count, Long total,
                  UUID actorMemberId, String actorHandle) {
        this.index = index;
        this.eventId = eventId;
        this.type = type;
        this.occurredAt = occurredAt;
        this.count = count;
        this.total = total;
        this.actorMemberId = actorMemberId;
        this.actorHandle = actorHandle;
    }

    /** The same event without actor (its actor was erased): it still counts, it names nobody. */
    IncomingEvent withoutActor() {
        IncomingEvent copy = new IncomingEvent(index, eventId, type, occurredAt, count, total, null, null);
        copy.publication = publication;
        return copy;
    }

    /**
     * An event's identity, which counts once per workspace: its sender's id at its time (a retry sends both
     * again; V11 keeps it unique in each weekly partition).
     */
    static Identity identity(String eventId, Instant occurredAt) {
        return new Identity(eventId, occurredAt);
    }

    /** See {@link #identity}: a key for sets (no text made per event: a stream checks a million of them). */
    record Identity(String eventId, Instant occurredAt) {

        /**
         * Spread well: the record's own hash (31 × the id's + the instant's) made ids that differ by a few characters
         * and instants hours apart collide, and a stream's set of identities grew bins of trees.
         */
        @Override
        public int hashCode() {
            long mixed = eventId.hashCode() * 0x9E3779B97F4A7C15L
                    + (occurredAt.getEpochSecond() * 1_000_000_000L + occurredAt.getNano()) * 0xC2B2AE3D27D4EB4FL;
            return Long.hashCode(mixed ^ (mixed >>> 29));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Identity identity && eventId.equals(identity.eventId)
                    && occurredAt.equals(identity.occurredAt);
        }
    }

    boolean isSnapshot() {
        return total != null;
    }
}
