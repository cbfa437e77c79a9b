package io.kogu.platform.text;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A reader of UTF-8 that refuses malformed input instead of replacing it: overlong forms ({@code C0 AF} for
 * '/'), encoded surrogates and truncated sequences raise {@link java.nio.charset.MalformedInputException}.
 * Uploaded files (CSV, NDJSON) are read through it.
 */
public final class StrictUtf8 {

    private StrictUtf8() {
    }

    public static Reader reader(InputStream in) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new InputStreamReader(in, decoder);
    }
}
