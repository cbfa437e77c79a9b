package io.kogu.content.publish.connector.bluesky;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RecordKeysTest {

    /** https://atproto.com/specs/tid: 13 characters, base32-sortable, the first one with the top bit clear. */
    private static final String TID = "^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$";

    @Test
    void theKeyIsAValidTidDerivedFromThePublicationAlone() {
        UUID publication = UUID.randomUUID();
        assertThat(RecordKeys.post(publication)).matches(TID).isEqualTo(RecordKeys.post(UUID.fromString(publication.toString())));
        assertThat(RecordKeys.firstComment(publication)).matches(TID).isNotEqualTo(RecordKeys.post(publication));
    }

    @Test
    void publicationsGetKeysOfTheirOwn() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            UUID publication = UUID.randomUUID();
            keys.add(RecordKeys.post(publication));
            keys.add(RecordKeys.firstComment(publication));
        }
        assertThat(keys).hasSize(20_000);
    }

    @Test
    void encodingIsBase32SortableOfTheWholeValue() {
        assertThat(RecordKeys.encode(0)).isEqualTo("2222222222222");
        assertThat(RecordKeys.encode(31)).isEqualTo("222222222222z");
        assertThat(RecordKeys.encode(Long.MAX_VALUE)).isEqualTo("bzzzzzzzzzzzz");
    }
}
