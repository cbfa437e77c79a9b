package io.kogu.content.publish.connector.bluesky;

import com.ibm.icu.text.BreakIterator;
import com.twitter.twittertext.TldLists;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the links, mentions and hashtags of a post's text as Bluesky's own app does, and gives their places as
 * UTF-8 byte offsets, which is what a facet's {@code byteSlice} counts ("Indices are zero-indexed, counting bytes
 * of the UTF-8 encoded text": https://docs.bsky.app/docs/advanced-guides/post-richtext). The patterns are those of
 * the reference implementation ({@code detectFacets} in {@code @atproto/api}'s rich-text module), written for
 * Java's regex engine: JavaScript's Unicode {@code \s} is {@code \p{IsWhite_Space}} here, its ASCII {@code \d} is
 * {@code [0-9]}. Bluesky texts are at most 3,000 bytes, so the patterns run on a bounded input (callers refuse
 * longer texts before calling).
 */
final class Facets {

    /** What a span of the text is. */
    enum Kind { LINK, MENTION, TAG }

    /**
     * One span: {@code value} is the link's full URI, the mentioned handle (without {@code @}) or the tag (without
     * {@code #}); {@code byteStart} inclusive, {@code byteEnd} exclusive, in UTF-8 bytes of the whole text.
     */
    record Span(Kind kind, String value, int byteStart, int byteEnd) {
    }

    private static final String WS = "\\p{IsWhite_Space}";
    private static final String ZERO_WIDTH = "\\u00AD\\u2060\\u200A\\u200B\\u200C\\u200D\\u20E2";

    // (^|\s|\()(@)([a-zA-Z0-9.-]+)(\b)
    private static final Pattern MENTION = Pattern.compile("(^|" + WS + "|\\()(@)([a-zA-Z0-9.-]+)(\\b)");

    // (^|\s|\()((https?:\/\/[\S]+)|((?<domain>[a-z][a-z0-9]*(\.[a-z0-9]+)+)[\S]*)), flags gim
    private static final Pattern URL = Pattern.compile(
            "(^|" + WS + "|\\()((https?://[^" + WS + "]+)|((?<domain>[a-z][a-z0-9]*(\\.[a-z0-9]+)+)[^" + WS + "]*))",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

    // (^|\s)[#＃]((?!\ufe0f)[^\s ZW]*[^\d\s\p{P} ZW]+[^\s ZW]*)?, flags gu
    private static final Pattern TAG = Pattern.compile("(^|" + WS + ")[#\\uFF03]((?!\\uFE0F)[^" + WS + ZERO_WIDTH + "]*[^0-9"
            + WS + "\\p{P}" + ZERO_WIDTH + "]+[^" + WS + ZERO_WIDTH + "]*)?");

    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("\\p{P}+$");

    private static final Set<String> TLDS = new HashSet<>();

    static {
        TldLists.GTLDS.forEach(t -> TLDS.add(t.toLowerCase(Locale.ROOT)));
        TldLists.CTLDS.forEach(t -> TLDS.add(t.toLowerCase(Locale.ROOT)));
    }

    private Facets() {
    }

    static List<Span> find(String text) {
        List<Span> spans = new ArrayList<>();
        Offsets offsets = new Offsets(text);
        Matcher mention = MENTION.matcher(text);
        while (mention.find()) {
            String handle = mention.group(3);
            if (!isValidDomain(handle) && !handle.endsWith(".test")) {
                continue; // probably not a handle
            }
            int start = mention.start(2);
            spans.add(new Span(Kind.MENTION, handle, offsets.at(start), offsets.at(mention.end(3))));
        }
        Matcher url = URL.matcher(text);
        while (url.find()) {
            String uri = url.group(2);
            if (!uri.regionMatches(true, 0, "http", 0, 4)) {
                String domain = url.group("domain");
                if (domain == null || !isValidDomain(domain)) {
                    continue;
                }
                uri = "https://" + uri;
            }
            int start = url.start(2);
            int end = url.end(2);
            // strip ending punctuation
            if (uri.matches(".*[.,;:!?]$")) {
                uri = uri.substring(0, uri.length() - 1);
                end--;
            }
            if (uri.endsWith(")") && !uri.contains("(")) {
                uri = uri.substring(0, uri.length() - 1);
                end--;
            }
            spans.add(new Span(Kind.LINK, uri, offsets.at(start), offsets.at(end)));
        }
        Matcher tag = TAG.matcher(text);
        while (tag.find()) {
            String value = tag.group(2);
            if (value == null) {
                continue;
            }
            // strip ending punctuation and any spaces
            value = TRAILING_PUNCTUATION.matcher(value.strip()).replaceAll("");
            if (value.isEmpty() || (value.length() > 64 && graphemes(value) > 64)) {
                continue;
            }
            int start = tag.start() + tag.group(1).length();
            spans.add(new Span(Kind.TAG, value, offsets.at(start), offsets.at(start + 1 + value.length())));
        }
        return spans;
    }

    /** Whether the last label of the name is a known top-level domain (as {@code isValidDomain} in the reference). */
    private static boolean isValidDomain(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && dot < name.length() - 1 && TLDS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
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

    /** UTF-16 index → UTF-8 byte offset, computed once for the whole text. */
    private static final class Offsets {
        private final int[] bytesBefore;

        Offsets(String text) {
            bytesBefore = new int[text.length() + 1];
            int bytes = 0;
            for (int i = 0; i < text.length(); i++) {
                bytesBefore[i] = bytes;
                char c = text.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    bytes += 4;
                    bytesBefore[++i] = bytes; // the middle of a pair: never a facet boundary
                } else if (c < 0x80) {
                    bytes += 1;
                } else if (c < 0x800) {
                    bytes += 2;
                } else {
                    bytes += 3;
                }
            }
            bytesBefore[text.length()] = bytes;
        }

        int at(int index) {
            return bytesBefore[index];
        }
    }

    /** The text's length in UTF-8 bytes. */
    static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
