package io.kogu.audience.segment.rule;

import java.util.Arrays;
import java.util.Optional;

/**
 * The member fields a rule may test: the API name, the column it compiles to (the only column names that ever
 * reach SQL) and what it holds.
 */
public enum MemberField {
    DISPLAY_NAME("displayName", "display_name", ValueKind.TEXT, true),
    EMAIL("email", "email", ValueKind.TEXT, true),
    CITY("city", "city", ValueKind.TEXT, true),
    EXTERNAL_ID("externalId", "external_id", ValueKind.TEXT, true),
    COUNTRY("country", "country", ValueKind.CODE, true),
    LANGUAGE("language", "language", ValueKind.CODE, true),
    RELATIONSHIP("relationship", "relationship", ValueKind.CODE, false),
    ENGAGEMENT_SCORE("engagementScore", "engagement_score", ValueKind.NUMBER, true),
    FOLLOWED_SINCE("followedSince", "followed_since", ValueKind.DATE, true),
    LAST_INTERACTION_AT("lastInteractionAt", "last_interaction_at", ValueKind.DATE, true),
    CREATED_AT("createdAt", "created_at", ValueKind.DATE, false),
    UPDATED_AT("updatedAt", "updated_at", ValueKind.DATE, false),
    MARKETING_CONSENT("marketingConsent", "marketing_consent", ValueKind.BOOLEAN, false),
    TAGS("tags", "tags", ValueKind.TAGS, false);

    private final String apiName;
    private final String column;
    private final ValueKind kind;
    private final boolean nullable;

    MemberField(String apiName, String column, ValueKind kind, boolean nullable) {
        this.apiName = apiName;
        this.column = column;
        this.kind = kind;
        this.nullable = nullable;
    }

    public String apiName() {
        return apiName;
    }

    public String column() {
        return column;
    }

    public ValueKind kind() {
        return kind;
    }

    /** Whether a member may lack a value; the compiler guards the others with no null test. */
    public boolean nullable() {
        return nullable;
    }

    public static Optional<MemberField> byApiName(String name) {
        return Arrays.stream(values()).filter(f -> f.apiName.equals(name)).findFirst();
    }

    public static String allowed() {
        return String.join(", ", Arrays.stream(values()).map(MemberField::apiName).toList());
    }
}
