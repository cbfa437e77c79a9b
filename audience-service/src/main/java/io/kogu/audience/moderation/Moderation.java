package io.kogu.audience.moderation;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Scores every new inbox item and applies the workspace's moderation rules (INTERFACES.md C).
 *
 * <p>Placeholder of lane inbox with the agreed signature: no classifier and no rules yet, so every item scores 0 and
 * meets no rule. Lane spam replaces this file (and the records beside it) with the real classifier and rules; the
 * inbox applies whatever decision comes back (conversation/ModerationActions).
 */
@ApplicationScoped
public class Moderation {

    public ModerationDecision decide(String workspaceId, IncomingItem item) {
        return new ModerationDecision(0, false, List.of());
    }
}
