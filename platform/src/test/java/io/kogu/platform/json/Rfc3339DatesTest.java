package io.kogu.platform.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand parser gives what Jackson's own deserializer gives, and leaves every other text to it. */
class Rfc3339DatesTest {

    private final ObjectMapper jackson = new ObjectMapper().registerModule(new JavaTimeModule());
    private final ObjectMapper fast = new ObjectMapper().registerModule(new JavaTimeModule())
            .registerModule(Rfc3339Dates.module());

    @Test
    void usualShapesAreTheInstantsJacksonReads() throws Exception {
        for (String text : List.of("2026-03-01T10:00:00Z", "2026-03-01T10:00:00.1Z", "2026-03-01T10:00:00.123456Z",
                "2026-03-01T10:00:00.123456789Z", "2026-03-01T10:00:00+02:00", "2026-03-01T01:30:00.5-05:30",
                "2024-02-29T23:59:59.999999+14:00", "1999-12-31T23:59:59-12:00", "2026-08-22T18:47:32.969936+00:00")) {
            OffsetDateTime expected = jackson.readValue('"' + text + '"', OffsetDateTime.class);
            OffsetDateTime parsed = Rfc3339Dates.parse(text);
            assertThat(parsed).as(text).isNotNull();
            assertThat(parsed.toInstant()).as(text).isEqualTo(expected.toInstant());
            assertThat(parsed.getOffset()).as(text).isEqualTo(ZoneOffset.UTC);
            assertThat(fast.readValue('"' + text + '"', OffsetDateTime.class)).isEqualTo(parsed);
        }
    }

    @Test
    void otherTextIsLeftToJacksonWhichDecidesAsBefore() throws Exception {
        for (String text : List.of("2026-02-30T10:00:00Z", "2026-03-01T24:00:00Z", "2026-03-01T10:00:60Z",
                "2026-03-01 10:00:00Z", "2026-03-01T10:00Z", "2026-03-01T10:00:00", "2026-03-01T10:00:00.Z",
                "2026-03-01T10:00:00.1234567890Z", "2026-03-01T10:00:00+0200", "2026-03-01T10:00:00+19:00",
                "2026-03-01T10:00:00z", "２０２６-03-01T10:00:00Z", "not a date")) {
            assertThat(Rfc3339Dates.parse(text)).as(text).isNull();
            Object viaJackson;
            try {
                viaJackson = jackson.readValue('"' + text + '"', OffsetDateTime.class).toInstant();
            } catch (Exception e) {
                viaJackson = e.getClass();
            }
            Object viaFast;
            try {
                viaFast = fast.readValue('"' + text + '"', OffsetDateTime.class).toInstant();
            } catch (Exception e) {
                viaFast = e.getClass();
            }
            assertThat(viaFast).as(text).isEqualTo(viaJackson);
        }
        assertThatThrownBy(() -> fast.readValue("\"2026-02-30T10:00:00Z\"", OffsetDateTime.class))
                .hasMessageContaining("2026-02-30T10:00:00Z");
    }
}
