package io.kogu.audience.conversation;

import io.kogu.audience.segment.rule.CaseFold;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Text as the inbox search compares it: Unicode case folding (segment rules' {@link CaseFold}), then accents
 * removed (canonical decomposition without the combining marks), so that "Tänan", "TANAN" and "tänan" all match
 * "tanan". The stored search text and the query are folded alike, so PostgreSQL only compares folded strings.
 */
public final class ConversationText {

    /** The most folded characters a conversation keeps for search: a long thread keeps its beginning. */
    public static final int MAX_SEARCH_TEXT = 20_000;

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private ConversationText() {
    }

    public static String fold(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String decomposed = Normalizer.normalize(CaseFold.fold(text), Normalizer.Form.NFD);
        return Normalizer.normalize(MARKS.matcher(decomposed).replaceAll(""), Normalizer.Form.NFC);
    }

    /** {@code searchText} with the folded {@code more} appended, bounded to {@link #MAX_SEARCH_TEXT}. */
    public static String append(String searchText, String... more) {
        StringBuilder text = new StringBuilder(searchText == null ? "" : searchText);
        for (String part : more) {
            if (part != null && !part.isEmpty() && text.length() < MAX_SEARCH_TEXT) {
                text.append(text.isEmpty() ? "" : "\n").append(fold(part));
            }
        }
        return text.length() > MAX_SEARCH_TEXT ? text.substring(0, MAX_SEARCH_TEXT) : text.toString();
    }

    /** The first {@code max} characters of {@code text} (without splitting a surrogate pair). */
    public static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
