package io.kogu.content.publish.connector.bluesky;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The record key of a publication's post (and of its first comment), derived from the publication id alone, so
 * that every attempt writes to the same key and a repeat can never make a second post.
 *
 * <p>{@code app.bsky.feed.post} records are keyed by TID (lexicon {@code "key": "tid"}; the PDS refuses another
 * key with "Invalid record key for app.bsky.feed.post: Invalid TID string"). A TID is 13 characters of
 * base32-sortable encoding of a 64-bit integer: top bit 0, then 53 bits of microseconds since the UNIX epoch, then
 * a 10-bit clock identifier (https://atproto.com/specs/tid, https://atproto.com/specs/record-key). Here the
 * timestamp and the clock identifier come from SHA-256 of the publication id (58 bits: no two publications of
 * one account meet in practice), with the timestamp inside 2000-01-01 + 2^48 µs (up to December 2008): a valid,
 * sortable TID that lies before any key an account's own app makes, so it never meets one.
 */
final class RecordKeys {

    private static final String ALPHABET = "234567abcdefghijklmnopqrstuvwxyz";
    private static final long EPOCH_2000_MICROS = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse("2000-01-01T00:00:00Z"));
    private static final long TIMESTAMP_SPAN = 1L << 48;

    private RecordKeys() {
    }

    /** The key of the publication's post. */
    static String post(UUID publicationId) {
        return tid(publicationId, "post");
    }

    /** The key of the publication's first comment (a reply to its post). */
    static String firstComment(UUID publicationId) {
        return tid(publicationId, "first-comment");
    }

    /** The key of a reply to a fan's item (issue 13): derived from the reply's id, as a post's from its publication. */
    static String reply(UUID replyId) {
        return tid(replyId, "reply");
    }

    private static String tid(UUID publicationId, String role) {
        byte[] digest = sha256(publicationId.toString() + "/" + role);
        long bits = ByteBuffer.wrap(digest).getLong();
        long micros = EPOCH_2000_MICROS + ((bits >>> 10) & (TIMESTAMP_SPAN - 1));
        long clockId = bits & 0x3FF;
        return encode((micros << 10) | clockId);
    }

    /** Base32-sortable, 13 characters, most significant first (the first character is one of {@code 234567abcdefghij}). */
    static String encode(long value) {
        char[] out = new char[13];
        for (int i = 12; i >= 0; i--) {
            out[i] = ALPHABET.charAt((int) (value & 31));
            value >>>= 5;
        }
        return new String(out);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
