package io.kogu.audience.moderation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Promo-code-like tokens: what a promo spammer cannot leave out, because the code is the message. Two shapes:
 * a capitalised token that mixes letters and digits ({@code WIN50}, {@code 7XK2P9}), and any token right after
 * a word for "code" in English, Estonian or Russian ({@code code summer}, {@code kood: SOOD}, {@code промокод
 * halyava}).
 */
public final class PromoCodes {

    private static final Pattern MIXED = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(?=[A-Z0-9]*[0-9])(?=[A-Z0-9]*[A-Z])[A-Z0-9]{4,16}(?![\\p{L}\\p{N}])");

    private static final Pattern AFTER_KEYWORD = Pattern.compile(
            "(?iu)(?<![\\p{L}])(?:promo\\s?code|promo|code|coupon|voucher|sooduskood|promokood|kood|kupong"
                    + "|промокод|промо|код|купон)\\s*[:\\-–—]?\\s*([A-Za-z0-9][A-Za-z0-9_\\-]{3,19})(?![\\p{L}\\p{N}])");

    private PromoCodes() {
    }

    public static List<String> find(String text) {
        List<String> codes = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return codes;
        }
        String bounded = BoundedText.of(text);
        Matcher keyword = AFTER_KEYWORD.matcher(bounded);
        while (keyword.find()) {
            codes.add(keyword.group(1));
        }
        Matcher mixed = MIXED.matcher(bounded);
        while (mixed.find()) {
            if (!codes.contains(mixed.group())) {
                codes.add(mixed.group());
            }
        }
        return codes;
    }

    public static boolean present(String text) {
        return !find(text).isEmpty();
    }
}
