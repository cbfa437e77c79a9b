package io.kogu.audience.segment;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.audience.api.model.Handle;
import io.kogu.audience.api.model.Member;
import io.kogu.audience.api.model.Relationship;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads a row of {@link SegmentQueries#MEMBER_COLUMNS} as the API's member. */
public final class MemberRows {

    private MemberRows() {
    }

    public static Member read(ResultSet row, ObjectMapper json) throws SQLException {
        try {
            Array tags = row.getArray("tags");
            double score = row.getDouble("engagement_score");
            boolean scoreMissing = row.wasNull();
            return new Member()
                    .id(row.getObject("id", UUID.class))
                    .displayName(row.getString("display_name"))
                    .email(row.getString("email"))
                    .country(row.getString("country"))
                    .language(row.getString("language"))
                    .city(row.getString("city"))
                    .externalId(row.getString("external_id"))
                    .relationship(Relationship.fromValue(row.getString("relationship")))
                    .handles(json.readValue(row.getString("handles"), new TypeReference<List<Handle>>() {
                    }))
                    .tags(Arrays.stream((Object[]) tags.getArray()).map(Object::toString).toList())
                    .followedSince(utc(row, "followed_since"))
                    .lastInteractionAt(utc(row, "last_interaction_at"))
                    .engagementScore(scoreMissing ? null : score)
                    .marketingConsent(row.getBoolean("marketing_consent"))
                    .attributes(json.readValue(row.getString("attributes"), new TypeReference<Map<String, Object>>() {
                    }))
                    .version(row.getLong("version"))
                    .createdAt(utc(row, "created_at"))
                    .updatedAt(utc(row, "updated_at"));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("A member row holds JSON that does not read", e);
        }
    }

    private static OffsetDateTime utc(ResultSet row, String column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
