package io.kogu.content.approval;

import io.kogu.content.time.Clocks;
import io.kogu.content.draft.Draft;
import io.kogu.content.draft.DraftService;
import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.problem.ProblemType;
import io.kogu.platform.web.Keyset;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.PageCursor;
import io.kogu.platform.web.Versions;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** How a draft moves through review: submit, approve, request changes, archive; and what an edit undoes. */
@ApplicationScoped
public class ReviewService {

    @Inject
    Clock clock;

    @Inject
    DraftService drafts;

    @Inject
    ApprovalPolicyService policies;

    @Inject
    History history;

    @Inject
    Event<Unscheduling> unscheduling;

    @Inject
    DraftWebhooks draftWebhooks;

    /** Sent inside the transaction when a draft leaves {@code scheduled}: its schedules must go. */
    public record Unscheduling(Draft draft) {
    }

    @Transactional
    public Draft submit(String workspaceId, UUID id, String ifMatch, String actor, String comment) {
        Draft draft = changing(workspaceId, id, ifMatch, Workflow.SUBMIT);
        drafts.requirePublishable(draft);
        ApprovalPolicy policy = policies.get(workspaceId);
        draft.approvedBy = new ArrayList<>();
        history.move(draft, Workflow.SUBMIT, policy.approvalRequired ? Workflow.IN_REVIEW : Workflow.APPROVED, actor, comment);
        draftWebhooks.submitted(draft, actor, comment);
        return saved(draft);
    }

    @Transactional
    public Draft approve(String workspaceId, UUID id, String ifMatch, String actor, String comment) {
        Draft draft = changing(workspaceId, id, ifMatch, Workflow.APPROVE);
        if (actor.equals(draft.createdBy)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "The author of a draft cannot approve it; ask another approver");
        }
        // Separation of duties: whoever saved any revision of the content (an edit, a restore) wrote part of
        // what is under review, and cannot approve it either.
        Integer edited = drafts.lastRevisionBy(draft, actor);
        if (edited != null) {
            throw new ProblemException(ProblemType.FORBIDDEN, "You edited this content (revision " + edited
                    + "), so you cannot approve it; ask an approver who did not write it");
        }
        if (draft.approvedBy.contains(actor)) {
            throw new ProblemException(ProblemType.CONFLICT, "You approved this content already; another approver must",
                    List.of(new FieldError("approvedBy", "already holds " + actor)));
        }
        List<String> approvers = new ArrayList<>(draft.approvedBy);
        approvers.add(actor);
        draft.approvedBy = approvers;
        ApprovalPolicy policy = policies.get(workspaceId);
        boolean enough = !policy.approvalRequired || approvers.size() >= policy.requiredApprovals;
        history.move(draft, Workflow.APPROVE, enough ? Workflow.APPROVED : Workflow.IN_REVIEW, actor, comment);
        draftWebhooks.approved(draft, actor, comment);
        return saved(draft);
    }

    @Transactional
    public Draft requestChanges(String workspaceId, UUID id, String ifMatch, String actor, String comment) {
        if (comment == null || comment.isBlank()) {
            throw ProblemException.invalid("comment", "say what the author should change");
        }
        Draft draft = changing(workspaceId, id, ifMatch, Workflow.REQUEST_CHANGES);
        draft.approvedBy = new ArrayList<>();
        history.move(draft, Workflow.REQUEST_CHANGES, Workflow.CHANGES_REQUESTED, actor, comment);
        draftWebhooks.changesRequested(draft, actor, comment);
        return saved(draft);
    }

    @Transactional
    public Draft archive(String workspaceId, UUID id, String ifMatch, String actor, String comment) {
        Draft draft = changing(workspaceId, id, ifMatch, Workflow.ARCHIVE);
        if (Workflow.SCHEDULED.equals(draft.status) || Workflow.FAILED.equals(draft.status)) {
            unscheduling.fire(new Unscheduling(draft));
        }
        history.move(draft, Workflow.ARCHIVE, Workflow.ARCHIVED, actor, comment);
        return saved(draft);
    }

    /**
     * Called by every change of the content, before it is saved: reviewed content that changes must be
     * reviewed again. An approved or scheduled draft goes back to review (and is unscheduled); a draft in
     * review forgets the approvals given so far.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void contentChanging(Draft draft, String actor) {
        Workflow.requireAllowed(draft.status, Workflow.EDIT);
        if (Workflow.FAILED.equals(draft.status)) {
            // What is still waiting of a failed draft's schedule must not go out once its content changes.
            unscheduling.fire(new Unscheduling(draft));
        }
        if (Workflow.APPROVED.equals(draft.status) || Workflow.SCHEDULED.equals(draft.status)) {
            if (Workflow.SCHEDULED.equals(draft.status)) {
                unscheduling.fire(new Unscheduling(draft));
            }
            draft.approvedBy = new ArrayList<>();
            boolean required = policies.get(draft.workspaceId).approvalRequired;
            history.move(draft, Workflow.EDIT, required ? Workflow.IN_REVIEW : Workflow.DRAFT, actor,
                    "The reviewed content changed");
        } else if (Workflow.IN_REVIEW.equals(draft.status) && !draft.approvedBy.isEmpty()) {
            draft.approvedBy = new ArrayList<>();
            history.record(draft, "approval_reset", draft.status, draft.status, actor,
                    "The content changed after approvals; they must be given again");
        }
    }

    @Transactional
    public DraftComment comment(String workspaceId, UUID draftId, String author, String body) {
        drafts.get(workspaceId, draftId);
        DraftComment comment = new DraftComment();
        comment.id = UUID.randomUUID();
        comment.draftId = draftId;
        comment.workspaceId = workspaceId;
        comment.author = author;
        comment.body = body;
        comment.createdAt = Clocks.now(clock);
        comment.persist();
        return comment;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<DraftComment> comments(String workspaceId, UUID draftId, Keyset keyset) {
        drafts.get(workspaceId, draftId);
        return keyset.find("draftId = :draft", Parameters.with("draft", draftId), "",
                (q, values) -> DraftComment.<DraftComment>find(q, values),
                c -> new PageCursor(c.createdAt, c.id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<DraftTransition> history(String workspaceId, UUID draftId, Keyset keyset) {
        drafts.get(workspaceId, draftId);
        return history.of(draftId, keyset);
    }

    private Draft changing(String workspaceId, UUID id, String ifMatch, String action) {
        Draft draft = drafts.get(workspaceId, id);
        Versions.requireMatch(ifMatch, draft.version);
        Workflow.requireAllowed(draft.status, action);
        return draft;
    }

    private Draft saved(Draft draft) {
        draft.updatedAt = Clocks.now(clock);
        draft.flush();
        return draft;
    }
}
