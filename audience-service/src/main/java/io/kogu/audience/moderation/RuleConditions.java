package io.kogu.audience.moderation;

import java.util.List;

/**
 * What an item must have for a rule to match: all the given (non-null) conditions. Stored as JSON in
 * moderation_rule.conditions. A boolean set to false asks for the opposite ({@code containsLink: false}: no link).
 */
public record RuleConditions(Double spamScoreAtLeast, Boolean containsLink, Boolean promoCode, List<String> keywords,
                             Boolean onlyEmoji, List<String> authors) {

    public boolean noneGiven() {
        return spamScoreAtLeast == null && containsLink == null && promoCode == null && onlyEmoji == null
                && (keywords == null || keywords.isEmpty()) && (authors == null || authors.isEmpty());
    }
}
