package io.kogu.platform.sql;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** COPY's text format: values as data, escaped where the format needs it. */
class CopyRowsTest {

    @Test
    void rowsAreTabSeparatedLinesWithNullsEscapesAndUtcInstants() {
        CopyRows rows = new CopyRows("t (a, b, c, d, e)");
        rows.row("plain", null, 42L, UUID.fromString("00000000-0000-4000-8000-000000000001"),
                Instant.parse("2026-03-01T10:00:00Z"));
        rows.row("tab\there, line\nbreak, cr\r, back\\slash; drop table t", "\\N",
                7, "ünïcödé 🎉", Instant.parse("2026-03-01T09:05:07.000123Z"));

        assertThat(rows.size()).isEqualTo(2);
        assertThat(rows.encoded()).isEqualTo(
                "plain\t\\N\t42\t00000000-0000-4000-8000-000000000001\t2026-03-01T10:00:00Z\n"
                        + "tab\\there, line\\nbreak, cr\\r, back\\\\slash; drop table t\t\\\\N\t7\tünïcödé 🎉\t"
                        + "2026-03-01T09:05:07.000123000Z\n");
    }

    @Test
    void instantsOutsideFourDigitYearsKeepTheirIsoForm() {
        assertThat(new CopyRows("t (a)").row(Instant.parse("+10000-01-01T00:00:00Z")).encoded())
                .isEqualTo("+10000-01-01T00:00:00Z\n");
        assertThat(new CopyRows("t (a)").row(Instant.parse("0999-12-31T23:59:59.5Z")).encoded())
                .isEqualTo("0999-12-31T23:59:59.500Z\n");
    }

    @Test
    void aRowOfTheWrongWidthIsRefused() {
        assertThatThrownBy(() -> new CopyRows("t (a, b)").row("only one"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
