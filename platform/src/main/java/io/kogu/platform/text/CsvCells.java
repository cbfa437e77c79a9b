package io.kogu.platform.text;

/**
 * Keeps a CSV cell from being read as a formula by a spreadsheet (CSV injection, OWASP "CSV Injection"): a text
 * that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return (or the full-width
 * {@code ＝ ＋ － ＠}, which some spreadsheets also take) gets a leading {@code '}, so the spreadsheet shows it as
 * text. Numbers, booleans and null are left as they are, so {@code -3} stays a number. The CSV writer still quotes
 * what RFC 4180 needs quoted. Every CSV export of every service writes its cells through {@link #safe}.
 *
 * <p>The price: an exported text that really starts with one of these characters reads back with the {@code '}.
 */
public final class CsvCells {

    private static final String FORMULA_STARTS = "=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20";

    private CsvCells() {
    }

    /** The cell's value, with a leading {@code '} if it is a text a spreadsheet would run as a formula. */
    public static Object safe(Object value) {
        if (value instanceof CharSequence text) {
            return safe(text.toString());
        }
        return value;
    }

    public static String safe(String text) {
        if (text == null || text.isEmpty() || FORMULA_STARTS.indexOf(text.charAt(0)) < 0) {
            return text;
        }
        return "'" + text;
    }

    /** Every value through {@link #safe(Object)}, for a CSV printer's {@code printRecord}. */
    public static Object[] safe(Object... values) {
        Object[] cells = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            cells[i] = safe(values[i]);
        }
        return cells;
    }

    public static java.util.List<Object> safe(java.util.List<?> values) {
        return java.util.Arrays.asList(safe(values.toArray()));
    }
}
