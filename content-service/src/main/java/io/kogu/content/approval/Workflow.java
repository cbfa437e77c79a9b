package io.kogu.content.approval;

import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.problem.ProblemType;

import java.util.List;
import java.util.Map;

/**
 * The life of a draft: which moves each state allows. {@code draft} → {@code in_review} →
 * {@code changes_requested} or {@code approved} → {@code scheduled} → {@code published}/{@code failed};
 * {@code archived} from anywhere. Where a move leads is decided by {@link ReviewService} (it depends on the
 * policy and the approvals so far).
 */
public final class Workflow {

    public static final String DRAFT = "draft";
    public static final String IN_REVIEW = "in_review";
    public static final String CHANGES_REQUESTED = "changes_requested";
    public static final String APPROVED = "approved";
    public static final String SCHEDULED = "scheduled";
    public static final String PUBLISHED = "published";
    public static final String FAILED = "failed";
    public static final String ARCHIVED = "archived";

    public static final String EDIT = "edit";
    public static final String SUBMIT = "submit";
    public static final String APPROVE = "approve";
    public static final String REQUEST_CHANGES = "request_changes";
    public static final String SCHEDULE = "schedule";
    public static final String UNSCHEDULE = "unschedule";
    public static final String ARCHIVE = "archive";

    private static final Map<String, List<String>> ALLOWED = Map.of(
            DRAFT, List.of(EDIT, SUBMIT, ARCHIVE),
            CHANGES_REQUESTED, List.of(EDIT, SUBMIT, ARCHIVE),
            IN_REVIEW, List.of(EDIT, APPROVE, REQUEST_CHANGES, ARCHIVE),
            APPROVED, List.of(EDIT, SCHEDULE, ARCHIVE),
            SCHEDULED, List.of(EDIT, UNSCHEDULE, SCHEDULE, ARCHIVE),
            // A failed publication can be corrected and scheduled again.
            FAILED, List.of(EDIT, SCHEDULE, ARCHIVE),
            PUBLISHED, List.of(ARCHIVE),
            ARCHIVED, List.of());

    private Workflow() {
    }

    public static List<String> allowedActions(String status) {
        return ALLOWED.getOrDefault(status, List.of());
    }

    /** 409 listing the allowed moves when {@code action} is not one of them. */
    public static void requireAllowed(String status, String action) {
        List<String> allowed = allowedActions(status);
        if (!allowed.contains(action)) {
            throw new ProblemException(ProblemType.CONFLICT,
                    "A draft that is " + status + " cannot " + action.replace('_', ' ') + "; allowed now: "
                            + (allowed.isEmpty() ? "nothing" : String.join(", ", allowed)),
                    allowed.stream().map(a -> new FieldError("allowedActions", a)).toList());
        }
    }
}
