package io.kogu.platform.text;

import io.kogu.platform.problem.ProblemException;

/**
 * What every text a client sends must be before it is stored or compared: no U+0000 (PostgreSQL text cannot
 * hold it) and no lone UTF-16 surrogate (it cannot be written as UTF-8; the driver would store a '?').
 * Overlong and otherwise malformed UTF-8 never reaches a {@code String}: {@link StrictUtf8} refuses it.
 */
public final class TextInputs {

    private TextInputs() {
    }

    /** What is wrong with {@code value}, or null when it may be stored. */
    public static String problem(CharSequence value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                return "must not contain the character U+0000 (NUL), at position " + i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "holds an unpaired UTF-16 surrogate at position " + i + " (not a Unicode character)";
            }
            if (Character.isLowSurrogate(c)) {
                return "holds an unpaired UTF-16 surrogate at position " + i + " (not a Unicode character)";
            }
        }
        return null;
    }

    /** Throws a 400 naming {@code field} when {@code value} may not be stored. */
    public static String require(String field, String value) {
        String problem = problem(value);
        if (problem != null) {
            throw ProblemException.invalid(field, problem);
        }
        return value;
    }
}
