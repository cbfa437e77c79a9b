package io.kogu.audience.conversation;

import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.problem.ProblemType;
import io.kogu.platform.web.Keyset;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.PageCursor;
import io.kogu.platform.web.Versions;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A conversation's changes, notes, history and undo; every change needs the version the caller read. */
@ApplicationScoped
public class ConversationService {

    @Inject
    ConversationEdits edits;

    @Inject
    HistoryLog history;

    @Transactional(Transactional.TxType.SUPPORTS)
    public Conversation get(String workspaceId, UUID id) {
        return Conversation.<Conversation>find("id = ?1 and workspaceId = ?2", id, workspaceId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("conversation", id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ConversationItem item(String workspaceId, UUID conversationId, UUID itemId) {
        return ConversationItem.<ConversationItem>find("id = ?1 and workspaceId = ?2 and conversationId = ?3", itemId,
                workspaceId, conversationId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("item", itemId));
    }

    @Transactional
    public Conversation change(String workspaceId, UUID id, String ifMatch, ConversationChanges changes, String actor) {
        Conversation c = get(workspaceId, id);
        Versions.requireMatch(ifMatch, c.version);
        if (changes.state() != null) {
            edits.state(c, changes.state(), actor, false);
        }
        if (changes.assignee() != null) {
            edits.assignee(c, changes.assignee().orElse(null), actor, false);
        }
        if (changes.priority() != null) {
            edits.priority(c, changes.priority(), actor, false);
        }
        if (changes.tags() != null) {
            edits.tags(c, changes.tags(), actor);
        }
        if (changes.spam() != null) {
            edits.spam(c, changes.spam(), actor, false);
        }
        Conversation.flush();
        return c;
    }

    @Transactional
    public ConversationNote addNote(String workspaceId, UUID conversationId, String text, String author) {
        Conversation c = get(workspaceId, conversationId);
        ConversationNote note = new ConversationNote();
        note.id = UUID.randomUUID();
        note.workspaceId = workspaceId;
        note.conversationId = c.id;
        note.author = author;
        note.text = text;
        note.createdAt = history.now();
        note.persist();
        edits.note(c, "note", author, null, null);
        return note;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ConversationNote> notes(String workspaceId, UUID conversationId, Keyset keyset) {
        get(workspaceId, conversationId);
        return keyset.find("conversationId = :conversation", Parameters.with("conversation", conversationId), "",
                (q, p) -> ConversationNote.<ConversationNote>find(q, p), n -> new PageCursor(n.createdAt, n.id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<HistoryEntry> history(String workspaceId, UUID conversationId, Keyset keyset) {
        get(workspaceId, conversationId);
        return keyset.find("conversationId = :conversation", Parameters.with("conversation", conversationId), "",
                (q, p) -> HistoryEntry.<HistoryEntry>find(q, p), e -> new PageCursor(e.createdAt, e.id));
    }

    /** The items of a conversation in the order they happened. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ConversationItem> items(String workspaceId, UUID conversationId, Keyset keyset) {
        get(workspaceId, conversationId);
        StringBuilder query = new StringBuilder("conversationId = :conversation");
        Parameters parameters = Parameters.with("conversation", conversationId);
        if (keyset.after() != null) {
            query.append(" and (occurredAt > :at or (occurredAt = :at and id > :id))");
            parameters.and("at", keyset.after().createdAt()).and("id", keyset.after().id());
        }
        List<ConversationItem> rows = ConversationItem.<ConversationItem>find(query + " order by occurredAt, id",
                parameters).range(0, keyset.limit()).list();
        return keyset.page(rows, i -> new PageCursor(i.occurredAt, i.id));
    }

    /** Whether the entry can be undone now: an undoable action, not undone yet, and its change still in place. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean undoable(Conversation c, HistoryEntry entry) {
        if (!HistoryLog.UNDOABLE.contains(entry.action) || entry.undoneAt != null || entry.undoOf != null) {
            return false;
        }
        return switch (entry.action) {
            case "state" -> Objects.equals(c.state, entry.toValue);
            case "assignee" -> Objects.equals(c.assignee, entry.toValue);
            case "priority" -> Objects.equals(c.priority, entry.toValue);
            case "spam" -> Objects.equals(Boolean.toString(c.spam), entry.toValue);
            case "tag_added" -> c.tags.contains(entry.toValue);
            case "tag_removed" -> !c.tags.contains(entry.fromValue);
            case "hidden" -> entry.itemId != null && ConversationItem.<ConversationItem>findByIdOptional(entry.itemId)
                    .map(item -> Objects.equals(Boolean.toString(item.hidden), entry.toValue)).orElse(false);
            default -> false;
        };
    }

    /** Puts back what the entry changed, as a new history entry that names it; the entry is marked undone. */
    @Transactional
    public Conversation undo(String workspaceId, UUID conversationId, UUID entryId, String actor) {
        Conversation c = get(workspaceId, conversationId);
        HistoryEntry entry = HistoryEntry.<HistoryEntry>find("id = ?1 and conversationId = ?2", entryId, c.id)
                .firstResultOptional().orElseThrow(() -> ProblemException.notFound("history entry", entryId));
        if (!undoable(c, entry)) {
            throw new ProblemException(ProblemType.CONFLICT, entry.undoneAt != null
                    ? "This change was undone already"
                    : HistoryLog.UNDOABLE.contains(entry.action)
                    ? "What this entry changed has changed again since; change it directly instead"
                    : "A '" + entry.action + "' entry cannot be undone");
        }
        HistoryEntry undo = switch (entry.action) {
            case "state" -> edits.state(c, entry.fromValue, actor, false);
            case "assignee" -> edits.assignee(c, entry.fromValue, actor, false);
            case "priority" -> edits.priority(c, entry.fromValue, actor, false);
            case "spam" -> edits.spam(c, Boolean.parseBoolean(entry.fromValue), actor, false);
            case "tag_added" -> edits.removeTag(c, entry.toValue, actor, false);
            case "tag_removed" -> edits.addTag(c, entry.fromValue, actor, false);
            case "hidden" -> edits.hidden(c, ConversationItem.findById(entry.itemId),
                    Boolean.parseBoolean(entry.fromValue), actor, false, true);
            default -> throw new IllegalStateException("Not undoable: " + entry.action);
        };
        undo.undoOf = entry.id;
        entry.undoneAt = history.now();
        Conversation.flush();
        return c;
    }
}
