package io.kogu.content.rules;

import io.kogu.content.channel.Channel;
import io.kogu.content.draft.DraftContent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Each network's rules as the network counts them (NetworkRules cites the documentation of each). */
class NetworkRulesTest {

    private static Channel channel(String network) {
        Channel channel = new Channel();
        channel.id = UUID.randomUUID();
        channel.network = network;
        return channel;
    }

    private static ChannelCheck check(String network, String text, DraftContent.Media... media) {
        Channel channel = channel(network);
        DraftContent content = new DraftContent("Title", text, List.of(channel.id), List.of(), List.of(media), null,
                List.of(), null, List.of(), null, null);
        return DraftChecker.check(content, channel);
    }

    private static DraftContent.Media image(String altText) {
        return new DraftContent.Media("https://cdn.example.com/a.jpg", "image", altText, null, null, null);
    }

    private static DraftContent.Media video(double seconds) {
        return new DraftContent.Media("https://cdn.example.com/a.mp4", "video", "A video", null, null, seconds);
    }

    private static List<String> errors(ChannelCheck check) {
        return check.problems().stream().filter(RuleProblem::isError).map(RuleProblem::rule).toList();
    }

    private static List<String> warnings(ChannelCheck check) {
        return check.problems().stream().filter(p -> !p.isError()).map(RuleProblem::rule).toList();
    }

    @Test
    void xRefusesAnEmptyTextWithoutMediaAndTheCharactersTwitterTextRefuses() {
        assertThat(errors(check("x", "   "))).containsExactly("text.empty");
        assertThat(errors(check("x", "", image("A tulip")))).isEmpty();
        assertThat(errors(check("x", "Spring \uFFFF"))).containsExactly("text.invalid_characters");
        assertThat(errors(check("x", "Spring \uFEFF"))).containsExactly("text.invalid_characters");
        // twitter-text lists the directional controls, but refuses none of them (right-to-left texts need them).
        assertThat(errors(check("x", "Spring \u202E gnirpS \u200F"))).isEmpty();
        assertThat(errors(check("x", "Spring 🌷"))).isEmpty();
        // Only X has these rules.
        assertThat(errors(check("mastodon", "Spring \uFFFF"))).isEmpty();
    }

    @Test
    void blueskyAlsoLimitsTheTextTo3000Utf8Bytes() {
        // 300 graphemes of one family emoji each: within 300 graphemes, but 18 bytes each.
        String family = "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
        ChannelCheck check = check("bluesky", family.repeat(300));
        assertThat(check.countedLength()).isEqualTo(300);
        assertThat(errors(check)).containsExactly("text.bytes");
        RuleProblem bytes = check.problems().get(0);
        assertThat(bytes.limit()).isEqualTo(3000);
        assertThat(bytes.actual()).isEqualTo(300 * 18);
        assertThat(errors(check("bluesky", "é".repeat(300)))).isEmpty(); // 600 bytes
    }

    @Test
    void mastodonCountsGraphemesRemoteMentionsAsTheUserAndLinksWithItsOwnPattern() {
        String family = "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
        assertThat(check("mastodon", family).countedLength()).isEqualTo(1);
        assertThat(check("mastodon", "hi @ann@mastodon.social!").countedLength()).isEqualTo("hi @ann!".length());
        assertThat(check("mastodon", "mail ann@example.com").countedLength()).isEqualTo("mail ann@example.com".length());
        // A link with a scheme counts 23, one without does not (twitter-text would count example.com as 23).
        assertThat(check("mastodon", "see https://example.com/" + "a".repeat(200) + ".").countedLength())
                .isEqualTo("see ".length() + 23 + 1);
        assertThat(check("mastodon", "see example.com").countedLength()).isEqualTo(15);
        assertThat(check("mastodon", "(https://en.wikipedia.org/wiki/Tallinn_(city))").countedLength()).isEqualTo(2 + 23);
    }

    @Test
    void threadsCountsAnEmojiByItsUtf8Bytes() {
        ChannelCheck check = check("threads", "Kevad 🌷");
        assertThat(check.unit()).isEqualTo(LengthUnit.EMOJI_BYTES);
        assertThat(check.countedLength()).isEqualTo("Kevad ".length() + 4);
        assertThat(errors(check("threads", "🌷".repeat(126)))).containsExactly("text.length"); // 504 > 500
        assertThat(errors(check("threads", "é".repeat(500)))).isEmpty();
    }

    @Test
    void mediaCountsKindsAndDurationsAreTheNetworks() {
        DraftContent.Media image = image("A tulip");
        assertThat(errors(check("x", "t", image, image, image, image))).isEmpty();
        assertThat(errors(check("x", "t", image, image, image, image, image))).containsExactly("media.count");
        assertThat(errors(check("x", "t", image, video(10)))).containsExactly("media.mixed");
        assertThat(errors(check("x", "t", video(141)))).containsExactly("media.duration");
        assertThat(errors(check("x", "t", video(140)))).isEmpty();
        assertThat(errors(check("bluesky", "t", video(181)))).containsExactly("media.duration");
        DraftContent.Media[] eleven = new DraftContent.Media[11];
        java.util.Arrays.fill(eleven, image);
        assertThat(errors(check("instagram", "t", eleven))).containsExactly("media.count");
        assertThat(errors(check("instagram", "t", java.util.Arrays.copyOf(eleven, 10)))).isEmpty();
        assertThat(errors(check("tiktok", "t", video(601)))).containsExactly("media.duration");
    }

    @Test
    void missingAltTextIsAWarningNotAnError() {
        ChannelCheck check = check("mastodon", "t", image(null), image("A tulip"), image(" "));
        assertThat(errors(check)).isEmpty();
        assertThat(warnings(check)).containsExactly("media.alt_text", "media.alt_text");
        assertThat(check.problems()).allMatch(p -> p.severity() == RuleProblem.Severity.WARNING);
    }
}
