package io.kogu.content.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.platform.json.InvalidTextException;
import io.kogu.platform.json.JsonErrors;
import io.kogu.platform.text.BoundedLines;
import io.kogu.platform.text.LineLimitedReader;
import io.kogu.platform.text.StrictUtf8;
import io.kogu.platform.text.TextInputs;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.Closeable;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an import file record by record (never all of it), each as a row with the line where it starts, or as
 * the reason that record is bad (malformed JSON, a CSV record of the wrong shape, U+0000 or a lone surrogate in
 * a cell). The file is read as strict UTF-8 with every line bounded: where it stops being readable (malformed
 * UTF-8, a line longer than {@link #MAX_LINE_CHARS}, a broken CSV quote, a bad header) {@link #next()} throws
 * {@link Unreadable} with the line.
 */
final class ImportFiles implements Closeable {

    // channelIds and plannedAt are the Draft's JSON names (what the export writes); channels and scheduledAt, the
    // import's first names, are still read.
    static final Set<String> COLUMNS = Set.of("title", "body", "channelIds", "channels", "tags", "campaign", "link",
            "notes", "plannedAt", "scheduledAt", "timeZone", "id", "status", "createdAt");
    /** The longest line read: a draft at the contract's limits fits, even as escaped JSON. */
    static final int MAX_LINE_CHARS = 1_000_000;

    /** A record: the row, or what is wrong with it ({@code row} null). */
    record Item(int line, ImportRow row, String problem) {
    }

    /** Where and why the file stopped being readable. */
    static final class Unreadable extends IOException {
        private static final long serialVersionUID = 1L;
        final int line;

        Unreadable(int line, String message) {
            super(message, null);
            this.line = line;
        }
    }

    private interface Source {
        Item next() throws IOException;
    }

    private final Closeable closeable;
    private final Source source;

    private ImportFiles(Closeable closeable, Source source) {
        this.closeable = closeable;
        this.source = source;
    }

    static ImportFiles open(String format, InputStream in, ObjectMapper json) throws IOException {
        return "csv".equals(format) ? csv(in) : ndjson(in, json);
    }

    /** The next record, null at the end of the file. */
    Item next() throws IOException {
        return source.next();
    }

    @Override
    public void close() throws IOException {
        closeable.close();
    }

    static ImportFiles csv(InputStream in) throws IOException {
        LineStarts lines = new LineStarts(new LineLimitedReader(StrictUtf8.reader(in), MAX_LINE_CHARS));
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setTrim(true).get();
        CSVParser parser;
        try {
            parser = CSVParser.builder().setReader(lines).setFormat(format).get();
        } catch (IOException | RuntimeException e) {
            lines.close();
            throw unreadable(e, (int) lines.linesRead() + 1);
        }
        List<String> header = parser.getHeaderNames();
        if (header.stream().anyMatch(h -> TextInputs.problem(h) != null)) {
            parser.close();
            throw new Unreadable(1, "the header line holds U+0000 or a lone surrogate");
        }
        if (!header.contains("title")) {
            parser.close();
            throw new Unreadable(1, "the header line must name a title column (and may name " + COLUMNS + ")");
        }
        List<String> unknown = header.stream().filter(h -> !COLUMNS.contains(h)).toList();
        if (!unknown.isEmpty()) {
            parser.close();
            throw new Unreadable(1, "unknown columns " + unknown + "; known: " + COLUMNS);
        }
        Iterator<CSVRecord> records = parser.iterator();
        return new ImportFiles(parser, () -> {
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    return null;
                }
                record = records.next();
            } catch (RuntimeException e) {
                throw unreadable(e, (int) lines.linesRead() + 1);
            }
            int line = lines.lineOf(record.getCharacterPosition());
            if (!record.isConsistent()) {
                return new Item(line, null, "has " + record.size() + " fields, the header " + header.size());
            }
            for (Map.Entry<String, String> cell : record.toMap().entrySet()) {
                String problem = TextInputs.problem(cell.getValue());
                if (problem != null) {
                    return new Item(line, null, cell.getKey() + ": " + problem);
                }
            }
            return new Item(line, new ImportRow(line, get(record, "title"), get(record, "body"),
                    split(either(get(record, "channelIds"), get(record, "channels"))), split(get(record, "tags")),
                    get(record, "campaign"), get(record, "link"), get(record, "notes"),
                    either(get(record, "plannedAt"), get(record, "scheduledAt")), get(record, "timeZone")), null);
        });
    }

    static ImportFiles ndjson(InputStream in, ObjectMapper json) {
        BoundedLines lines = new BoundedLines(StrictUtf8.reader(in), MAX_LINE_CHARS);
        return new ImportFiles(lines::close, () -> {
            String text;
            do {
                try {
                    text = lines.readLine();
                } catch (IOException e) {
                    throw unreadable(e, (int) lines.lineNumber() + 1);
                }
            } while (text != null && text.isBlank());
            if (text == null) {
                return null;
            }
            int line = (int) lines.lineNumber();
            JsonNode node;
            try {
                node = json.readTree(text);
            } catch (InvalidTextException e) {
                // The platform's JSON checks refuse the text while reading: the row is bad, the field named.
                return new Item(line, null, JsonErrors.pathOf(e) + ": " + e.problem());
            } catch (IOException e) {
                return new Item(line, null, "is not valid JSON");
            }
            if (node == null || !node.isObject()) {
                return new Item(line, null, "is not a JSON object");
            }
            String problem = textProblem(node, "");
            if (problem != null) {
                return new Item(line, null, problem);
            }
            return new Item(line, new ImportRow(line, text(node, "title"), text(node, "body"),
                    node.has("channelIds") ? list(node, "channelIds") : list(node, "channels"),
                    list(node, "tags"), text(node, "campaign"), text(node, "link"), text(node, "notes"),
                    either(text(node, "plannedAt"), text(node, "scheduledAt")), text(node, "timeZone")), null);
        });
    }

    /** The first field (or name) holding text that may not be stored, as "field: why", or null. */
    private static String textProblem(JsonNode node, String path) {
        if (node.isTextual()) {
            String problem = TextInputs.problem(node.textValue());
            return problem == null ? null : path + ": " + problem;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String problem = textProblem(node.get(i), path + "[" + i + "]");
                if (problem != null) {
                    return problem;
                }
            }
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (TextInputs.problem(field.getKey()) != null) {
                    return (path.isEmpty() ? "a field name" : path + ": a field name") + " holds U+0000 or a lone surrogate";
                }
                String problem = textProblem(field.getValue(), name);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    private static Unreadable unreadable(Exception e, int line) {
        Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
        if (cause instanceof Unreadable unreadable) {
            return unreadable;
        }
        if (cause instanceof LineLimitedReader.LineTooLongException tooLong) {
            return new Unreadable((int) tooLong.line(), "line " + tooLong.line() + " is longer than "
                    + tooLong.limit() + " characters");
        }
        if (cause instanceof CharacterCodingException) {
            // The decoder reads ahead: the bad bytes are on this line or a little further.
            return new Unreadable(line, "the file is not valid UTF-8 (malformed or overlong bytes) after line "
                    + (line - 1));
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        int end = message.indexOf('\n');
        message = end < 0 ? message : message.substring(0, end);
        return new Unreadable(line, message.length() > 300 ? message.substring(0, 300) : message);
    }

    private static String either(String first, String second) {
        return first != null && !first.isBlank() ? first : second;
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

    /**
     * Turns a record's character position into the line where it starts, keeping only the line breaks the
     * parser has read ahead of the records handed out (memory stays flat).
     */
    private static final class LineStarts extends FilterReader {
        private final ArrayDeque<Long> breaks = new ArrayDeque<>();
        private long position;
        private int linesBefore;
        private long linesRead;

        LineStarts(Reader in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                seen((char) c);
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = 0; i < n; i++) {
                seen(buffer[offset + i]);
            }
            return n;
        }

        private void seen(char c) {
            if (c == '\n') {
                breaks.add(position);
                linesRead++;
            }
            position++;
        }

        long linesRead() {
            return linesRead;
        }

        /** The 1-based line of the character at {@code at}; positions only grow between calls. */
        int lineOf(long at) {
            while (!breaks.isEmpty() && breaks.peekFirst() < at) {
                breaks.removeFirst();
                linesBefore++;
            }
            return linesBefore + 1;
        }
    }
}
