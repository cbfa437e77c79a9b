package io.kogu.audience.moderation;

import com.ibm.icu.text.Normalizer2;
import io.kogu.audience.segment.rule.CaseFold;
import io.kogu.platform.text.Handles;

import java.util.List;
import java.util.Objects;

/**
 * Whether an item satisfies a rule's conditions: all of the given ones. Keywords are compared with case folded
 * and accents removed on both sides ("Kasiino" finds "kasiino", "Bet" finds "bét"); authors as every Kogu service
 * compares handles (platform Handles, per network).
 */
final class RuleMatcher {

    private static final Normalizer2 DECOMPOSE = Normalizer2.getNFDInstance();

    private RuleMatcher() {
    }

    static boolean matches(RuleConditions conditions, IncomingItem item, double spamScore) {
        String text = item.text() == null ? "" : item.text();
        if (conditions.spamScoreAtLeast() != null && spamScore < conditions.spamScoreAtLeast()) {
            return false;
        }
        if (conditions.containsLink() != null && conditions.containsLink() != hasLink(item)) {
            return false;
        }
        if (conditions.promoCode() != null && conditions.promoCode() != PromoCodes.present(text)) {
            return false;
        }
        if (conditions.onlyEmoji() != null && conditions.onlyEmoji() != onlyEmoji(text)) {
            return false;
        }
        if (conditions.keywords() != null && !conditions.keywords().isEmpty() && !containsAny(text, conditions.keywords())) {
            return false;
        }
        return conditions.authors() == null || conditions.authors().isEmpty() || byOneOf(item, conditions.authors());
    }

    static boolean hasLink(IncomingItem item) {
        return Links.present(item.text()) || (item.mediaUrls() != null && !item.mediaUrls().isEmpty()
                && item.mediaUrls().stream().anyMatch(Objects::nonNull));
    }

    /** Nothing but emoji, their joiners and variation selectors, and spaces; at least one emoji. */
    static boolean onlyEmoji(String text) {
        boolean any = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (SpamTokens.isEmoji(c)) {
                any = true;
            } else if (!Character.isWhitespace(c) && c != 0x200D && c != 0xFE0F && c != 0x20E3
                    && !(c >= 0x1F3FB && c <= 0x1F3FF)) {
                return false;
            }
        }
        return any;
    }

    static boolean containsAny(String text, List<String> keywords) {
        String folded = fold(text);
        return keywords.stream().map(RuleMatcher::fold).anyMatch(k -> !k.isBlank() && folded.contains(k));
    }

    static String fold(String text) {
        String bounded = BoundedText.of(text);
        return DECOMPOSE.normalize(CaseFold.fold(bounded)).replaceAll("\\p{Mn}+", "");
    }

    private static boolean byOneOf(IncomingItem item, List<String> authors) {
        if (item.authorHandle() == null || item.authorHandle().isBlank()) {
            return false;
        }
        String author = Handles.normalize(item.network(), item.authorHandle());
        return authors.stream().anyMatch(a -> Handles.normalize(item.network(), a).equals(author));
    }
}
