package io.kogu.platform.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the lines (ended by LF or CRLF) of a UTF-8 byte stream as bytes, for a parser that reads bytes (Jackson):
 * no decoding into characters and no {@code String} per line, which was a fifth of the CPU of reading an NDJSON
 * event stream (issue 15). Every line is checked to be well-formed UTF-8 ({@link Utf8Validator#problemIn}: a fault throws
 * {@link MalformedUtf8Exception} when its line is reached, after every line before it) and
 * to hold at most {@code maxLineChars} characters as {@link String#length()} counts them (a longer line throws
 * {@link LineLimitedReader.LineTooLongException} when reached); it holds at most three bytes per character of the
 * limit in memory. A line's bytes ({@link #bytes()}, {@link #offset()}, {@link #length()}) are valid until the next
 * call of {@link #next()}. For NDJSON bodies; {@link BoundedLines} reads lines as text.
 */
public final class Utf8Lines implements AutoCloseable {

    private final InputStream in;
    private final int maxLineChars;
    /** A line of {@code maxLineChars} characters takes at most this many bytes (3 per UTF-16 unit), its CR included. */
    private final int maxLineBytes;
    private byte[] buffer;
    private int position;
    private int end;
    private boolean ended;
    private int lineOffset;
    private int lineLength;
    private long lineNumber;

    public Utf8Lines(InputStream in, int maxLineChars) {
        this.in = in;
        this.maxLineChars = maxLineChars;
        this.maxLineBytes = (int) Math.min(Integer.MAX_VALUE - 16, 3L * maxLineChars + 1);
        this.buffer = new byte[Math.min(64 * 1024, maxLineBytes + 1)];
    }

    /** Moves to the next line; false at the end of the input. */
    public boolean next() throws IOException {
        int scanned = position;
        while (true) {
            int newline = indexOfNewline(scanned, end);
            if (newline >= 0) {
                accept(position, newline - position);
                position = newline + 1;
                return true;
            }
            scanned = end;
            if (end - position > maxLineBytes) {
                throw new LineLimitedReader.LineTooLongException(lineNumber + 1, maxLineChars);
            }
            if (ended) {
                if (position == end) {
                    return false;
                }
                accept(position, end - position);
                position = end;
                return true;
            }
            if (position > 0 && end == buffer.length) {
                System.arraycopy(buffer, position, buffer, 0, end - position);
                scanned -= position;
                end -= position;
                position = 0;
            }
            if (end == buffer.length) {
                byte[] larger = new byte[(int) Math.min((long) buffer.length * 2, maxLineBytes + 1L)];
                System.arraycopy(buffer, 0, larger, 0, end);
                buffer = larger;
            }
            int n = in.read(buffer, end, buffer.length - end);
            if (n < 0) {
                ended = true;
            } else {
                end += n;
            }
        }
    }

    private int indexOfNewline(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Checks the line at {@code buffer[offset..offset+length)} (without its LF) and makes it the current one. */
    private void accept(int offset, int length) throws IOException {
        if (length > 0 && buffer[offset + length - 1] == '\r') {
            length--;
        }
        String problem = Utf8Validator.problemIn(buffer, offset, length);
        if (problem != null) {
            throw new MalformedUtf8Exception("line " + (lineNumber + 1) + ": " + problem);
        }
        if (length > maxLineChars && utf16Length(offset, length) > maxLineChars) {
            throw new LineLimitedReader.LineTooLongException(lineNumber + 1, maxLineChars);
        }
        lineOffset = offset;
        lineLength = length;
        lineNumber++;
    }

    /** The characters of well-formed UTF-8 as {@link String#length()} counts them: 2 for a four-byte sequence. */
    private int utf16Length(int offset, int length) {
        int units = 0;
        for (int i = offset; i < offset + length; i++) {
            int b = buffer[i] & 0xFF;
            if ((b & 0xC0) != 0x80) {
                units += b >= 0xF0 ? 2 : 1;
            }
        }
        return units;
    }

    /** The buffer that holds the current line. */
    public byte[] bytes() {
        return buffer;
    }

    /** Where the current line starts in {@link #bytes()}. */
    public int offset() {
        return lineOffset;
    }

    /** The current line's length in bytes, its line break not counted. */
    public int length() {
        return lineLength;
    }

    /** Whether the current line holds only white space. */
    public boolean isBlank() {
        for (int i = lineOffset; i < lineOffset + lineLength; i++) {
            byte b = buffer[i];
            if (b < 0) {
                return text().isBlank(); // white space beyond ASCII, or not blank
            }
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    /** The current line as text. */
    public String text() {
        return new String(buffer, lineOffset, lineLength, StandardCharsets.UTF_8);
    }

    /** How many lines were returned so far (the current one included). */
    public long lineNumber() {
        return lineNumber;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
