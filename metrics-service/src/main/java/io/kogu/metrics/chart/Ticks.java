package io.kogu.metrics.chart;

/**
 * Axis ticks at "nice" values: steps of 1, 2 or 5 times a power of ten, from 0 to the first tick at or above the
 * maximum, about {@code target} of them. Counts never get a step below 1.
 */
public record Ticks(double max, double step) {

    public static Ticks of(double dataMax, int target, boolean integers) {
        if (!(dataMax > 0)) {
            return new Ticks(integers ? 5 : 1, integers ? 1 : 0.2);
        }
        double raw = dataMax / Math.max(1, target);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double normalized = raw / magnitude;
        double nice = normalized < 1.5 ? 1 : normalized < 3 ? 2 : normalized < 7 ? 5 : 10;
        double step = nice * magnitude;
        if (integers && step < 1) {
            step = 1;
        }
        double top = Math.ceil(dataMax / step - 1e-9) * step;
        if (top < dataMax) {
            top += step;
        }
        return new Ticks(top, step);
    }

    public int count() {
        return (int) Math.round(max / step);
    }

    public double value(int i) {
        return Math.round(i * step * 1e9) / 1e9;
    }
}
