package io.kogu.audience.member;

import io.kogu.audience.api.model.MemberInput;
import io.kogu.audience.api.model.Relationship;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a client can set on a member, comparable: an upsert that would write exactly what is stored changes
 * nothing (no new version), so that importing a file twice is harmless.
 */
record MemberState(String displayName, String email, String country, String language, String city, String externalId,
                   String relationship, List<String> tags, Instant followedSince, Instant lastInteractionAt,
                   Double engagementScore, boolean marketingConsent, Map<String, Object> attributes,
                   List<String> handles) {

    static MemberState of(Member member) {
        return new MemberState(member.displayName, member.email, member.country, member.language, member.city,
                member.externalId, member.relationship, List.copyOf(member.tags), member.followedSince,
                member.lastInteractionAt, member.engagementScore, member.marketingConsent, canonical(member.attributes),
                member.handles.stream().sorted(java.util.Comparator.comparingInt(h -> h.position))
                        .map(h -> h.network + ":" + h.handle).toList());
    }

    static MemberState of(MemberInput input, Map<String, Object> attributes) {
        return new MemberState(input.getDisplayName(), input.getEmail(), input.getCountry(), input.getLanguage(),
                input.getCity(), input.getExternalId(),
                (input.getRelationship() == null ? Relationship.FAN : input.getRelationship()).toString(),
                input.getTags() == null ? List.of() : List.copyOf(input.getTags()), instant(input.getFollowedSince()),
                instant(input.getLastInteractionAt()), input.getEngagementScore(),
                Boolean.TRUE.equals(input.getMarketingConsent()), canonical(attributes),
                input.getHandles() == null ? List.of()
                        : input.getHandles().stream().map(h -> h.getNetwork() + ":" + h.getHandle()).toList());
    }

    /** Numbers compare by value whichever Java type JSON gave them (5, 5.0, BigDecimal). */
    private static Map<String, Object> canonical(Map<String, Object> attributes) {
        Map<String, Object> canonical = new TreeMap<>();
        if (attributes != null) {
            attributes.forEach((key, value) -> canonical.put(key,
                    value instanceof Number number ? new BigDecimal(number.toString()).stripTrailingZeros() : value));
        }
        return canonical;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant().truncatedTo(ChronoUnit.MICROS);
    }
}
