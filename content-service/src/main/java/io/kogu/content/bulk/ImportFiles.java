package io.kogu.content.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Reads an import file into rows, each with the line where it starts. A row that cannot even be read
 * (malformed JSON, a CSV record of the wrong shape) becomes an error of its own line; only a file that cannot be
 * read at all (a broken CSV quote, no header) fails the whole import.
 */
final class ImportFiles {

    static final Set<String> COLUMNS = Set.of("title", "body", "channels", "tags", "campaign", "link", "notes",
            "scheduledAt", "timeZone", "id", "status", "createdAt");

    private ImportFiles() {
    }

    record Parsed(List<ImportRow> rows, List<ImportJob.RowError> unreadable) {
        int total() {
            return rows.size() + unreadable.size();
        }
    }

    static Parsed csv(String text) throws IOException {
        int[] lineStarts = lineStarts(text);
        List<ImportRow> rows = new ArrayList<>();
        List<ImportJob.RowError> unreadable = new ArrayList<>();
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setTrim(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<String> unknown = parser.getHeaderNames().stream().filter(h -> !COLUMNS.contains(h)).toList();
            if (!parser.getHeaderNames().contains("title")) {
                throw new IOException("the header line must name a title column (and may name " + COLUMNS + ")");
            }
            if (!unknown.isEmpty()) {
                throw new IOException("unknown columns " + unknown + "; known: " + COLUMNS);
            }
            for (CSVRecord record : parser) {
                int line = lineOf(lineStarts, record.getCharacterPosition());
                if (!record.isConsistent()) {
                    unreadable.add(new ImportJob.RowError(line, "has " + record.size() + " fields, the header "
                            + parser.getHeaderNames().size()));
                    continue;
                }
                rows.add(new ImportRow(line, get(record, "title"), get(record, "body"), split(get(record, "channels")),
                        split(get(record, "tags")), get(record, "campaign"), get(record, "link"), get(record, "notes"),
                        get(record, "scheduledAt"), get(record, "timeZone")));
            }
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        return new Parsed(rows, unreadable);
    }

    static Parsed ndjson(String text, ObjectMapper json) {
        List<ImportRow> rows = new ArrayList<>();
        List<ImportJob.RowError> unreadable = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            try {
                JsonNode node = json.readTree(line);
                if (!node.isObject()) {
                    unreadable.add(new ImportJob.RowError(i + 1, "is not a JSON object"));
                    continue;
                }
                rows.add(new ImportRow(i + 1, text(node, "title"), text(node, "body"), list(node, "channels"),
                        list(node, "tags"), text(node, "campaign"), text(node, "link"), text(node, "notes"),
                        text(node, "scheduledAt"), text(node, "timeZone")));
            } catch (IOException e) {
                unreadable.add(new ImportJob.RowError(i + 1, "is not valid JSON"));
            }
        }
        return new Parsed(rows, unreadable);
    }

    private static String get(CSVRecord record, String column) {
        if (!record.isMapped(column)) {
            return null;
        }
        String value = record.get(column);
        return value == null || value.isEmpty() ? null : value;
    }

    private static List<String> split(String value) {
        return value == null ? List.of() : Arrays.stream(value.split(";")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.isTextual() ? value.textValue() : value.toString();
    }

    private static List<String> list(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (value.isTextual()) {
            return split(value.textValue());
        }
        List<String> items = new ArrayList<>();
        value.forEach(item -> items.add(item.isTextual() ? item.textValue() : item.toString()));
        return items;
    }

    /** Offsets where each line starts, to turn a record's character position into its line number. */
    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int lineOf(int[] lineStarts, long position) {
        int index = Arrays.binarySearch(lineStarts, (int) position);
        return (index >= 0 ? index : -index - 2) + 1;
    }
}
