package io.kogu.metrics.event;

import io.kogu.platform.problem.ProblemException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A JSON body is parsed whole, so it is bounded (NDJSON streams are not): past {@code limit} bytes reading
 * stops with a 400 that points to NDJSON.
 */
final class BoundedInput extends FilterInputStream {

    private final long limit;
    private long read;

    BoundedInput(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(long n) {
        read += n;
        if (read > limit) {
            throw ProblemException.invalid("events", "a JSON body holds at most " + limit / (1024 * 1024)
                    + " MB; send larger inputs as application/x-ndjson");
        }
    }
}
