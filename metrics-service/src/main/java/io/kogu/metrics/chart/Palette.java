package io.kogu.metrics.chart;

/**
 * Colours that people with the common colour-vision deficiencies can tell apart: the Okabe–Ito palette for
 * categories, viridis for the heatmap's sequential scale. Colour is never the only cue: series also differ by line
 * style and marker, stacks are labelled in the legend in stacking order, heatmap cells carry their value.
 */
final class Palette {

    static final String BLUE = "#0072B2";
    static final String ORANGE = "#E69F00";
    static final String SKY = "#56B4E9";
    static final String GREEN = "#009E73";
    static final String YELLOW = "#F0E442";
    static final String VERMILLION = "#D55E00";
    static final String PURPLE = "#CC79A7";
    static final String BLACK = "#000000";
    static final String GREY = "#999999";

    /** Categories in order; yellow last among the colours as it is the faintest on white. */
    static final String[] CATEGORIES = {BLUE, ORANGE, GREEN, VERMILLION, SKY, PURPLE, YELLOW, GREY};

    /** Viridis in six steps, dark to light, and the text colour readable on each. */
    static final String[] SEQUENTIAL = {"#440154", "#414487", "#2A788E", "#22A884", "#7AD151", "#FDE725"};
    static final String[] ON_SEQUENTIAL = {"#ffffff", "#ffffff", "#ffffff", "#000000", "#000000", "#000000"};

    private Palette() {
    }
}
