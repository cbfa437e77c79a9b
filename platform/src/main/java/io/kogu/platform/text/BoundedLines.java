package io.kogu.platform.text;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines (ended by LF or CRLF) of at most {@code maxLineChars} characters each. A longer line throws
 * {@link LineLimitedReader.LineTooLongException} when it is reached, after every line before it was returned,
 * and never holds more than the limit in memory. For NDJSON bodies, read line by line.
 */
public final class BoundedLines implements AutoCloseable {

    private final Reader in;
    private final int maxLineChars;
    private final char[] buffer = new char[8192];
    private int position;
    private int end;
    private long lineNumber;

    public BoundedLines(Reader in, int maxLineChars) {
        this.in = in;
        this.maxLineChars = maxLineChars;
    }

    /** The next line without its line break, or null at the end of the input. */
    public String readLine() throws IOException {
        StringBuilder line = null;
        while (true) {
            if (position == end) {
                end = in.read(buffer, 0, buffer.length);
                position = 0;
                if (end <= 0) {
                    end = 0;
                    if (line == null) {
                        return null;
                    }
                    lineNumber++;
                    return line.toString();
                }
            }
            if (line == null) {
                line = new StringBuilder();
            }
            int start = position;
            while (position < end && buffer[position] != '\n') {
                position++;
            }
            line.append(buffer, start, position - start);
            boolean ended = position < end;
            if (ended) {
                position++;
            }
            int length = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
            if (length > maxLineChars) {
                throw new LineLimitedReader.LineTooLongException(lineNumber + 1, maxLineChars);
            }
            if (ended) {
                lineNumber++;
                line.setLength(length);
                return line.toString();
            }
        }
    }

    /** How many lines were returned so far. */
    public long lineNumber() {
        return lineNumber;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
