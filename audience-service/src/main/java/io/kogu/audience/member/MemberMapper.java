package io.kogu.audience.member;

import io.kogu.audience.api.model.Handle;
import io.kogu.audience.api.model.Network;
import io.kogu.audience.api.model.Relationship;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;

/** A member row as the API shows it. */
public final class MemberMapper {

    private MemberMapper() {
    }

    public static io.kogu.audience.api.model.Member toApi(Member member) {
        return new io.kogu.audience.api.model.Member()
                .id(member.id)
                .displayName(member.displayName)
                .email(member.email)
                .country(member.country)
                .language(member.language)
                .city(member.city)
                .externalId(member.externalId)
                .relationship(Relationship.fromValue(member.relationship))
                .handles(member.handles.stream()
                        .map(h -> new Handle().network(Network.fromValue(h.network)).handle(h.handle)).toList())
                .tags(member.tags)
                .followedSince(utc(member.followedSince))
                .lastInteractionAt(utc(member.lastInteractionAt))
                .engagementScore(member.engagementScore)
                .marketingConsent(member.marketingConsent)
                .attributes(new LinkedHashMap<>(member.attributes))
                .version(member.version)
                .createdAt(utc(member.createdAt))
                .updatedAt(utc(member.updatedAt));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
