package io.kogu.content.publish.connector.bluesky;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FacetsTest {

    /** What a facet's byte range covers in the UTF-8 text, as a reader of the record sees it. */
    private static String covered(String text, Facets.Span span) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new String(Arrays.copyOfRange(bytes, span.byteStart(), span.byteEnd()), StandardCharsets.UTF_8);
    }

    @Test
    void offsetsAreUtf8BytesAfterEmojiAndNonAsciiText() {
        // 🚀 is 4 bytes (2 UTF-16 units), õ and ä 2 bytes, 日本 3 bytes each: UTF-16 indices would be off.
        String text = "🚀 Tõnu ja 日本 räägivad: @bob.test vaata https://example.com/launch?x=1 #käivitus!";
        List<Facets.Span> spans = Facets.find(text);

        assertThat(spans).extracting(Facets.Span::kind, Facets.Span::value).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(Facets.Kind.MENTION, "bob.test"),
                org.assertj.core.groups.Tuple.tuple(Facets.Kind.LINK, "https://example.com/launch?x=1"),
                org.assertj.core.groups.Tuple.tuple(Facets.Kind.TAG, "käivitus"));
        for (Facets.Span span : spans) {
            String expected = switch (span.kind()) {
                case MENTION -> "@bob.test";
                case LINK -> "https://example.com/launch?x=1";
                case TAG -> "#käivitus";
            };
            assertThat(covered(text, span)).isEqualTo(expected);
        }
        Facets.Span mention = spans.stream().filter(s -> s.kind() == Facets.Kind.MENTION).findFirst().orElseThrow();
        int utf16Index = text.indexOf("@bob.test");
        assertThat(mention.byteStart()).isEqualTo(text.substring(0, utf16Index).getBytes(StandardCharsets.UTF_8).length)
                .isNotEqualTo(utf16Index);
    }

    @Test
    void linksLoseTrailingPunctuationAndBareDomainsGetAScheme() {
        String text = "Read (https://example.com/a) and example.org/b. Or https://x.example.com/c, then stop.";
        List<Facets.Span> links = Facets.find(text).stream().filter(s -> s.kind() == Facets.Kind.LINK).toList();
        assertThat(links).extracting(Facets.Span::value)
                .containsExactly("https://example.com/a", "https://example.org/b", "https://x.example.com/c");
        assertThat(links).extracting(s -> covered(text, s))
                .containsExactly("https://example.com/a", "example.org/b", "https://x.example.com/c");
    }

    @Test
    void aNameWithoutAKnownTopLevelDomainIsNeitherLinkNorMention() {
        assertThat(Facets.find("see file.notatld and @someone.notatld or mail me@example.com")).isEmpty();
    }

    @Test
    void hashtagsFollowBlueskysRules() {
        String text = "#2024 is not a tag, #launch2024 is, #Tallinn... is; mid#word is not; ＃全角 is";
        List<Facets.Span> tags = Facets.find(text);
        assertThat(tags).extracting(Facets.Span::value).containsExactly("launch2024", "Tallinn", "全角");
        assertThat(tags).extracting(s -> covered(text, s)).containsExactly("#launch2024", "#Tallinn", "＃全角");
    }

    @Test
    void aTagLongerThan64GraphemesIsNoTag() {
        assertThat(Facets.find("#" + "a".repeat(65))).isEmpty();
        assertThat(Facets.find("#" + "a".repeat(64))).hasSize(1);
    }
}
