package io.kogu.content.rules;

import com.ibm.icu.text.BreakIterator;
import com.twitter.twittertext.Extractor;
import com.twitter.twittertext.TwitterTextParser;

import java.util.List;

/** Counts a text as a network does; the counting of X and of hashtags and mentions is twitter-text's. */
public final class TextCounter {

    private TextCounter() {
    }

    public static int length(String text, LengthUnit unit, Integer urlLength) {
        int length = switch (unit) {
            case WEIGHTED -> TwitterTextParser.parseTweet(text).weightedLength;
            case GRAPHEMES -> graphemes(text);
            case CHARACTERS -> text.codePointCount(0, text.length());
            case UTF16 -> text.length();
        };
        if (urlLength != null && unit != LengthUnit.WEIGHTED) {
            // Networks that shorten links (Mastodon) do it for links with a scheme only.
            Extractor extractor = new Extractor();
            extractor.setExtractURLWithoutProtocol(false);
            for (Extractor.Entity url : extractor.extractURLsWithIndices(text)) {
                String value = url.getValue();
                length += urlLength - length(value, unit, null);
            }
        }
        return length;
    }

    public static List<String> hashtags(String text) {
        return new Extractor().extractHashtags(text);
    }

    public static List<String> mentions(String text) {
        return new Extractor().extractMentionedScreennames(text);
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
}
