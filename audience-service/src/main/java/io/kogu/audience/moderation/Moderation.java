package io.kogu.audience.moderation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Moderation of a new conversation item (INTERFACES.md C): its spam score (classifier, then repetition of the
 * same text in the workspace), and the workspace's enabled rules that match it, in order, each application
 * logged. The inbox applies the actions to the conversation. Runs in the caller's transaction, so an intake
 * that rolls back leaves neither a fingerprint nor a log entry behind.
 */
@ApplicationScoped
public class Moderation {

    @Inject
    SpamClassifier classifier;

    @Inject
    NearDuplicates nearDuplicates;

    @Inject
    ModerationRules rules;

    @Inject
    ModerationSettings settings;

    @Transactional
    public ModerationDecision decide(String workspaceId, IncomingItem item) {
        double spamScore = spamScore(workspaceId, item);
        boolean spam = spamScore >= settings.spamThreshold();
        List<AppliedRule> applied = new ArrayList<>();
        for (ModerationRuleEntity rule : rules.inOrder(workspaceId)) {
            if (rule.enabled && RuleMatcher.matches(rule.conditions, item, spamScore)) {
                rules.logApplication(workspaceId, rule, item, spamScore, spam);
                applied.add(new AppliedRule(rule.id, rule.name, List.copyOf(rule.actions)));
            }
        }
        return new ModerationDecision(spamScore, spam, applied);
    }

    private double spamScore(String workspaceId, IncomingItem item) {
        double classified = classifier.score(item.text());
        OptionalLong fingerprint = SimHash.of(item.text());
        if (fingerprint.isEmpty()) {
            return classified;
        }
        Instant at = item.occurredAt() != null ? item.occurredAt() : Instant.now();
        int copies = nearDuplicates.recordAndCountEarlierCopies(workspaceId, fingerprint.getAsLong(), at);
        return SpamScore.of(classified, copies, settings.duplicateCopies());
    }
}
