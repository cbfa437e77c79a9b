package io.kogu.platform.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The one table of handle cases ({@code handles.csv}) that every service's matching follows. */
class HandlesTest {

    @ParameterizedTest(name = "{0} {1} → {2} ({3})")
    @CsvFileSource(resources = "/handles.csv", ignoreLeadingAndTrailingWhitespace = false)
    void normalisesAsTheTableSays(String network, String handle, String normalised, String why) {
        assertThat(Handles.normalize(network, handle)).as(why).isEqualTo(normalised);
        assertThat(Handles.normalize(network, normalised)).as("normalising twice changes nothing").isEqualTo(normalised);
        assertThat(Handles.key(network, handle)).isEqualTo(Handles.key(network, normalised));
    }

    @Test
    void mastodonInstancesAreDifferentPeople() {
        assertThat(Handles.key("mastodon", "@ann@mastodon.social")).isNotEqualTo(Handles.key("mastodon", "@ann@other.example"));
    }
}
