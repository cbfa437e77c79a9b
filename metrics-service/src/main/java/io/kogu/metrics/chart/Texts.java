package io.kogu.metrics.chart;

import java.text.NumberFormat;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Labels and formats of charts and reports in one language: English or Estonian (from {@code Accept-Language}),
 * numbers and dates as that locale writes them (Estonian: 12 345,6 and 1. okt 2026).
 */
public final class Texts {

    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale ESTONIAN = Locale.forLanguageTag("et");

    private final Locale locale;
    private final ResourceBundle bundle;

    private Texts(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle("reports.messages", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public static Texts of(Locale locale) {
        return new Texts("et".equals(locale.getLanguage()) ? ESTONIAN : ENGLISH);
    }

    /** The first of the caller's languages that is English or Estonian; English when none is. */
    public static Texts of(List<Locale> acceptable) {
        for (Locale candidate : acceptable) {
            if ("et".equals(candidate.getLanguage()) || "en".equals(candidate.getLanguage())) {
                return of(candidate);
            }
        }
        return of(ENGLISH);
    }

    public Locale locale() {
        return locale;
    }

    public String language() {
        return locale.getLanguage();
    }

    /** The label under {@code key}, with {0}, {1}… replaced by the arguments as given. */
    public String t(String key, Object... args) {
        String text;
        try {
            text = bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("no label " + key + " for " + locale, e);
        }
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }

    public String integer(long value) {
        return NumberFormat.getIntegerInstance(locale).format(value);
    }

    public String decimal(double value, int fractionDigits) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMinimumFractionDigits(fractionDigits);
        format.setMaximumFractionDigits(fractionDigits);
        return format.format(value);
    }

    /** An axis value: integers grouped, fractions with as many digits as the step needs. */
    public String tick(double value, double step) {
        if (step >= 1) {
            return integer(Math.round(value));
        }
        int digits = (int) Math.max(1, Math.ceil(-Math.log10(step) - 1e-9));
        return decimal(value, digits);
    }

    /** A ratio as a percentage, e.g. 0.0345 → 3.45% (en) or 3,45% (et). */
    public String percent(double ratio, int fractionDigits) {
        return decimal(ratio * 100, fractionDigits) + (locale.getLanguage().equals("et") ? " %" : "%");
    }

    /** A change against the previous period, signed: +12.5% / −3.0%; "–" (not comparable) when null. */
    public String change(Double change) {
        if (change == null) {
            return t("change.none");
        }
        String sign = change > 0 ? "+" : change < 0 ? "\u2212" : "±";
        return sign + percent(Math.abs(change), 1);
    }

    public String date(LocalDate date) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(date);
    }

    /** Day and month: 1 Oct / 1. okt */
    public String dayMonth(LocalDate date) {
        String pattern = "et".equals(locale.getLanguage()) ? "d. MMM" : "d MMM";
        return DateTimeFormatter.ofPattern(pattern, locale).format(date);
    }

    public String time(LocalTime time) {
        return DateTimeFormatter.ofPattern("HH:mm", locale).format(time);
    }

    public String dayShort(DayOfWeek day) {
        return t("day.short." + day.getValue());
    }

    public String dayLong(DayOfWeek day) {
        return day.getDisplayName(TextStyle.FULL, locale);
    }
}
