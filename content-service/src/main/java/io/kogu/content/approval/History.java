package io.kogu.content.approval;

import io.kogu.content.time.Clocks;
import io.kogu.content.draft.Draft;
import io.kogu.platform.security.Caller;
import io.kogu.platform.web.Keyset;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.PageCursor;
import io.quarkus.arc.Arc;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.UUID;

/** Writes and reads the audit history of drafts. Writes join the caller's transaction. */
@ApplicationScoped
public class History {

    @Inject
    Clock clock;

    @Inject
    Instance<Caller> callers;

    /** Moves the draft to {@code to} and records who did it and why. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void move(Draft draft, String action, String to, String actor, String comment) {
        record(draft, action, draft.status, to, actor, comment);
        draft.status = to;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Draft draft, String action, String from, String to, String actor, String comment) {
        DraftTransition transition = new DraftTransition();
        transition.id = UUID.randomUUID();
        transition.draftId = draft.id;
        transition.workspaceId = draft.workspaceId;
        transition.action = action;
        transition.fromStatus = from;
        transition.toStatus = to;
        transition.actor = actor;
        transition.actorName = nameOf(actor);
        transition.comment = comment;
        transition.createdAt = Clocks.now(clock);
        transition.persist();
    }

    /** The name the current request's token gives {@code actor}, when the actor is the caller; else null. */
    private String nameOf(String actor) {
        if (actor == null || !Arc.container().requestContext().isActive()) {
            return null;
        }
        try {
            Caller caller = callers.get();
            return actor.equals(caller.subject()) ? caller.name() : null;
        } catch (RuntimeException noToken) {
            // A request without a token (a background job's context): nobody's name to keep.
            return null;
        }
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<DraftTransition> of(UUID draftId, Keyset keyset) {
        return keyset.find("draftId = :draft", Parameters.with("draft", draftId), "",
                (q, values) -> DraftTransition.<DraftTransition>find(q, values),
                t -> new PageCursor(t.createdAt, t.id));
    }
}
