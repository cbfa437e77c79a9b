package io.kogu.platform.web;

import io.kogu.platform.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Position in a list ordered by creation time then id, newest first: opaque to clients, stable under
 * inserts.
 */
public record PageCursor(Instant createdAt, UUID id) {

    public static final int DEFAULT_LIMIT = 50;

    public String encode() {
        String raw = createdAt.getEpochSecond() + "." + createdAt.getNano() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The decoded cursor, or null for the first page; a cursor that was not made here is a 400. */
    public static PageCursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\.", 3);
            Instant createdAt = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            return new PageCursor(createdAt, UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this API gave out; start again without it");
        }
    }

    public static int limit(Integer requested) {
        return requested == null ? DEFAULT_LIMIT : requested;
    }
}
