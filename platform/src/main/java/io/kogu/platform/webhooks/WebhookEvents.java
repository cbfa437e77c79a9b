package io.kogu.platform.webhooks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalogue of webhook event types (contract: common.yaml {@code WebhookEventType}): each type, what it means
 * and the schema of its {@code data}. A service sends the subset named in {@code kogu.webhooks.event-types}.
 */
public final class WebhookEvents {

    public static final String DRAFT_SUBMITTED = "draft.submitted";
    public static final String DRAFT_APPROVED = "draft.approved";
    public static final String DRAFT_CHANGES_REQUESTED = "draft.changes_requested";
    public static final String DRAFT_SCHEDULED = "draft.scheduled";
    public static final String PUBLICATION_PUBLISHED = "publication.published";
    public static final String PUBLICATION_FAILED = "publication.failed";
    public static final String PUBLICATION_UNCONFIRMED = "publication.unconfirmed";
    public static final String MEMBER_CREATED = "member.created";
    public static final String MEMBER_ERASED = "member.erased";
    public static final String SEGMENT_SIZE_CHANGED = "segment.size_changed";
    public static final String IMPORT_FINISHED = "import.finished";
    public static final String REPORT_DELIVERED = "report.delivered";
    public static final String ALERT_RAISED = "alert.raised";
    public static final String MONITOR_MATCHED = "monitor.matched";

    /** What a type means, and the contract schema of its data. */
    public record Type(String type, String description, String dataSchema) {
    }

    public static final Map<String, Type> ALL;

    static {
        Map<String, Type> all = new LinkedHashMap<>();
        for (Type type : List.of(
                new Type(DRAFT_SUBMITTED, "A draft was submitted for review.", "WebhookDraftData"),
                new Type(DRAFT_APPROVED, "A draft got the approvals its policy needs.", "WebhookDraftData"),
                new Type(DRAFT_CHANGES_REQUESTED, "A reviewer asked for changes to a draft.", "WebhookDraftData"),
                new Type(DRAFT_SCHEDULED, "A draft was scheduled on one or more channels.", "WebhookDraftData"),
                new Type(PUBLICATION_PUBLISHED, "A publication is live on its network.", "WebhookPublicationData"),
                new Type(PUBLICATION_FAILED, "A publication failed and will not be retried by itself.", "WebhookPublicationData"),
                new Type(PUBLICATION_UNCONFIRMED, "Whether a publication went out is unknown; a person must check.",
                        "WebhookPublicationData"),
                new Type(MEMBER_CREATED, "A member was added (through the API or an import).", "WebhookMemberData"),
                new Type(MEMBER_ERASED, "A member was erased (right to erasure).", "WebhookMemberData"),
                new Type(SEGMENT_SIZE_CHANGED, "A segment's member count changed when it was counted.", "WebhookSegmentSizeData"),
                new Type(IMPORT_FINISHED, "An import job ended (succeeded, failed or cancelled).", "WebhookImportData"),
                new Type(REPORT_DELIVERED, "A report subscription's report for a period was made and stored.",
                        "WebhookReportData"),
                new Type(ALERT_RAISED, "An alert rule's metric broke out of its usual level for that hour of the week.",
                        "WebhookAlertData"),
                new Type(MONITOR_MATCHED, "A listening monitor matched a new story.", "WebhookMonitorData"))) {
            all.put(type.type(), type);
        }
        ALL = java.util.Collections.unmodifiableMap(all);
    }

    private WebhookEvents() {
    }
}
