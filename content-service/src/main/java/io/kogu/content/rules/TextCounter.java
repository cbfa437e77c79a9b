package io.kogu.content.rules;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.BreakIterator;

import java.util.List;

/**
 * Counts a text as a network does. X's count and hashtags and mentions are twitter-text's, run through
 * {@link TwitterTextBounded} so that no text makes them slow; every other count is one linear pass.
 */
public final class TextCounter {

    private TextCounter() {
    }

    /**
     * The length of {@code text} in {@code unit}. {@code urlLength} not null: every link with a scheme counts as
     * that many characters and a remote mention {@code @user@domain} as {@code @user} (Mastodon's rules,
     * {@link MastodonText}).
     */
    public static int length(String text, LengthUnit unit, Integer urlLength) {
        if (unit == LengthUnit.WEIGHTED) {
            return TwitterTextBounded.weightedLength(text);
        }
        String counted = urlLength == null ? text : MastodonText.countable(text, urlLength);
        return switch (unit) {
            case GRAPHEMES -> graphemes(counted);
            case CHARACTERS -> counted.codePointCount(0, counted.length());
            case UTF16 -> counted.length();
            case EMOJI_BYTES -> emojiBytes(counted);
            case WEIGHTED -> throw new IllegalStateException("counted above");
        };
    }

    /** The length of {@code text} in UTF-8 bytes. */
    public static int utf8Bytes(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Whether X refuses the text for a character in it, as twitter-text decides. */
    public static boolean hasInvalidCharactersForX(String text) {
        return TwitterTextBounded.hasInvalidCharacters(text);
    }

    public static List<String> hashtags(String text) {
        return TwitterTextBounded.hashtags(text);
    }

    public static List<String> mentions(String text) {
        return TwitterTextBounded.mentions(text);
    }

    private static int graphemes(String text) {
        BreakIterator boundaries = BreakIterator.getCharacterInstance();
        boundaries.setText(text);
        int count = 0;
        while (boundaries.next() != BreakIterator.DONE) {
            count++;
        }
        return count;
    }

    /**
     * Threads: "Emojis are counted as the number of UTF-8 bytes" — an emoji (a grapheme cluster with a
     * pictographic or regional-indicator code point) counts its UTF-8 bytes, anything else its code points.
     */
    private static int emojiBytes(String text) {
        BreakIterator boundaries = BreakIterator.getCharacterInstance();
        boundaries.setText(text);
        int count = 0;
        int start = boundaries.first();
        for (int end = boundaries.next(); end != BreakIterator.DONE; start = end, end = boundaries.next()) {
            boolean emoji = false;
            int codePoints = 0;
            for (int i = start; i < end; i += Character.charCount(text.codePointAt(i))) {
                int codePoint = text.codePointAt(i);
                codePoints++;
                emoji = emoji || (codePoint >= 0x80 && (UCharacter.hasBinaryProperty(codePoint, UProperty.EXTENDED_PICTOGRAPHIC)
                        || UCharacter.hasBinaryProperty(codePoint, UProperty.REGIONAL_INDICATOR)
                        || UCharacter.hasBinaryProperty(codePoint, UProperty.EMOJI_PRESENTATION)));
            }
            count += emoji ? utf8Bytes(text.substring(start, end)) : codePoints;
        }
        return count;
    }
}
