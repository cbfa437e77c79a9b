package io.kogu.platform.text;

import java.nio.charset.CharacterCodingException;

/** Bytes that are not well-formed UTF-8 ({@link Utf8Validator}); the message says what and where. */
public final class MalformedUtf8Exception extends CharacterCodingException {
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
