package io.kogu.audience.conversation;

import io.kogu.audience.moderation.AppliedRule;
import io.kogu.audience.moderation.ModerationAction;
import io.kogu.audience.moderation.ModerationDecision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Applies a moderation decision to the conversation of a new item: the classifier's spam verdict, then each
 * rule's actions in order, every change a history entry by "moderation rule &lt;name&gt;" (automated, so undoable:
 * ConversationService.undo).
 */
@ApplicationScoped
public class ModerationActions {

    private static final Logger LOG = Logger.getLogger(ModerationActions.class);
    static final String CLASSIFIER = "moderation classifier";
    static final List<String> PRIORITIES = List.of("low", "normal", "high", "urgent");
    /** The action types of INTERFACES.md C. */
    public static final String MARK_SPAM = "mark_spam";
    public static final String HIDE = "hide";
    public static final String ASSIGN = "assign";
    public static final String TAG = "tag";
    public static final String RAISE_PRIORITY = "raise_priority";
    public static final String ALERT = "alert";

    @Inject
    ConversationEdits edits;

    @Inject
    HistoryLog history;

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(Conversation conversation, ConversationItem item, ModerationDecision decision) {
        if (decision.spam()) {
            edits.spam(conversation, true, CLASSIFIER, true);
        }
        for (AppliedRule rule : decision.rules()) {
            String actor = "moderation rule " + rule.ruleName();
            for (ModerationAction action : rule.actions()) {
                apply(conversation, item, actor, action);
            }
        }
    }

    private void apply(Conversation conversation, ConversationItem item, String actor, ModerationAction action) {
        switch (action.type()) {
            case MARK_SPAM -> edits.spam(conversation, true, actor, true);
            case HIDE -> edits.hidden(conversation, item, true, actor, true, true);
            case ASSIGN -> {
                if (present(action.value())) {
                    edits.assignee(conversation, action.value(), actor, true);
                }
            }
            case TAG -> {
                if (present(action.value())) {
                    edits.addTag(conversation, action.value(), actor, true);
                }
            }
            case RAISE_PRIORITY -> edits.priority(conversation, raised(conversation.priority,
                    action.value()), actor, true);
            // The crisis alert itself is metrics-service's (lane alerts); here it is on the record of the conversation.
            case ALERT -> history.write(conversation, "alert", actor, true, null, action.value(),
                    item.id);
            default -> LOG.warnf("A moderation rule asked for an unknown action '%s'; skipped", action.type());
        }
    }

    /** The priority named (when it is higher), else one step up from the current one. */
    static String raised(String current, String named) {
        int now = PRIORITIES.indexOf(current);
        if (present(named) && PRIORITIES.contains(named)) {
            return PRIORITIES.indexOf(named) > now ? named : current;
        }
        return PRIORITIES.get(Math.min(now + 1, PRIORITIES.size() - 1));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
