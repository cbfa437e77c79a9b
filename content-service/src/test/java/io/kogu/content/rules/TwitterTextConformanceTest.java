package io.kogu.content.rules;

import com.twitter.twittertext.Extractor;
import com.twitter.twittertext.TwitterTextParser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounded use of twitter-text ({@link TwitterTextBounded}) gives the library's own answers on the texts
 * people write: texts generated from words, URLs with and without scheme, hashtags, mentions, emoji (ZWJ
 * sequences, flags, keycaps), CJK, accents (composed and not), punctuation, every kind of white space and
 * control characters, each compared with what the library answers for the whole text.
 */
class TwitterTextConformanceTest {

    private static final String[] PIECES = {
            "Spring", "launch", "día", "e\u0301te\u0301", "東京", "のの", "저찀", "ашок", "🌷", "🐱",
            "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "🇪🇪", "#\uFE0F\u20E3", "👍🏽",
            "https://example.com/spring/launch-day-with-a-long-path", "http://test.com", "test.com", "t.co/abc123",
            "www.example.co.uk/a?b=c&d=e#top", "example.com/path/to/resource?search=foo&lang=en",
            "HTTPS://www.ExaMPLE.COM/index.html", "http://user:PASSW0RD@example.com:8080/login.php",
            "(https://en.wikipedia.org/wiki/Tallinn_(disambiguation))", "http://☃.net/", "http://192.168.0.1/x",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PL0ZPu8XSRTB7wZzn0mLHMvyzVFeRxbWn-",
            "ftp://nope.example.com", "foo.co.jp,bar.com", "e.g.", "U.S.A.", "1.2.3", "v2.0.1", "a.b",
            "#kevad", "#東京", "#1st", "#123", "no#tag", "#tag#tag", "@ann", "@ben_b", "@ann/list", "RT@ann",
            "user@example.com", "@ann@example.social", "$TWTR", "...", ",", "!", "?", "—", "«", "»", "(", ")",
            "\"quoted\"", "it's", "\uFFFE", "\u202A", "\u0001",
    };
    private static final String[] SPACES = {" ", " ", " ", "  ", "\n", "\n\n", "\t", "\u00A0", "\u3000", "\u2009", "\r\n", ""};

    @Test
    void weightedLengthsHashtagsAndMentionsAreTheLibrarys() {
        Random random = new Random(20261130L);
        Extractor extractor = new Extractor();
        List<String> texts = new ArrayList<>(List.of("", " ", "a", " a ", "\u0001", "a \u0001", "\u0001 a", " \n",
                "https://example.com", "Test https://test.com test https://test.com test.com test",
                "Spring 🌷 東京 https://example.com/spring/launch-day-with-a-long-path"));
        for (int i = 0; i < 1_500; i++) {
            StringBuilder text = new StringBuilder();
            int pieces = 1 + random.nextInt(20);
            for (int p = 0; p < pieces; p++) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
                text.append(SPACES[random.nextInt(SPACES.length)]);
            }
            texts.add(text.toString());
        }
        for (String text : texts) {
            assertThat(TwitterTextBounded.weightedLength(text)).as("weighted length of [%s]", text)
                    .isEqualTo(TwitterTextParser.parseTweet(text).weightedLength);
            assertThat(TwitterTextBounded.hashtags(text)).as("hashtags of [%s]", text)
                    .isEqualTo(extractor.extractHashtags(text));
            assertThat(TwitterTextBounded.mentions(text)).as("mentions of [%s]", text)
                    .isEqualTo(extractor.extractMentionedScreennames(text));
            boolean validForLibrary = TwitterTextParser.parseTweet(text).isValid;
            boolean validHere = !text.trim().isEmpty() && !TwitterTextBounded.hasInvalidCharacters(text)
                    && TwitterTextBounded.weightedLength(text) <= 280;
            assertThat(validHere).as("validity of [%s]", text).isEqualTo(validForLibrary);
        }
    }

    @Test
    void longUrlsUpToWhatXShortensStillCountAs23() {
        String url = "https://example.com/" + "a".repeat(4000);
        assertThat(TwitterTextBounded.weightedLength("read " + url + " now"))
                .isEqualTo(TwitterTextParser.parseTweet("read " + url + " now").weightedLength).isEqualTo(5 + 23 + 4);
    }
}
