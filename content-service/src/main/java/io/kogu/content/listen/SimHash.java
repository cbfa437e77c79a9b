package io.kogu.content.listen;

import java.util.HashMap;
import java.util.Map;

/**
 * A 64-bit SimHash (Charikar) of a text: every feature (a folded word, and each pair of neighbouring words) is
 * hashed; each bit of the fingerprint is the sign of the sum over features of +1/-1 by that bit of their hash.
 * Texts that share most of their features get fingerprints a few bits apart, so near-duplicates (the same news
 * rewritten by another outlet) are found by Hamming distance. Words of one or two letters are left out: they
 * carry little of what a story is about.
 */
public final class SimHash {

    private SimHash() {
    }

    public static long of(String text) {
        String[] words = TextFolding.fold(text).split(" ");
        Map<Long, Integer> features = new HashMap<>();
        String previous = null;
        for (String word : words) {
            if (word.length() < 3) {
                continue;
            }
            features.merge(hash(word), 1, Integer::sum);
            if (previous != null) {
                features.merge(hash(previous + " " + word), 1, Integer::sum);
            }
            previous = word;
        }
        int[] weights = new int[64];
        features.forEach((hash, count) -> {
            for (int bit = 0; bit < 64; bit++) {
                weights[bit] += ((hash >>> bit) & 1L) == 1L ? count : -count;
            }
        });
        long fingerprint = 0;
        for (int bit = 0; bit < 64; bit++) {
            if (weights[bit] > 0) {
                fingerprint |= 1L << bit;
            }
        }
        return fingerprint;
    }

    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    /**
     * The eight bytes of a fingerprint, each tagged with its position (position * 256 + byte). Two fingerprints at
     * most 7 bits apart always share one (pigeonhole); 8 to 12 bits apart almost always do (every byte would have
     * to hold a differing bit). One shared band in 8 narrows the candidates to about 1 story in 32, where 4-bit
     * bands (always exact up to 15 bits) would make every second story a candidate.
     */
    public static Integer[] bands(long fingerprint) {
        Integer[] bands = new Integer[8];
        for (int i = 0; i < 8; i++) {
            bands[i] = i * 256 + (int) ((fingerprint >>> (8 * i)) & 0xff);
        }
        return bands;
    }

    /** FNV-1a over UTF-16 units, then a SplitMix64 finaliser so that every bit depends on every input bit. */
    static long hash(String feature) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < feature.length(); i++) {
            h ^= feature.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return h;
    }
}
