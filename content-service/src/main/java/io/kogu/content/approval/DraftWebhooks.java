package io.kogu.content.approval;

import io.kogu.content.draft.Draft;
import io.kogu.content.publish.Publication;
import io.kogu.platform.webhooks.WebhookEvents;
import io.kogu.platform.webhooks.Webhooks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The draft.* webhook events (WebhookDraftData), in the transaction of the move: submitted (and approved when the
 * workspace needs no approval), approved once the policy's approvals are there, changes requested, scheduled.
 */
@ApplicationScoped
public class DraftWebhooks {

    @Inject
    Webhooks webhooks;

    @Transactional(Transactional.TxType.MANDATORY)
    public void submitted(Draft draft, String actor, String comment) {
        emit(WebhookEvents.DRAFT_SUBMITTED, draft, actor, comment);
        approved(draft, actor, comment);
    }

    /** After an approval: the event only once the draft is approved (a partial approval sends nothing). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void approved(Draft draft, String actor, String comment) {
        if (Workflow.APPROVED.equals(draft.status)) {
            emit(WebhookEvents.DRAFT_APPROVED, draft, actor, comment);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void changesRequested(Draft draft, String actor, String comment) {
        emit(WebhookEvents.DRAFT_CHANGES_REQUESTED, draft, actor, comment);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void scheduled(Draft draft, String actor, List<Publication> made) {
        Map<String, Object> data = data(draft, actor, null);
        data.put("publications", made.stream().map(p -> Map.of("publicationId", p.id, "channelId", p.channelId,
                "scheduledAt", p.dueAt)).toList());
        webhooks.emit(draft.workspaceId, WebhookEvents.DRAFT_SCHEDULED, data);
    }

    private void emit(String type, Draft draft, String actor, String comment) {
        webhooks.emit(draft.workspaceId, type, data(draft, actor, comment));
    }

    private static Map<String, Object> data(Draft draft, String actor, String comment) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("draftId", draft.id);
        data.put("status", draft.status);
        data.put("actor", actor);
        data.put("comment", comment);
        return data;
    }
}
