package io.kogu.platform.text;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Passes on bytes only while they are well-formed UTF-8 ({@link Utf8Validator}), and fails where they stop being:
 * every byte before the bad sequence is handed on first, so a reader above it returns all the text (all the lines)
 * before the fault, then {@link MalformedUtf8Exception}. {@link StrictUtf8} refuses the same input but fails for
 * the whole buffer its decoder read ahead, so the lines just before the fault are lost; read line-numbered
 * streams (NDJSON) through {@link #reader}.
 */
public final class Utf8CheckedInputStream extends FilterInputStream {

    /** Bytes that are not UTF-8; the message says what and at which byte. */
    public static final class MalformedUtf8Exception extends CharacterCodingException {
        private static final long serialVersionUID = 1L;
        private final String problem;

        MalformedUtf8Exception(String problem) {
            this.problem = problem;
        }

        @Override
        public String getMessage() {
            return problem;
        }
    }

    private final Utf8Validator validator = new Utf8Validator();
    private String problem;

    public Utf8CheckedInputStream(InputStream in) {
        super(in);
    }

    /** A reader of {@code in} that returns the text before a fault, then fails. */
    public static Reader reader(InputStream in) {
        return new InputStreamReader(new Utf8CheckedInputStream(in), StandardCharsets.UTF_8);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (problem != null) {
            throw new MalformedUtf8Exception(problem);
        }
        long start = validator.offset();
        int n = super.read(buffer, offset, length);
        String found = n < 0 ? validator.end() : validator.accept(buffer, offset, n);
        if (found == null) {
            return n;
        }
        problem = found;
        long good = n < 0 ? 0 : Math.max(0, validator.problemStart() - start);
        if (good > 0) {
            return (int) good; // the good bytes first; the next read fails
        }
        throw new MalformedUtf8Exception(problem);
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 8192)];
        int read = read(buffer, 0, buffer.length);
        return Math.max(read, 0);
    }

    /**
     * Always 0: a decoder above ({@link InputStreamReader}) then hands on what it decoded before it reads again,
     * so the text before a fault is never decoded and dropped in the same call as the fault.
     */
    @Override
    public int available() {
        return 0;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
