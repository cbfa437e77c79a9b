package io.kogu.platform.text;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * One normalisation of a member's handle per network, for every service (audience-service stores and matches
 * handles by it, metrics-service attributes and erases by it, content-service's collector sends what the
 * networks answer and lets the others normalise). Erasure depends on it: a service that matched otherwise would
 * keep what another one forgot.
 *
 * <ul>
 *   <li>A leading {@code @} is ignored everywhere ({@code @ann} is {@code ann}); surrounding blanks too.</li>
 *   <li>X, Bluesky and the other networks compare case-insensitively ({@code @Ann} is {@code ann};
 *       {@code Ann.bsky.social} is {@code ann.bsky.social}).</li>
 *   <li>Mastodon keeps the instance: {@code @Ann@Mastodon.Social} is {@code ann@mastodon.social}, which is not
 *       {@code ann@other.example}. A profile URL {@code https://mastodon.social/@ann} is {@code ann@mastodon.social}.
 *       A handle without an instance stays without one ({@code ann}); it matches only itself, since the
 *       instance it belongs to is not known here.</li>
 * </ul>
 *
 * The table of cases in platform's test resources ({@code handles.csv}, {@code HandlesTest}) is the
 * specification; docs/audience.md describes it for users.
 */
public final class Handles {

    private Handles() {
    }

    /**
     * The form handles of {@code network} (the contract's network value, e.g. {@code mastodon}) are compared and
     * stored in.
     */
    public static String normalize(String network, String handle) {
        String h = handle.strip();
        if ("mastodon".equals(network)) {
            h = mastodonProfileUrl(h);
        }
        while (h.startsWith("@")) {
            h = h.substring(1);
        }
        return h.toLowerCase(Locale.ROOT);
    }

    /**
     * SHA-256 of the normalised handle: what a service keeps of an erased handle to recognise it later
     * without storing it in clear.
     */
    public static byte[] key(String network, String handle) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(normalize(network, handle).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }

    /**
     * The key erasures kept before handles were normalised per network (SHA-256 of the handle in lower case, with
     * its {@code @}): only to recognise handles erased then; new keys are {@link #key(String, String)}.
     */
    public static byte[] legacyKey(String handle) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(handle.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }

    /** {@code https://mastodon.social/@ann} → {@code ann@mastodon.social}; anything else unchanged. */
    private static String mastodonProfileUrl(String h) {
        String lower = h.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("https://") && !lower.startsWith("http://")) {
            return h;
        }
        String rest = h.substring(h.indexOf("://") + 3);
        int slash = rest.indexOf("/@");
        if (slash <= 0) {
            return h;
        }
        String host = rest.substring(0, slash);
        String user = rest.substring(slash + 2);
        int end = user.indexOf('/');
        if (end >= 0) {
            user = user.substring(0, end);
        }
        return user.contains("@") || user.isEmpty() ? user : user + "@" + host;
    }
}
