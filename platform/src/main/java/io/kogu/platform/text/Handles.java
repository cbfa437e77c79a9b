package io.kogu.platform.text;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * One normalisation of a member's handle for every service: handles compare case-insensitively
 * ({@code @Ann} is {@code @ann}), as audience-service has always matched them (Java {@code toLowerCase(ROOT)},
 * SQL {@code lower(handle)}). Erasure depends on it: a service that matched otherwise would keep what
 * another one forgot.
 */
public final class Handles {

    private Handles() {
    }

    /** The form handles are compared in. */
    public static String normalize(String handle) {
        return handle.toLowerCase(Locale.ROOT);
    }

    /**
     * SHA-256 of the normalised handle: what a service keeps of an erased handle to recognise it later
     * without storing it in clear.
     */
    public static byte[] key(String handle) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(normalize(handle).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }
}
