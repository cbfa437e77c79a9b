package io.kogu.metrics.report;

import io.kogu.platform.text.CsvCells;

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
        // A text a spreadsheet would run as a formula gets a leading ' (CsvCells); numbers stay numbers.
        String text = String.valueOf(CsvCells.safe(value));
        boolean formula = !text.equals(value.toString());
        if (formula || text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
