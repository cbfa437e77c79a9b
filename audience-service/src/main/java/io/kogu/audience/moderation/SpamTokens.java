package io.kogu.audience.moderation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A comment as the classifier reads it: lower-case words, and in place of what a spammer varies from post to
 * post the thing he cannot avoid: {@code _link_} plus {@code _domain_<host>} and {@code _tld_<tld>} (and
 * {@code _shortener_}, {@code _referral_}) for every link, {@code _promocode_} for every promo-code-like token, {@code _num_},
 * {@code _money_}, {@code _percent_}, {@code _emoji_} and {@code _mention_}. So WIN50 and SPIN777 are the same
 * signal, and so are two casino domains on the same cheap top-level domain.
 */
public final class SpamTokens {

    /** An affiliate's query parameter: the spammer is paid per visitor he brings, so he must say who he is. */
    private static final Pattern REFERRAL = Pattern.compile("(?i)[?&](?:ref|aff|affid|partner|promo|utm_source|invite)=");

    private SpamTokens() {
    }

    public static String[] of(String text) {
        List<String> tokens = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return new String[0];
        }
        String rest = BoundedText.of(text);
        for (Links.Link link : Links.find(rest)) {
            tokens.add("_link_");
            tokens.add("_domain_" + link.domain());
            int dot = link.domain().lastIndexOf('.');
            if (dot >= 0) {
                tokens.add("_tld_" + link.domain().substring(dot + 1));
            }
            if (Links.SHORTENERS.contains(link.domain())) {
                tokens.add("_shortener_");
            }
            if (REFERRAL.matcher(link.text()).find()) {
                tokens.add("_referral_");
            }
            rest = rest.replace(link.text(), " ");
        }
        for (String code : PromoCodes.find(rest)) {
            tokens.add("_promocode_");
            rest = rest.replace(code, " ");
        }
        words(rest, tokens);
        return tokens.toArray(String[]::new);
    }

    private static void words(String text, List<String> tokens) {
        StringBuilder word = new StringBuilder();
        boolean inEmoji = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isLetterOrDigit(c)) {
                word.appendCodePoint(c);
                inEmoji = false;
                continue;
            }
            flush(word, tokens);
            if (isEmoji(c)) {
                if (!inEmoji) {
                    tokens.add("_emoji_");
                }
                inEmoji = true;
            } else if (c == '$' || c == '€' || c == '₽' || c == '£') {
                tokens.add("_money_");
            } else if (c == '%') {
                tokens.add("_percent_");
            } else if (c == '@' && i < text.length() && Character.isLetterOrDigit(text.codePointAt(i))) {
                tokens.add("_mention_");
            } else if (c == '!' || c == '?') {
                tokens.add(String.valueOf((char) c));
            } else if (!Character.isWhitespace(c) && c != 0xFE0F && c != 0x200D) {
                inEmoji = inEmoji && Character.getType(c) == Character.NON_SPACING_MARK;
            }
        }
        flush(word, tokens);
    }

    private static void flush(StringBuilder word, List<String> tokens) {
        if (word.isEmpty()) {
            return;
        }
        String lower = word.toString().toLowerCase(Locale.ROOT);
        tokens.add(lower.chars().allMatch(Character::isDigit) ? "_num_" : lower);
        word.setLength(0);
    }

    /** Pictographs, symbols and regional-indicator flags: what people type as emoji. */
    static boolean isEmoji(int c) {
        int type = Character.getType(c);
        return type == Character.OTHER_SYMBOL || (c >= 0x1F1E6 && c <= 0x1F1FF) || (c >= 0x1F300 && c <= 0x1FAFF);
    }
}
