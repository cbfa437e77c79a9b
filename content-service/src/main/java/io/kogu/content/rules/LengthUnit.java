package io.kogu.content.rules;

/** How a network counts the length of a text (the contract's {@code LengthUnit}). */
public enum LengthUnit {
    /** X's weighted count (twitter-text v3): URLs 23, emoji and CJK 2, most Latin 1. */
    WEIGHTED,
    /** Extended grapheme clusters: what a reader sees as one character (an emoji family is one). */
    GRAPHEMES,
    /** Unicode code points. */
    CHARACTERS,
    /** UTF-16 code units, as Java's and JavaScript's String length. */
    UTF16,
    /** Code points, but an emoji counts as many as its UTF-8 bytes (Threads). */
    EMOJI_BYTES
}
