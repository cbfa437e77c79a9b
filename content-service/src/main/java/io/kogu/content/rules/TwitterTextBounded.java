package io.kogu.content.rules;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.BreakIterator;
import com.twitter.twittertext.Extractor;
import com.twitter.twittertext.Regex;
import com.twitter.twittertext.TldLists;
import com.twitter.twittertext.TwitterTextConfiguration;
import com.twitter.twittertext.TwitterTextEmojiRegex;
import com.twitter.twittertext.TwitterTextParser;
import com.twitter.twittertext.Validator;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * twitter-text, run so that no text can make it slow. Its URL pattern backtracks far more than linearly on
 * texts such as {@code "http://a.a.a.a…"} (2,000 characters: seconds; 100,000: hours), and its emoji pattern
 * costs some 50 µs at every position of a text (100,000 characters: 5 s), so the library never sees a whole
 * text:
 * <ol>
 * <li>The text is cut into segments before each run of white space (a URL, a hashtag, a mention, an emoji
 * sequence and an NFC composition never span white space, and white space is a valid start for each, so the
 * counts of the segments add up to the count of the text). A segment holds at least one character above
 * U+0020, as the library ignores texts without one. A run without white space longer than
 * {@link #MAX_SEGMENT} (the longest URL X shortens, 4,096, plus {@code https://}) is cut into pieces of that
 * size.</li>
 * <li>URLs: the library's own URL pattern runs on a segment only when the segment could hold a URL: every
 * URL the pattern finds has a dot followed by a top-level domain of the library's lists or {@code xn--}, which
 * one linear pass looks for. Then it runs with a step budget (characters the pattern reads):
 * {@link #STEPS_PER_SEGMENT} plus {@link #STEPS_PER_CHAR} per character, and at most what is left of the
 * text's budget ({@link #STEPS_PER_TEXT} plus {@link #STEPS_PER_TEXT_CHAR} per character). Within it, the URLs are the library's (found as its
 * {@code Extractor.extractURLsWithIndices} finds them). Over it — only texts made to be slow, or very long texts
 * dense with dots, get there — the segment is counted as holding no URL.</li>
 * <li>Emoji: the library's emoji pattern is tried only where an emoji can start (a code point with the Unicode
 * Emoji or Extended_Pictographic property; a keycap base only before U+FE0F or U+20E3), once per distinct
 * grapheme cluster, and at most {@link #MAX_EMOJI_ATTEMPTS} times per text; past that, a cluster that starts
 * with an emoji counts as one emoji.</li>
 * <li>Hashtags and mentions: the library's patterns, the hashtag pattern tried only just before a {@code #}
 * and at most {@link #MAX_HASHTAG_ATTEMPTS} times per text (it costs some 50 µs a try); past that, a {@code #}
 * after a non-letter and before a letter counts as a hashtag.</li>
 * <li>The weighting is the library's {@code parseTweet} loop with the library's configuration (ranges, default
 * weight, URL length).</li>
 * </ol>
 * So the work is linear in the length of the text, and on every text a person writes the counts are the
 * library's ({@code TwitterTextConformanceTest} compares them on generated texts).
 */
final class TwitterTextBounded {

    /** X shortens URLs of up to 4,096 characters, counted with {@code https://} (Extractor.MAX_URL_LENGTH). */
    static final int MAX_SEGMENT = Extractor.MAX_URL_LENGTH + "https://".length();
    static final long STEPS_PER_CHAR = 100;
    static final long STEPS_PER_SEGMENT = 100_000;
    static final long STEPS_PER_TEXT = 1_000_000;
    static final long STEPS_PER_TEXT_CHAR = 20;
    static final int MAX_EMOJI_ATTEMPTS = 2_000;
    static final int MAX_HASHTAG_ATTEMPTS = 2_000;
    private static final TwitterTextConfiguration CONFIG = TwitterTextParser.TWITTER_TEXT_DEFAULT_CONFIG;
    private static final Set<String> TLDS = Stream.concat(TldLists.GTLDS.stream(), TldLists.CTLDS.stream())
            .map(tld -> tld.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    private static final int LONGEST_TLD = TLDS.stream().mapToInt(String::length).max().orElse(0);

    /** The UTF-16 units twitter-text refuses (it checks one unit at a time), asked of the library once. */
    private static final BitSet INVALID = invalidCharacters();

    private TwitterTextBounded() {
    }

    /** X's weighted length, as {@code TwitterTextParser.parseTweet(text).weightedLength}. */
    static int weightedLength(String text) {
        Budget budget = Budget.of(text);
        Emoji emoji = new Emoji();
        long weighted = 0;
        for (String segment : segments(text)) {
            String normalized = Normalizer.normalize(segment, Normalizer.Form.NFC);
            weighted += weigh(normalized, urls(normalized, budget), emoji);
        }
        return (int) (weighted / CONFIG.getScale());
    }

    /** The library's weighting loop ({@code TwitterTextParser.parseTweet}) over one NFC segment. */
    private static long weigh(String text, List<int[]> urls, Emoji emoji) {
        Map<Integer, Integer> emojiLengths = CONFIG.getEmojiParsingEnabled() ? emoji.find(text) : Map.of();
        long weighted = 0;
        int url = 0;
        int offset = 0;
        while (offset < text.length()) {
            if (url < urls.size() && urls.get(url)[0] == offset) {
                weighted += (long) CONFIG.getTransformedURLLength() * CONFIG.getScale();
                offset = urls.get(url)[1];
                url++;
                continue;
            }
            int codePoint = text.codePointAt(offset);
            Integer emojiLength = emojiLengths.get(offset);
            int weight = CONFIG.getDefaultWeight();
            if (emojiLength == null) {
                for (TwitterTextConfiguration.TwitterTextWeightedRange range : CONFIG.getRanges()) {
                    if (range.getRange().isInRange(codePoint)) {
                        weight = range.getWeight();
                        break;
                    }
                }
            }
            weighted += weight;
            offset += emojiLength != null ? emojiLength : Character.charCount(codePoint);
        }
        return weighted;
    }

    /**
     * The URLs of a segment as {@code Extractor.extractURLsWithIndices} finds them ({@code [start, end]}), or none
     * when the library's URL pattern would need more than the budget allows.
     */
    private static List<int[]> urls(String segment, Budget budget) {
        List<int[]> urls = new ArrayList<>();
        if (!mayHoldUrl(segment)) {
            return urls;
        }
        Counted counted = new Counted(segment, Math.min(budget.left, STEPS_PER_SEGMENT + STEPS_PER_CHAR * segment.length()));
        try {
            Matcher matcher = Regex.VALID_URL.matcher(counted);
            while (matcher.find()) {
                String protocol = matcher.group(Regex.VALID_URL_GROUP_PROTOCOL);
                if ((protocol == null || protocol.isEmpty()) && Regex.INVALID_URL_WITHOUT_PROTOCOL_MATCH_BEGIN
                        .matcher(matcher.group(Regex.VALID_URL_GROUP_BEFORE)).matches()) {
                    continue;
                }
                String url = matcher.group(Regex.VALID_URL_GROUP_URL);
                int start = matcher.start(Regex.VALID_URL_GROUP_URL);
                int end = matcher.end(Regex.VALID_URL_GROUP_URL);
                Matcher tco = Regex.VALID_TCO_URL.matcher(url);
                if (tco.find()) {
                    if (tco.group(1).length() > Extractor.MAX_TCO_SLUG_LENGTH) {
                        continue;
                    }
                    url = tco.group(0);
                    end = start + url.length();
                }
                if (Extractor.isValidHostAndLength(url.length(), protocol, matcher.group(Regex.VALID_URL_GROUP_DOMAIN))) {
                    urls.add(new int[] {start, end});
                }
            }
            budget.left -= counted.steps;
            return urls;
        } catch (OverBudget e) {
            budget.left -= counted.steps;
            return List.of();
        }
    }

    /**
     * The hashtags, as {@code Extractor.extractHashtags} finds them: the library's hashtag pattern, tried only
     * where a hashtag can start (just before a {@code #}), without the hashtags inside URLs.
     */
    static List<String> hashtags(String text) {
        Budget budget = Budget.of(text);
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        List<String> hashtags = new ArrayList<>();
        for (String segment : segments(text)) {
            if (segment.indexOf('#') < 0 && segment.indexOf('＃') < 0) {
                continue;
            }
            List<int[]> found = new ArrayList<>();
            Matcher matcher = Regex.VALID_HASHTAG.matcher(segment).useTransparentBounds(true).useAnchoringBounds(false);
            Matcher invalidEnd = Regex.INVALID_HASHTAG_MATCH_END.matcher(segment);
            int from = 0;
            for (int at = 0; at < segment.length(); at++) {
                char c = segment.charAt(at);
                int start = at == 0 ? 0 : at - 1;
                if ((c != '#' && c != '＃') || start < from) {
                    continue;
                }
                if (attempts.incrementAndGet() > MAX_HASHTAG_ATTEMPTS) {
                    // Past the budget (only texts with thousands of #): a # after a non-letter and before a
                    // letter counts as a hashtag.
                    if ((at == 0 || !Character.isLetterOrDigit(segment.charAt(at - 1)) && segment.charAt(at - 1) != '&')
                            && at + 1 < segment.length() && Character.isLetter(segment.charAt(at + 1))) {
                        found.add(new int[] {at, tagEnd(segment, at + 1)});
                        from = found.get(found.size() - 1)[1];
                    }
                    continue;
                }
                if (matcher.region(start, segment.length()).lookingAt()) {
                    from = matcher.end();
                    if (!invalidEnd.region(matcher.end(), segment.length()).lookingAt()) {
                        found.add(new int[] {matcher.start(Regex.VALID_HASHTAG_GROUP_TAG) - 1,
                                matcher.end(Regex.VALID_HASHTAG_GROUP_TAG)});
                    }
                }
            }
            List<int[]> urls = found.isEmpty() ? List.of() : urls(segment, budget);
            // Extractor.removeOverlappingEntities: hashtags and URLs by start (hashtags first on a tie), each
            // dropped when it overlaps the one kept before it.
            List<int[]> entities = new ArrayList<>(found.size() + urls.size());
            found.forEach(h -> entities.add(new int[] {h[0], h[1], 1}));
            urls.forEach(u -> entities.add(new int[] {u[0], u[1], 0}));
            entities.sort(java.util.Comparator.comparingInt(e -> e[0]));
            int[] previous = null;
            for (int[] entity : entities) {
                if (previous != null && previous[1] > entity[0]) {
                    continue;
                }
                previous = entity;
                if (entity[2] == 1) {
                    hashtags.add(segment.substring(entity[0] + 1, entity[1]));
                }
            }
        }
        return hashtags;
    }

    private static int tagEnd(String text, int from) {
        int end = from;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        return end;
    }

    /**
     * The mentions, as {@code Extractor.extractMentionedScreennames} finds them (the library's pattern; a
     * mention followed by {@code @}, an accented letter or {@code ://} is none; lists are not mentions).
     */
    static List<String> mentions(String text) {
        List<String> mentions = new ArrayList<>();
        for (String segment : segments(text)) {
            if (segment.indexOf('@') < 0 && segment.indexOf('＠') < 0) {
                continue;
            }
            Matcher matcher = Regex.VALID_MENTION_OR_LIST.matcher(segment);
            Matcher invalidEnd = Regex.INVALID_MENTION_MATCH_END.matcher(segment);
            while (matcher.find()) {
                if (!invalidEnd.region(matcher.end(), segment.length()).lookingAt()
                        && matcher.group(Regex.VALID_MENTION_OR_LIST_GROUP_LIST) == null) {
                    mentions.add(matcher.group(Regex.VALID_MENTION_OR_LIST_GROUP_USERNAME));
                }
            }
        }
        return mentions;
    }

    /** Whether X refuses the text for a character in it (U+FFFE, U+FFFF, directional controls…). */
    static boolean hasInvalidCharacters(String text) {
        String normalized = Normalizer.normalize(text, Normalizer.Form.NFC);
        for (int i = 0; i < normalized.length(); i++) {
            if (INVALID.get(normalized.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The text cut as the class comment says; empty when no character is above U+0020. */
    static List<String> segments(String text) {
        List<String> segments = new ArrayList<>();
        if (text.trim().isEmpty()) {
            return segments;
        }
        StringBuilder pending = new StringBuilder(); // pieces without a character above U+0020 wait for one
        int i = 0;
        int n = text.length();
        while (i < n) {
            int start = i;
            while (i < n && isSpace(text.charAt(i))) {
                i++;
            }
            int from = i;
            while (i < n && !isSpace(text.charAt(i))) {
                i++;
            }
            // The white space before a word goes with it; a word longer than a URL is cut in pieces.
            int pieceStart = start;
            do {
                int to = i - from <= MAX_SEGMENT ? i : cut(text, from, from + MAX_SEGMENT);
                String piece = text.substring(pieceStart, to);
                if (piece.trim().isEmpty()) {
                    pending.append(piece);
                } else {
                    segments.add(pending + piece);
                    pending.setLength(0);
                }
                pieceStart = to;
                from = to;
            } while (from < i);
        }
        if (!pending.isEmpty()) {
            int last = segments.size() - 1;
            segments.set(last, segments.get(last) + pending);
        }
        return segments;
    }

    /**
     * Whether a dot in {@code text} is followed by a top-level domain of the library's lists or by
     * {@code xn--}: every domain the library's URL pattern takes ends so (the pattern folds ASCII case only, so
     * comparing lower-cased strings finds at least what it finds).
     */
    static boolean mayHoldUrl(String text) {
        int dot = text.indexOf('.');
        while (dot >= 0) {
            int end = dot + 1;
            while (end < text.length() && end - dot <= LONGEST_TLD && text.charAt(end) != '.') {
                end++;
                String label = text.substring(dot + 1, end).toLowerCase(Locale.ROOT);
                if (TLDS.contains(label) || label.startsWith("xn--")) {
                    return true;
                }
            }
            dot = text.indexOf('.', dot + 1);
        }
        return false;
    }

    /** The end of a piece of an overlong word: at {@code to}, or a little before it where no sequence is split. */
    private static int cut(String text, int from, int to) {
        if (to >= text.length()) {
            return text.length();
        }
        for (int at = to; at > from + MAX_SEGMENT / 2; at--) {
            char before = text.charAt(at - 1);
            char after = text.charAt(at);
            if (before < 0x80 && after < 0x80) {
                return at; // two ASCII characters: no surrogate pair, combining mark or emoji sequence between
            }
        }
        return Character.isLowSurrogate(text.charAt(to)) ? to - 1 : to;
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static BitSet invalidCharacters() {
        BitSet invalid = new BitSet(Character.MAX_VALUE + 1);
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            if (Validator.hasInvalidCharacters(String.valueOf((char) c))) {
                invalid.set(c);
            }
        }
        return invalid;
    }

    /** Finds emoji as the library's emoji pattern does, trying it only where an emoji can start. */
    private static final class Emoji {
        private final Map<String, Integer> lengths = new HashMap<>();
        private int attempts;

        /** Start → length of each emoji in {@code text}. */
        Map<Integer, Integer> find(String text) {
            Map<Integer, Integer> found = new HashMap<>();
            BreakIterator clusters = null;
            Matcher matcher = null;
            int at = 0;
            while (at < text.length()) {
                int codePoint = text.codePointAt(at);
                if (!canStartEmoji(text, at, codePoint)) {
                    at += Character.charCount(codePoint);
                    continue;
                }
                if (clusters == null) {
                    clusters = BreakIterator.getCharacterInstance();
                    clusters.setText(text);
                    matcher = TwitterTextEmojiRegex.VALID_EMOJI_PATTERN.matcher(text);
                    matcher.useTransparentBounds(true).useAnchoringBounds(false);
                }
                int clusterEnd = clusters.following(at);
                String cluster = text.substring(at, clusterEnd);
                Integer length = lengths.get(cluster);
                if (length == null) {
                    if (attempts < MAX_EMOJI_ATTEMPTS) {
                        attempts++;
                        matcher.region(at, text.length());
                        length = matcher.lookingAt() ? matcher.end() - at : 0;
                        if (at + length <= clusterEnd) {
                            lengths.put(cluster, length);
                        }
                    } else {
                        length = clusterEnd - at; // past the budget: a cluster that starts with an emoji is one
                    }
                }
                if (length > 0) {
                    found.put(at, length);
                    at += length;
                } else {
                    at += Character.charCount(codePoint);
                }
            }
            return found;
        }

        private static boolean canStartEmoji(String text, int at, int codePoint) {
            if (codePoint < 0x80) {
                // #, * and digits are emoji only as keycaps: followed by U+FE0F or U+20E3.
                int next = at + 1 < text.length() ? text.charAt(at + 1) : 0;
                return (codePoint == '#' || codePoint == '*' || (codePoint >= '0' && codePoint <= '9'))
                        && (next == 0xFE0F || next == 0x20E3);
            }
            return UCharacter.hasBinaryProperty(codePoint, UProperty.EMOJI)
                    || UCharacter.hasBinaryProperty(codePoint, UProperty.EXTENDED_PICTOGRAPHIC)
                    || UCharacter.hasBinaryProperty(codePoint, UProperty.EMOJI_COMPONENT);
        }
    }

    /** What is left of the steps one text may spend in the URL pattern. */
    private static final class Budget {
        long left;

        static Budget of(String text) {
            Budget budget = new Budget();
            budget.left = STEPS_PER_TEXT + STEPS_PER_TEXT_CHAR * text.length();
            return budget;
        }
    }

    private static final class OverBudget extends RuntimeException {
        OverBudget() {
            super(null, null, false, false);
        }
    }

    /** A text that counts the characters a pattern reads, and stops the pattern past {@code allowed}. */
    private static final class Counted implements CharSequence {
        private final String text;
        private final long allowed;
        long steps;

        Counted(String text, long allowed) {
            this.text = text;
            this.allowed = allowed;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (++steps > allowed) {
                throw new OverBudget();
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
