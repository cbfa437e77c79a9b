package io.kogu.metrics.report;

import java.util.List;

/** RFC 4180 CSV: comma-separated, CRLF line ends, fields with a comma, quote or line break in quotes. */
public final class Csv {

    private final StringBuilder text = new StringBuilder();

    public Csv row(List<?> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(field(fields.get(i)));
        }
        text.append("\r\n");
        return this;
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        // A leading =, +, - or @ would be a formula in a spreadsheet: quote it so that it stays text.
        boolean formula = !text.isEmpty() && "=+@".indexOf(text.charAt(0)) >= 0;
        if (formula || text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + (formula ? "'" : "") + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
