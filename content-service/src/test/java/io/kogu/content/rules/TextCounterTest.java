package io.kogu.content.rules;

import com.twitter.twittertext.TwitterTextParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextCounterTest {

    @Test
    void xCountsAUrlAnEmojiAndCjkAsTwitterTextDoes() {
        String text = "Spring 🌷 東京 https://example.com/spring/launch-day-with-a-long-path";
        int counted = TextCounter.length(text, LengthUnit.WEIGHTED, null);
        assertThat(counted).isEqualTo(TwitterTextParser.parseTweet(text).weightedLength);
        // "Spring " 7 + emoji 2 + " " 1 + two CJK characters 2 × 2 + " " 1 + any URL 23
        assertThat(counted).isEqualTo(38);
    }

    @Test
    void blueskyCountsWhatAReaderSeesAsOneCharacter() {
        String family = "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67"; // woman, ZWJ, woman, ZWJ, girl
        assertThat(TextCounter.length(family + " ok", LengthUnit.GRAPHEMES, null)).isEqualTo(4);
        assertThat(TextCounter.length("e\u0301", LengthUnit.GRAPHEMES, null)).isEqualTo(1);
        assertThat(TextCounter.length("🇪🇪", LengthUnit.GRAPHEMES, null)).isEqualTo(1);
    }

    @Test
    void mastodonCountsEveryLinkAs23() {
        String text = "Read https://example.com/" + "a".repeat(100) + " now";
        assertThat(TextCounter.length(text, LengthUnit.CHARACTERS, 23)).isEqualTo("Read ".length() + 23 + " now".length());
        assertThat(TextCounter.length("see example.com", LengthUnit.CHARACTERS, 23)).isEqualTo(15);
    }

    @Test
    void tiktokCountsUtf16UnitsAndOthersCodePoints() {
        assertThat(TextCounter.length("🌷", LengthUnit.UTF16, null)).isEqualTo(2);
        assertThat(TextCounter.length("🌷", LengthUnit.CHARACTERS, null)).isEqualTo(1);
    }

    @Test
    void findsHashtagsAndMentionsInAnyScript() {
        assertThat(TextCounter.hashtags("#kevad #spring #東京 no#tag")).containsExactly("kevad", "spring", "東京");
        assertThat(TextCounter.mentions("hi @ann and @ben_b")).containsExactly("ann", "ben_b");
    }
}
