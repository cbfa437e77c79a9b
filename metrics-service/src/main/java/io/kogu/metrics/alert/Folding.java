package io.kogu.metrics.alert;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Keywords and tags as they are compared: accents and case ignored ("Müük" is "muuk", as audience-service's
 * unaccent and case folding do in SQL), runs of spaces as one. A keyword matches whole words only ("sale" is in
 * "Big sale!" but not in "wholesale"), found literally by {@code indexOf} on the folded text: a keyword is never
 * compiled as a pattern.
 */
public final class Folding {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Folding() {
    }

    /** The folded form; input is bounded by the contract (text 2,000 characters, keywords and tags 100). */
    public static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        return SPACES.matcher(MARKS.matcher(decomposed).replaceAll("")).replaceAll(" ").strip()
                .toLowerCase(Locale.ROOT);
    }

    /** Whether {@code foldedText} holds {@code foldedKeyword} as whole words. */
    public static boolean containsWords(String foldedText, String foldedKeyword) {
        if (foldedKeyword.isEmpty()) {
            return false;
        }
        int from = 0;
        while (true) {
            int at = foldedText.indexOf(foldedKeyword, from);
            if (at < 0) {
                return false;
            }
            int end = at + foldedKeyword.length();
            if (boundary(foldedText, at - 1) && boundary(foldedText, end)) {
                return true;
            }
            from = at + 1;
        }
    }

    private static boolean boundary(String text, int index) {
        return index < 0 || index >= text.length() || !Character.isLetterOrDigit(text.charAt(index));
    }
}
