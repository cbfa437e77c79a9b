package io.kogu.metrics.besttime;

/**
 * When there is neither history nor audience activity: documented default posting windows (relative scores,
 * local time; docs/best-time-model.md). Weekdays 09–11 and 12–13 best; weekday working hours good; evenings
 * fair; weekend late mornings fair; nights poor.
 */
final class DefaultWindows {

    private DefaultWindows() {
    }

    /** Relative score of a local weekday (1 = Monday) and hour. */
    static double score(int dayOfWeek, int hour) {
        boolean weekday = dayOfWeek <= 5;
        if (weekday && (hour == 9 || hour == 10 || hour == 12)) {
            return 1.0;
        }
        if (weekday && hour >= 8 && hour <= 17) {
            return 0.6;
        }
        if (hour >= 18 && hour <= 21) {
            return 0.5;
        }
        if (!weekday && hour >= 10 && hour <= 13) {
            return 0.4;
        }
        if (hour >= 7 && hour <= 22) {
            return 0.25;
        }
        return 0.1;
    }
}
