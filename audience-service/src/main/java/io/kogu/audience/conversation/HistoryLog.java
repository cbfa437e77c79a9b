package io.kogu.audience.conversation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/** Writes the history entries of a conversation: every change, who made it, and whether a rule did it. */
@ApplicationScoped
public class HistoryLog {

    /** Actions whose entries {@code …/history/{entryId}/undo} can reverse. */
    public static final Set<String> UNDOABLE = Set.of(
            "state", "assignee", "priority", "tag_added", "tag_removed", "spam", "hidden");

    private final AtomicReference<Instant> last = new AtomicReference<>(Instant.EPOCH);

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public HistoryEntry write(Conversation conversation, String action, String actor, boolean automated,
                              String from, String to, UUID itemId) {
        HistoryEntry entry = new HistoryEntry();
        entry.id = UUID.randomUUID();
        entry.workspaceId = conversation.workspaceId;
        entry.conversationId = conversation.id;
        entry.action = action;
        entry.actor = actor;
        entry.automated = automated;
        entry.fromValue = from;
        entry.toValue = to;
        entry.itemId = itemId;
        entry.createdAt = now();
        entry.persist();
        return entry;
    }

    /**
     * Now, to the microsecond the database keeps, and always after the previous stamp of this replica: the entries
     * one change writes (a rule's five actions) list in the order they were made, never shuffled by equal times.
     */
    Instant now() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return last.accumulateAndGet(now, (previous, next) -> next.isAfter(previous) ? next : previous.plusNanos(1000));
    }
}
