package io.kogu.platform.text;

/**
 * Checks a byte stream is well-formed UTF-8 as it passes, in pieces of any size: no overlong forms
 * ({@code C0 AF} for '/'), no encoded surrogates ({@code ED A0 80}), nothing above U+10FFFF, no truncated
 * sequence. {@link #accept} and {@link #end} return what is wrong, or null.
 */
public final class Utf8Validator {

    private int needed;
    private int codePoint;
    private int minimum;
    private long offset;

    /**
     * What is wrong with {@code bytes[from..from+length)} as a whole text, or null. Text that is all ASCII (most
     * JSON, every line of most event streams) is recognised by one pass that the JIT vectorises.
     */
    public static String problemIn(byte[] bytes, int from, int length) {
        int bits = 0;
        for (int i = from; i < from + length; i++) {
            bits |= bytes[i];
        }
        if (bits >= 0) {
            return null;
        }
        Utf8Validator validator = new Utf8Validator();
        String problem = validator.accept(bytes, from, length);
        return problem != null ? problem : validator.end();
    }

    /** What is wrong with {@code bytes[from..from+length)} as the next piece of the stream, or null. */
    public String accept(byte[] bytes, int from, int length) {
        for (int i = from; i < from + length; i++, offset++) {
            int b = bytes[i] & 0xFF;
            if (needed > 0) {
                if ((b & 0xC0) != 0x80) {
                    return "a UTF-8 sequence is cut short at byte " + offset;
                }
                codePoint = (codePoint << 6) | (b & 0x3F);
                if (--needed == 0) {
                    if (codePoint < minimum) {
                        return "an overlong UTF-8 sequence ends at byte " + offset;
                    }
                    if (codePoint >= 0xD800 && codePoint <= 0xDFFF) {
                        return "an encoded UTF-16 surrogate ends at byte " + offset + " (not a Unicode character)";
                    }
                    if (codePoint > 0x10FFFF) {
                        return "a UTF-8 sequence beyond U+10FFFF ends at byte " + offset;
                    }
                }
            } else if (b < 0x80) {
                continue;
            } else if (b >= 0xC2 && b <= 0xDF) {
                start(1, b & 0x1F, 0x80);
            } else if (b >= 0xE0 && b <= 0xEF) {
                start(2, b & 0x0F, 0x800);
            } else if (b >= 0xF0 && b <= 0xF4) {
                start(3, b & 0x07, 0x10000);
            } else if (b == 0xC0 || b == 0xC1) {
                return "an overlong UTF-8 sequence starts at byte " + offset;
            } else {
                return "byte " + offset + " (0x" + Integer.toHexString(b).toUpperCase() + ") cannot appear here in UTF-8";
            }
        }
        return null;
    }

    /** What is wrong at the end of the stream (a sequence left open), or null. */
    public String end() {
        return needed > 0 ? "the text ends inside a UTF-8 sequence" : null;
    }

    private void start(int more, int bits, int min) {
        needed = more;
        codePoint = bits;
        minimum = min;
    }
}
