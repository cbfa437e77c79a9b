package io.kogu.audience.segment.rule;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A member as the in-memory evaluation sees it: plain Java values, null when the member lacks one. */
record MemberFacts(UUID id, String displayName, String email, String city, String externalId, String country,
                   String language, String relationship, Double engagementScore, Instant followedSince,
                   Instant lastInteractionAt, Instant createdAt, Instant updatedAt, boolean marketingConsent,
                   List<String> tags, Set<String> networks, Map<String, Object> attributes) {

    Object field(MemberField field) {
        return switch (field) {
            case DISPLAY_NAME -> displayName;
            case EMAIL -> email;
            case CITY -> city;
            case EXTERNAL_ID -> externalId;
            case COUNTRY -> country;
            case LANGUAGE -> language;
            case RELATIONSHIP -> relationship;
            case ENGAGEMENT_SCORE -> engagementScore;
            case FOLLOWED_SINCE -> followedSince;
            case LAST_INTERACTION_AT -> lastInteractionAt;
            case CREATED_AT -> createdAt;
            case UPDATED_AT -> updatedAt;
            case MARKETING_CONSENT -> marketingConsent;
            case TAGS -> tags;
        };
    }
}
