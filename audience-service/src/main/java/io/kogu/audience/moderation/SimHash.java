package io.kogu.audience.moderation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A 64-bit SimHash (Charikar 2002) of a comment: near-identical texts get fingerprints a few bits apart, so a
 * spammer who changes the promo code, the link or the emoji of each copy still posts the same text. It is built
 * over {@link SpamTokens} (links as their domain, every code as {@code _promocode_}, no emoji or numbers), in
 * pairs of neighbouring tokens. Texts of fewer than {@link #MIN_TOKENS} words get none: "love it" and
 * "congrats!!" are posted by many real fans.
 */
public final class SimHash {

    static final int MIN_TOKENS = 6;

    private SimHash() {
    }

    public static OptionalLong of(String text) {
        List<String> tokens = new ArrayList<>();
        for (String token : SpamTokens.of(text)) {
            if (!token.equals("_emoji_") && !token.equals("_num_") && !token.equals("_link_") && !token.startsWith("_tld_")
                    && !token.equals("!") && !token.equals("?")) {
                tokens.add(token);
            }
        }
        if (tokens.size() < MIN_TOKENS) {
            return OptionalLong.empty();
        }
        int[] weights = new int[64];
        for (int i = 0; i + 1 < tokens.size(); i++) {
            long hash = hash(tokens.get(i) + ' ' + tokens.get(i + 1));
            for (int bit = 0; bit < 64; bit++) {
                weights[bit] += ((hash >>> bit) & 1) == 1 ? 1 : -1;
            }
        }
        long fingerprint = 0;
        for (int bit = 0; bit < 64; bit++) {
            if (weights[bit] > 0) {
                fingerprint |= 1L << bit;
            }
        }
        return OptionalLong.of(fingerprint);
    }

    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    /** FNV-1a over the UTF-8 bytes, then MurmurHash3's finaliser so that every bit depends on every byte. */
    static long hash(String shingle) {
        long h = 0xcbf29ce484222325L;
        for (byte b : shingle.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
