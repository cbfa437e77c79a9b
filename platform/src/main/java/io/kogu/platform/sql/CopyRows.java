package io.kogu.platform.sql;

import org.postgresql.PGConnection;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * Rows for {@code COPY … FROM STDIN}, in PostgreSQL's binary format, sent through the driver's
 * {@code CopyManager}: the cheapest way to store many rows (no statement per row, no arrays to bind, and no text
 * for the server to parse back into uuids and timestamps). Values travel as data, never as SQL; the target
 * names a table and its columns, fixed by the caller.
 *
 * <p>Binary COPY takes each value in its column's exact type, so a value's Java type says it: {@link String}
 * for text, {@link UUID} for uuid, {@link Instant} for timestamptz (microseconds), {@link Long} for bigint,
 * {@link Integer} for integer, {@link Boolean} for boolean, {@link Double} for double precision, {@link Jsonb}
 * for jsonb and {@link ArrayOf} for arrays of those; null is NULL.
 *
 * <pre>{@code
 * CopyRows rows = new CopyRows("engagement_event (workspace_id, event_id, occurred_at, count)");
 * rows.row(workspaceId, eventId, occurredAt, 1L);
 * long stored = rows.copy(connection);
 * }</pre>
 */
public final class CopyRows {

    /** The signature, flags and header extension length every binary COPY starts with. */
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
            0, 0, 0, 0, 0, 0, 0, 0};
    /** The trailer after the last row. */
    private static final byte[] END = {(byte) 0xFF, (byte) 0xFF};
    /** PostgreSQL's epoch (2000-01-01T00:00:00Z) in Unix seconds. */
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;

    /** A jsonb value: JSON text, as the caller's mapper wrote it. */
    public record Jsonb(String json) {
    }

    /**
     * A one-dimensional array; its elements take the binary forms above (and may be null). Binary COPY checks the
     * element type against the column's, so the array says which it is.
     */
    public record ArrayOf(java.util.List<?> values, int elementTypeOid) {

        /** text[] of {@link String}s. */
        public static ArrayOf text(java.util.List<String> values) {
            return new ArrayOf(values, 25);
        }

        /** varchar[] of {@link String}s. */
        public static ArrayOf varchar(java.util.List<String> values) {
            return new ArrayOf(values, 1043);
        }

        /** uuid[] of {@link UUID}s. */
        public static ArrayOf uuid(java.util.List<UUID> values) {
            return new ArrayOf(values, 2950);
        }

        /** timestamptz[] of {@link Instant}s. */
        public static ArrayOf timestamptz(java.util.List<Instant> values) {
            return new ArrayOf(values, 1184);
        }

        /** bigint[] of {@link Long}s. */
        public static ArrayOf bigint(java.util.List<Long> values) {
            return new ArrayOf(values, 20);
        }
    }

    private final String target;
    private final int columns;
    private final Output out = new Output();
    private int rows;

    /** {@code target}: a table and its column list, e.g. {@code rollup_backlog (workspace_id, total)}. */
    public CopyRows(String target) {
        this.target = target;
        int open = target.indexOf('(');
        if (open < 0) {
            throw new IllegalArgumentException("Name the columns of " + target + ": binary COPY takes them in order");
        }
        this.columns = target.substring(open).split(",").length;
        out.writeBytes(HEADER);
    }

    /** One row, its values in the order of the target's columns (see the class comment for the types). */
    public CopyRows row(Object... values) {
        if (values.length != columns) {
            throw new IllegalArgumentException("A row of " + target + " has " + columns + " values, not " + values.length);
        }
        out.writeShort(columns);
        for (Object value : values) {
            append(value);
        }
        rows++;
        return this;
    }

    public int size() {
        return rows;
    }

    /** The rows as COPY reads them, without the end marker (for tests). */
    byte[] encoded() {
        return out.toByteArray();
    }

    /** Sends the rows in one {@code COPY} on the connection (in its transaction); answers how many were stored. */
    public long copy(Connection connection) throws SQLException {
        if (rows == 0) {
            return 0;
        }
        // The rows, then the end of the data (-1 as a 16-bit field count), without copying the rows again.
        java.io.InputStream data = new java.io.SequenceInputStream(out.asInput(), new ByteArrayInputStream(END));
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy " + target + " from stdin with (format binary)", data);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading from memory does not fail
        }
    }

    private void append(Object value) {
        if (value == null) {
            out.writeInt(-1);
        } else if (value instanceof String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.writeBytes(bytes);
        } else if (value instanceof UUID uuid) {
            out.writeInt(16);
            out.writeLong(uuid.getMostSignificantBits());
            out.writeLong(uuid.getLeastSignificantBits());
        } else if (value instanceof Instant instant) {
            out.writeInt(8);
            long micros = Math.addExact(Math.multiplyExact(instant.getEpochSecond() - POSTGRES_EPOCH_SECONDS, 1_000_000L),
                    instant.getNano() / 1_000);
            out.writeLong(micros);
        } else if (value instanceof Long number) {
            out.writeInt(8);
            out.writeLong(number);
        } else if (value instanceof Integer number) {
            out.writeInt(4);
            out.writeInt(number);
        } else if (value instanceof Boolean bool) {
            out.writeInt(1);
            out.write(bool ? 1 : 0);
        } else if (value instanceof Double number) {
            out.writeInt(8);
            out.writeLong(Double.doubleToLongBits(number));
        } else if (value instanceof Jsonb jsonb) {
            byte[] bytes = jsonb.json().getBytes(StandardCharsets.UTF_8);
            out.writeInt(1 + bytes.length);
            out.write(1); // jsonb's binary format: a version byte, then the text
            out.writeBytes(bytes);
        } else if (value instanceof ArrayOf array) {
            appendArray(array);
        } else {
            throw new IllegalArgumentException("No binary COPY form for a " + value.getClass().getName()
                    + " in " + target + ": pass String, UUID, Instant, Long, Integer, Boolean, Double, Jsonb or"
                    + " ArrayOf");
        }
    }

    /**
     * array_recv's format: its length (known once written), dimensions, a has-nulls flag, the element type, each
     * dimension's length and lower bound, then each element as a field is (length and bytes, or -1 for null).
     */
    private void appendArray(ArrayOf array) {
        int lengthAt = out.reserveInt();
        int start = out.size();
        int size = array.values().size();
        out.writeInt(size == 0 ? 0 : 1);
        boolean hasNulls = false;
        for (Object element : array.values()) { // not contains(null): List.of answers that with an exception
            hasNulls |= element == null;
        }
        out.writeInt(hasNulls ? 1 : 0);
        out.writeInt(array.elementTypeOid());
        if (size > 0) {
            out.writeInt(size);
            out.writeInt(1);
        }
        for (Object element : array.values()) {
            if (element instanceof ArrayOf) {
                throw new IllegalArgumentException("An ArrayOf for " + target + " holds an array: one dimension only");
            }
            append(element);
        }
        out.patchInt(lengthAt, out.size() - start);
    }

    /**
     * A growing byte buffer with big-endian numbers. Not {@code ByteArrayOutputStream}, whose every one-byte write
     * is synchronized: that lock was most of the time spent encoding a batch.
     */
    private static final class Output {

        /** Big-endian, as COPY's binary format is: one store per value instead of one per byte. */
        private static final java.lang.invoke.VarHandle SHORT = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
                short[].class, java.nio.ByteOrder.BIG_ENDIAN);
        private static final java.lang.invoke.VarHandle INT = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
                int[].class, java.nio.ByteOrder.BIG_ENDIAN);
        private static final java.lang.invoke.VarHandle LONG = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
                long[].class, java.nio.ByteOrder.BIG_ENDIAN);

        private byte[] buf = new byte[64 * 1024];
        private int count;

        private void ensure(int more) {
            if (count + more > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
            }
        }

        void write(int value) {
            ensure(1);
            buf[count++] = (byte) value;
        }

        void writeBytes(byte[] bytes) {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buf, count, bytes.length);
            count += bytes.length;
        }

        void writeShort(int value) {
            ensure(2);
            SHORT.set(buf, count, (short) value);
            count += 2;
        }

        void writeInt(int value) {
            ensure(4);
            INT.set(buf, count, value);
            count += 4;
        }

        void writeLong(long value) {
            ensure(8);
            LONG.set(buf, count, value);
            count += 8;
        }

        /** Leaves room for an int written later ({@link #patchInt}); answers where. */
        int reserveInt() {
            ensure(4);
            count += 4;
            return count - 4;
        }

        void patchInt(int at, int value) {
            INT.set(buf, at, value);
        }

        int size() {
            return count;
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(buf, count);
        }

        ByteArrayInputStream asInput() {
            return new ByteArrayInputStream(buf, 0, count);
        }
    }
}
