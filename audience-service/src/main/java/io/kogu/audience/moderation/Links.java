package io.kogu.audience.moderation;

import java.net.IDN;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Links in a comment and their domains. Spam has to carry its destination somewhere: a URL with a scheme, a
 * {@code www.} address, or a bare domain with a top-level domain spam often uses ({@code spinwin.xyz/bonus}).
 */
public final class Links {

    /** A link found in a text: as written, and its host in lower case without {@code www.}. */
    public record Link(String text, String domain) {
    }

    static final Set<String> SHORTENERS = Set.of("bit.ly", "tinyurl.com", "cutt.ly", "t.me", "is.gd", "clck.ru",
            "goo.su", "t.co", "ow.ly", "rb.gy", "shorturl.at", "tiny.cc", "s.id", "linktr.ee");

    private static final Pattern LINK = Pattern.compile(
            "(?iu)(?:https?://|www\\.)[^\\s<>\"]+"
                    + "|(?<![\\p{L}\\p{N}@.])[a-z0-9][a-z0-9\\-]{0,62}(?:\\.[a-z0-9\\-]{1,63})*\\."
                    + "(?:com|net|org|io|ru|ee|xyz|top|click|win|bet|site|online|info|biz|me|ly|gd|su|co|app|link"
                    + "|shop|store|club|live|pro|vip|cc|to|casino|games|lv|lt|fi|de|uk|eu)(?![\\p{L}\\p{N}])(?:/[^\\s<>\"]*)?");

    private Links() {
    }

    public static List<Link> find(String text) {
        List<Link> links = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return links;
        }
        String bounded = BoundedText.of(text);
        Matcher matcher = LINK.matcher(bounded);
        while (matcher.find()) {
            links.add(new Link(matcher.group(), domainOf(matcher.group())));
        }
        return links;
    }

    public static boolean present(String text) {
        return !find(text).isEmpty();
    }

    /** The host of a link, lower case, without {@code www.}; its Unicode form for internationalised names. */
    static String domainOf(String link) {
        String rest = link.replaceFirst("(?i)^https?://", "");
        int end = rest.length();
        for (char stop : new char[] {'/', '?', '#', ':'}) {
            int at = rest.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String host = rest.substring(0, end).toLowerCase(Locale.ROOT).replaceFirst("^www\\.", "");
        try {
            return IDN.toUnicode(host);
        } catch (IllegalArgumentException notAHost) {
            return host;
        }
    }
}
