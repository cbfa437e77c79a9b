package io.kogu.content.rules;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Texts made to be slow for twitter-text's URL pattern (2,000 characters of them took 7 s before, 100,000 —
 * what the contract admits — hours) are counted in milliseconds by every network's rule. The bound is generous
 * (a loaded CI machine); the figures are printed.
 */
class TextValidationIsLinearTest {

    private static final int LENGTH = 100_000;

    private static List<String> adversarial() {
        return List.of(
                "http://" + "a.".repeat(LENGTH / 2 - 4),
                "a.".repeat(LENGTH / 2),
                "https://x.com/" + "a.".repeat(LENGTH / 2 - 7),
                ("http://" + "a.".repeat(40) + " ").repeat(LENGTH / 88),
                ("a." .repeat(20) + " ").repeat(LENGTH / 41),
                "1.".repeat(LENGTH / 2),
                "#a.".repeat(LENGTH / 3),
                "@a.".repeat(LENGTH / 3),
                "@a@b.".repeat(LENGTH / 5),
                "U.S.A. ".repeat(LENGTH / 7),
                "http://a.a".repeat(LENGTH / 10));
    }

    @Test
    void adversarialTextsOfTheContractsMaximumLengthAreCheckedInMilliseconds() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (String text : adversarial()) {
                long start = System.nanoTime();
                for (LengthUnit unit : LengthUnit.values()) {
                    TextCounter.length(text, unit, null);
                }
                TextCounter.length(text, LengthUnit.GRAPHEMES, 23);
                TextCounter.hashtags(text);
                TextCounter.mentions(text);
                TextCounter.hasInvalidCharactersForX(text);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                System.out.printf("%,d characters starting %s: %d ms%n", text.length(), text.substring(0, 12), took.toMillis());
                assertThat(took).as("checking %s…", text.substring(0, 12)).isLessThan(Duration.ofSeconds(5));
            }
        });
    }

    @Test
    void aTextMadeToBeSlowIsCountedAsXCountsTextWithoutAUrl() {
        String text = "http://" + "a.".repeat(1000);
        // Not a URL for X (no valid top-level domain): every character counts 1.
        assertThat(TextCounter.length(text, LengthUnit.WEIGHTED, null)).isEqualTo(text.length());
    }
}
