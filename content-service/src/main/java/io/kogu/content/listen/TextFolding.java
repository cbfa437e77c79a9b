package io.kogu.content.listen;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text as monitors and fingerprints compare it: accents dropped (Unicode NFD without its combining marks, so
 * "Tõnis Mägi" and "Tonis Magi" are the same words), lower case, every run of anything but letters and digits one
 * space. The Java counterpart of audience-service's {@code unaccent(lower(...))} folding (V6).
 */
public final class TextFolding {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private TextFolding() {
    }

    public static String fold(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        String bare = MARKS.matcher(decomposed).replaceAll("")
                // Letters that NFD does not split: ß, æ, ø, đ, ł.
                .replace("ß", "ss").replace("æ", "ae").replace("Æ", "ae").replace("ø", "o").replace("Ø", "o")
                .replace("đ", "d").replace("Đ", "d").replace("ł", "l").replace("Ł", "l");
        return SEPARATORS.matcher(bare.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }
}
