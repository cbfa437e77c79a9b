package io.kogu.audience.moderation;

/** The part of an item's text that moderation reads: the input of every regex is bounded (CONVENTIONS). */
final class BoundedText {

    /** Comments are short; a longer text is judged by its first 5,000 characters. */
    static final int MAX_INPUT = 5_000;

    private BoundedText() {
    }

    static String of(String text) {
        return text.length() > MAX_INPUT ? text.substring(0, MAX_INPUT) : text;
    }
}
