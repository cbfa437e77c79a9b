package io.kogu.platform.sql;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** COPY's binary format: a header, then per row the field count and each value as length + bytes. */
class CopyRowsTest {

    @Test
    void rowsCarryEachValueInItsColumnsBinaryForm() {
        UUID id = UUID.fromString("00000000-0000-4000-8000-000000000001");
        String hostile = "tab\there\nback\\slash'; drop table t; é🎉";
        byte[] encoded = new CopyRows("t (a, b, c, d, e, f)")
                .row(hostile, null, 42L, id, Instant.parse("2000-01-01T00:00:01.000002999Z"), 7).encoded();

        ByteBuffer in = ByteBuffer.wrap(encoded);
        byte[] signature = new byte[11];
        in.get(signature);
        assertThat(signature).isEqualTo(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0});
        assertThat(in.getInt()).isZero(); // flags
        assertThat(in.getInt()).isZero(); // header extension
        assertThat(in.getShort()).isEqualTo((short) 6);
        byte[] text = new byte[in.getInt()];
        in.get(text);
        assertThat(new String(text, StandardCharsets.UTF_8)).isEqualTo(hostile); // data, never SQL, nothing escaped
        assertThat(in.getInt()).isEqualTo(-1); // NULL
        assertThat(in.getInt()).isEqualTo(8);
        assertThat(in.getLong()).isEqualTo(42L);
        assertThat(in.getInt()).isEqualTo(16);
        assertThat(new UUID(in.getLong(), in.getLong())).isEqualTo(id);
        assertThat(in.getInt()).isEqualTo(8);
        assertThat(in.getLong()).isEqualTo(1_000_002L); // microseconds since 2000-01-01, nanoseconds cut
        assertThat(in.getInt()).isEqualTo(4);
        assertThat(in.getInt()).isEqualTo(7);
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void instantsBeforePostgresEpochAreNegative() {
        ByteBuffer in = ByteBuffer.wrap(new CopyRows("t (a)").row(Instant.parse("1999-12-31T23:59:59Z")).encoded());
        in.position(19 + 2 + 4);
        assertThat(in.getLong()).isEqualTo(-1_000_000L);
    }

    @Test
    void jsonbIsItsVersionByteAndTextAndArraysCarryTheirElementType() {
        ByteBuffer in = ByteBuffer.wrap(new CopyRows("t (a, b, c)").row(new CopyRows.Jsonb("{\"é\":1}"),
                CopyRows.ArrayOf.varchar(java.util.List.of("fan", "vip")),
                CopyRows.ArrayOf.text(java.util.List.of())).encoded());
        in.position(19 + 2);
        byte[] json = "{\"é\":1}".getBytes(StandardCharsets.UTF_8);
        assertThat(in.getInt()).isEqualTo(1 + json.length);
        assertThat(in.get()).isEqualTo((byte) 1);
        in.position(in.position() + json.length);
        assertThat(in.getInt()).isEqualTo(20 + 4 + 3 + 4 + 3); // header, one dimension, two elements
        assertThat(in.getInt()).isEqualTo(1); // dimensions
        assertThat(in.getInt()).isZero(); // no nulls
        assertThat(in.getInt()).isEqualTo(1043); // varchar
        assertThat(in.getInt()).isEqualTo(2); // length
        assertThat(in.getInt()).isEqualTo(1); // lower bound
        assertThat(in.getInt()).isEqualTo(3);
        in.position(in.position() + 3);
        assertThat(in.getInt()).isEqualTo(3);
        in.position(in.position() + 3);
        assertThat(in.getInt()).isEqualTo(12); // an empty array: no dimensions
        assertThat(in.getInt()).isZero();
        assertThat(in.getInt()).isZero();
        assertThat(in.getInt()).isEqualTo(25); // text
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void typedArraysMayHoldNullsAndEncodeTheirElementsAsFields() {
        UUID id = UUID.fromString("00000000-0000-4000-8000-000000000002");
        ByteBuffer in = ByteBuffer.wrap(new CopyRows("t (a)").row(
                CopyRows.ArrayOf.uuid(java.util.Arrays.asList(id, null))).encoded());
        in.position(19 + 2);
        assertThat(in.getInt()).isEqualTo(20 + (4 + 16) + 4); // header, one dimension, a uuid and a null
        assertThat(in.getInt()).isEqualTo(1); // dimensions
        assertThat(in.getInt()).isEqualTo(1); // has nulls
        assertThat(in.getInt()).isEqualTo(2950); // uuid
        assertThat(in.getInt()).isEqualTo(2);
        assertThat(in.getInt()).isEqualTo(1);
        assertThat(in.getInt()).isEqualTo(16);
        assertThat(new UUID(in.getLong(), in.getLong())).isEqualTo(id);
        assertThat(in.getInt()).isEqualTo(-1);
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void aRowOfTheWrongWidthOrAValueWithoutABinaryFormIsRefused() {
        assertThatThrownBy(() -> new CopyRows("t (a, b)").row("only one"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CopyRows("t (a)").row(new Object()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("No binary COPY form");
        assertThatThrownBy(() -> new CopyRows("t")).isInstanceOf(IllegalArgumentException.class);
    }
}
