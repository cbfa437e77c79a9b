package io.kogu.content.publish;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The title metrics-service shows next to a publication id: the draft's title, else the text's first line. */
class PublicationTitleTest {

    private static PublicationContent content(String title, String text) {
        return new PublicationContent(text, title, null, List.of(), null, List.of(), null, List.of());
    }

    @Test
    void theDraftsTitleWins() {
        assertThat(PublicationWork.title(content("  Spring launch ", "Monday!\nMore soon"))).isEqualTo("Spring launch");
    }

    @Test
    void withoutATitleTheFirstNonBlankLineOfTheText() {
        assertThat(PublicationWork.title(content(null, "\n  \n  Monday is the day  \nMore soon"))).isEqualTo("Monday is the day");
        assertThat(PublicationWork.title(content(" ", "  "))).isNull();
        assertThat(PublicationWork.title(content(null, null))).isNull();
    }

    @Test
    void aLongLineIsCutTo200CharactersWithoutSplittingAnEmoji() {
        String text = "🌸".repeat(300);
        String title = PublicationWork.title(content(null, text));
        assertThat(title.codePointCount(0, title.length())).isEqualTo(200);
        assertThat(title).endsWith("🌸…");
    }
}
