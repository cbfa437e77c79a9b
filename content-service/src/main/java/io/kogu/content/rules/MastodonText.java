package io.kogu.content.rules;

/**
 * The text Mastodon counts, found in one pass without regular expressions (so in linear time whatever the text):
 * every link with a scheme ({@code http://}, {@code https://}) counts as {@link #URL_LENGTH} characters whatever
 * its length, and a mention of an account on another server, {@code @user@example.social}, counts as
 * {@code @user}. Mastodon then counts grapheme clusters (its {@code StatusLengthValidator}).
 * https://docs.joinmastodon.org/user/posting/#text ;
 * https://docs.joinmastodon.org/entities/Instance/#characters_reserved_per_url
 */
final class MastodonText {

    static final int URL_LENGTH = 23;
    private static final String URL_PLACEHOLDER = "x".repeat(URL_LENGTH);

    private MastodonText() {
    }

    /** {@code text} with every link replaced by 23 characters and every remote mention by its local part. */
    static String countable(String text, int urlLength) {
        String placeholder = urlLength == URL_LENGTH ? URL_PLACEHOLDER : "x".repeat(urlLength);
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            int url = urlEnd(text, i);
            if (url > i) {
                out.append(placeholder);
                i = url;
                continue;
            }
            int[] mention = mention(text, i);
            if (mention != null) {
                out.append(text, i, mention[0]);
                i = mention[1];
                continue;
            }
            out.append(text.charAt(i));
            i++;
        }
        return out.toString();
    }

    /** Where the link that starts at {@code i} ends, or {@code i} when none starts there. */
    static int urlEnd(String text, int i) {
        int schemeLength = text.regionMatches(true, i, "https://", 0, 8) ? 8
                : text.regionMatches(true, i, "http://", 0, 7) ? 7 : 0;
        if (schemeLength == 0 || (i > 0 && isWordOrSign(text.charAt(i - 1)))) {
            return i;
        }
        int host = i + schemeLength;
        int end = host;
        int lastDot = -1;
        while (end < text.length() && isHostChar(text.charAt(end))) {
            if (text.charAt(end) == '.') {
                lastDot = end;
            }
            end++;
        }
        // A host has a dot, does not end with one, and ends with a top-level domain of letters (or xn--).
        while (end > host && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == '-')) {
            end--;
        }
        if (lastDot >= end) {
            lastDot = text.lastIndexOf('.', end - 1);
        }
        if (lastDot <= host || !isTopLevelDomain(text, lastDot + 1, end)) {
            return i;
        }
        // Port, path, query and fragment: up to white space or a character no URL holds.
        int depth = 0;
        int stop = end;
        while (stop < text.length() && isUrlChar(text.charAt(stop))) {
            char c = text.charAt(stop);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0) {
                    break;
                }
                depth--;
            }
            stop++;
        }
        // Punctuation that ends a sentence is not part of the link.
        while (stop > end && ".,;:!?'\"*".indexOf(text.charAt(stop - 1)) >= 0) {
            stop--;
        }
        return stop;
    }

    /**
     * A remote mention at {@code i} ({@code @user@domain}, not preceded by a word character, {@code =} or
     * {@code /}): {@code [end of @user, end of the mention]}; null when there is none.
     */
    static int[] mention(String text, int i) {
        if (text.charAt(i) != '@' || (i > 0 && (isWord(text.charAt(i - 1)) || text.charAt(i - 1) == '='
                || text.charAt(i - 1) == '/'))) {
            return null;
        }
        int user = labels(text, i + 1, true);
        if (user == i + 1 || user >= text.length() || text.charAt(user) != '@') {
            return null;
        }
        int domain = labels(text, user + 1, false);
        if (domain == user + 1) {
            return null;
        }
        return new int[] {user, domain};
    }

    /** The end of {@code word([.-]+word)*} from {@code i}; ASCII words for user names, any letters for domains. */
    private static int labels(String text, int i, boolean ascii) {
        int end = i;
        int at = i;
        while (at < text.length()) {
            int word = at;
            while (at < text.length() && (ascii ? isAsciiWord(text.charAt(at)) : isWord(text.charAt(at)))) {
                at++;
            }
            if (at == word) {
                break;
            }
            end = at;
            while (at < text.length() && (text.charAt(at) == '.' || text.charAt(at) == '-')) {
                at++;
            }
        }
        return end;
    }

    private static boolean isTopLevelDomain(String text, int from, int to) {
        if (to - from < 2) {
            return false;
        }
        if (text.regionMatches(true, from, "xn--", 0, 4)) {
            return true;
        }
        for (int i = from; i < to; i++) {
            if (!Character.isLetter(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHostChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_';
    }

    private static boolean isUrlChar(char c) {
        return !Character.isWhitespace(c) && !Character.isSpaceChar(c) && !Character.isISOControl(c)
                && "<>\"{}|\\^`".indexOf(c) < 0;
    }

    private static boolean isWordOrSign(char c) {
        return isWord(c) || c == '@' || c == '$' || c == '#' || c == '＃' || c == '/';
    }

    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static boolean isAsciiWord(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
}
