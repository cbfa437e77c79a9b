package io.kogu.platform.text;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Bounds every line of a text stream: a line longer than {@code maxLineChars} (its line break not counted)
 * ends reading with {@link LineTooLongException}. Wrap an upload in it before a parser that buffers lines or
 * records (commons-csv), so that one endless line cannot fill the heap. A parser reads ahead, so the failure
 * can come before the lines just above the long one were handed on: to process every line before a long one,
 * read lines with {@link BoundedLines} instead.
 */
public final class LineLimitedReader extends FilterReader {

    /** Raised when a line is longer than the limit; {@link #line()} is 1-based. */
    public static final class LineTooLongException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long line;
        private final int limit;

        public LineTooLongException(long line, int limit) {
            super("line " + line + " is longer than " + limit + " characters");
            this.line = line;
            this.limit = limit;
        }

        public long line() {
            return line;
        }

        public int limit() {
            return limit;
        }
    }

    private final int maxLineChars;
    private long line = 1;
    private int lineLength;

    public LineLimitedReader(Reader in, int maxLineChars) {
        super(in);
        this.maxLineChars = maxLineChars;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            count((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        for (int i = 0; i < n; i++) {
            count(buffer[offset + i]);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        char[] buffer = new char[(int) Math.min(n, 8192)];
        long skipped = 0;
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    private void count(char c) throws LineTooLongException {
        if (c == '\n') {
            line++;
            lineLength = 0;
        } else if (c != '\r' && ++lineLength > maxLineChars) {
            throw new LineTooLongException(line, maxLineChars);
        }
    }
}
