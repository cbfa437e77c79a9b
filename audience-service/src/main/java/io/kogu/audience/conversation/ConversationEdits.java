package io.kogu.audience.conversation;

import io.kogu.audience.outbox.NetworkHiding;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The changes one can make to a conversation, each written to its history with who made it: by a person (PATCH),
 * by a moderation rule, or by an undo. The one place that knows what a change implies (closing stamps the
 * resolution time; reopening clears it).
 */
@ApplicationScoped
public class ConversationEdits {

    @Inject
    HistoryLog history;

    @Inject
    NetworkHiding networkHiding;

    @Transactional(Transactional.TxType.MANDATORY)
    public HistoryEntry state(Conversation c, String state, String actor, boolean automated) {
        if (state.equals(c.state)) {
            return null;
        }
        HistoryEntry entry = history.write(c, "state", actor, automated, c.state, state, null);
        c.state = state;
        c.closedAt = Conversation.CLOSED.equals(state) ? history.now() : null;
        touch(c);
        return entry;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public HistoryEntry assignee(Conversation c, String assignee, String actor, boolean automated) {
        if (Objects.equals(assignee, c.assignee)) {
            return null;
        }
        HistoryEntry entry = history.write(c, "assignee", actor, automated, c.assignee, assignee, null);
        c.assignee = assignee;
        touch(c);
        return entry;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public HistoryEntry priority(Conversation c, String priority, String actor, boolean automated) {
        if (priority.equals(c.priority)) {
            return null;
        }
        HistoryEntry entry = history.write(c, "priority", actor, automated, c.priority, priority, null);
        c.priority = priority;
        touch(c);
        return entry;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public HistoryEntry addTag(Conversation c, String tag, String actor, boolean automated) {
        if (c.tags.contains(tag)) {
            return null;
        }
        HistoryEntry entry = history.write(c, "tag_added", actor, automated, null, tag, null);
        List<String> tags = new ArrayList<>(c.tags);
        tags.add(tag);
        c.tags = tags;
        touch(c);
        return entry;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public HistoryEntry removeTag(Conversation c, String tag, String actor, boolean automated) {
        if (!c.tags.contains(tag)) {
            return null;
        }
        HistoryEntry entry = history.write(c, "tag_removed", actor, automated, tag, null, null);
        List<String> tags = new ArrayList<>(c.tags);
        tags.remove(tag);
        c.tags = tags;
        touch(c);
        return entry;
    }

    /** The tags become exactly {@code tags}: one history entry per tag added or removed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void tags(Conversation c, List<String> tags, String actor) {
        for (String tag : List.copyOf(c.tags)) {
            if (!tags.contains(tag)) {
                removeTag(c, tag, actor, false);
            }
        }
        for (String tag : tags) {
            addTag(c, tag, actor, false);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public HistoryEntry spam(Conversation c, boolean spam, String actor, boolean automated) {
        if (spam == c.spam) {
            return null;
        }
        HistoryEntry entry = history.write(c, "spam", actor, automated, Boolean.toString(c.spam), Boolean.toString(spam), null);
        c.spam = spam;
        touch(c);
        return entry;
    }

    /**
     * Hides or shows an item here; with {@code tellNetwork} the network learns it through the outbox (rules and
     * undos run where no remote call may be made; a person's hide asked the network before).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public HistoryEntry hidden(Conversation c, ConversationItem item, boolean hidden, String actor, boolean automated,
                          boolean tellNetwork) {
        if (item.hidden == hidden) {
            return null;
        }
        HistoryEntry entry = history.write(c, "hidden", actor, automated, Boolean.toString(item.hidden), Boolean.toString(hidden), item.id);
        item.hidden = hidden;
        if (tellNetwork) {
            networkHiding.request(item, hidden);
        }
        touch(c);
        return entry;
    }

    /** A change that is not a field of the conversation (a note, a reply) still moves its version and ETag. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void note(Conversation c, String action, String actor, String text, UUID itemId) {
        history.write(c, action, actor, false, null, text, itemId);
        touch(c);
    }

    /** Every change moves updatedAt, and so (@Version) the version and the ETag. */
    void touch(Conversation c) {
        c.updatedAt = history.now();
    }
}
