package io.kogu.audience.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.platform.text.BoundedLines;
import io.kogu.platform.text.LineLimitedReader;
import io.kogu.platform.text.StrictUtf8;
import io.kogu.platform.json.InvalidTextException;
import io.kogu.platform.json.JsonErrors;
import io.kogu.platform.text.TextInputs;
import io.kogu.audience.api.model.Handle;
import io.kogu.audience.api.model.MemberInput;
import io.kogu.audience.api.model.Network;
import io.kogu.audience.api.model.Relationship;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.io.Reader;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads an import file row by row (never all of it): each row as a MemberInput, or the reason it cannot be
 * read (U+0000 or a lone surrogate in a cell names the column), with its line number. The file is read as strict
 * UTF-8 with every line bounded; where it stops being readable the iterator throws an
 * {@link UncheckedIOException} saying why and where.
 */
final class ImportRows implements Iterator<ImportRows.Row>, Closeable {

    /** A row: the input, or a problem (field may be null) that keeps it from being read. */
    record Row(long line, MemberInput input, String field, String problem) {

        /** Why the file stopped being readable, and where. */
        record Problem(long line, String message) {
        }
    }

    /** The longest line read: a member at the contract's limits fits, even as escaped JSON. */
    static final int MAX_LINE_CHARS = 1_000_000;

    private final Closeable source;
    private final Iterator<Row> rows;

    private ImportRows(Closeable source, Iterator<Row> rows) {
        this.source = source;
        this.rows = rows;
    }

    /** Opens an uploaded file: strict UTF-8, every line at most {@link #MAX_LINE_CHARS}. */
    static ImportRows open(String format, InputStream in, ObjectMapper json) throws IOException {
        Reader reader = StrictUtf8.reader(in);
        return ImportService.CSV.equals(format) ? csv(reader, json) : ndjson(reader, json);
    }

    /**
     * The number of rows of a file, read as {@link #open} reads it (an unreadable file throws the same
     * {@link UncheckedIOException} or {@link IOException}) but without mapping any row: non-blank lines of NDJSON,
     * records of CSV.
     */
    static long count(String format, InputStream in) throws IOException {
        Reader reader = StrictUtf8.reader(in);
        long rows = 0;
        if (ImportService.CSV.equals(format)) {
            try (CSVParser parser = csvParser(reader)) {
                Iterator<CSVRecord> records = parser.iterator();
                try {
                    while (records.hasNext()) {
                        records.next();
                        rows++;
                    }
                } catch (RuntimeException e) {
                    throw new UncheckedIOException(unreadable(e, parser.getCurrentLineNumber()));
                }
            }
            return rows;
        }
        BoundedLines lines = new BoundedLines(reader, MAX_LINE_CHARS);
        try (lines) {
            String text;
            while ((text = lines.readLine()) != null) {
                if (!text.isBlank()) {
                    rows++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(unreadable(e, lines.lineNumber()));
        }
        return rows;
    }

    static ImportRows ndjson(Reader reader, ObjectMapper json) {
        BoundedLines lines = new BoundedLines(reader, MAX_LINE_CHARS);
        Iterator<Row> rows = new Iterator<>() {
            private long line;
            private String next = read();

            private String read() {
                try {
                    String text;
                    do {
                        text = lines.readLine();
                    } while (text != null && text.isBlank());
                    line = lines.lineNumber();
                    return text;
                } catch (IOException e) {
                    throw new UncheckedIOException(unreadable(e, lines.lineNumber()));
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Row next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                String text = next;
                long number = line;
                next = read();
                JsonNode node;
                try {
                    node = json.readTree(text);
                } catch (InvalidTextException e) {
                    // The platform's JSON checks refuse the text while reading: the row is bad, the column named.
                    return new Row(number, null, JsonErrors.pathOf(e), e.problem());
                } catch (IOException e) {
                    return new Row(number, null, null, "is not a MemberInput JSON object: " + firstLine(e.getMessage()));
                }
                String[] problem = node == null ? null : textProblem(node, "");
                if (problem != null) {
                    return new Row(number, null, problem[0], problem[1]);
                }
                try {
                    return new Row(number, json.treeToValue(node, MemberInput.class), null, null);
                } catch (IOException | IllegalArgumentException e) {
                    return new Row(number, null, null, "is not a MemberInput JSON object: " + firstLine(e.getMessage()));
                }
            }
        };
        return new ImportRows(lines::close, rows);
    }

    /** The first text (or field name) that may not be stored, as {field, why}, or null. */
    private static String[] textProblem(JsonNode node, String path) {
        if (node.isTextual()) {
            String problem = TextInputs.problem(node.textValue());
            return problem == null ? null : new String[] {path, problem};
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String[] problem = textProblem(node.get(i), path + "[" + i + "]");
                if (problem != null) {
                    return problem;
                }
            }
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (TextInputs.problem(field.getKey()) != null) {
                    return new String[] {path.isEmpty() ? null : path, "a field name holds U+0000 or a lone surrogate"};
                }
                String[] problem = textProblem(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    /** Why reading stopped, with the line: a line too long, bytes that are not UTF-8, or the parser's reason. */
    static IOException unreadable(Throwable e, long linesRead) {
        if (e instanceof UncheckedIOException unchecked) {
            e = unchecked.getCause();
        }
        if (e instanceof LineLimitedReader.LineTooLongException tooLong) {
            return tooLong;
        }
        if (e instanceof CharacterCodingException) {
            // The decoder reads ahead: the bad bytes are on the next line or a little further.
            return new IOException("the file is not valid UTF-8 (malformed or overlong bytes) after line " + linesRead, e);
        }
        return new IOException("cannot be read after line " + linesRead + ": " + firstLine(e.getMessage()), e);
    }

    static ImportRows csv(Reader reader, ObjectMapper json) throws IOException {
        CSVParser parser = csvParser(reader);
        Iterator<CSVRecord> records = parser.iterator();
        Iterator<Row> rows = new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return records.hasNext();
                } catch (RuntimeException e) {
                    throw new UncheckedIOException(unreadable(e, parser.getCurrentLineNumber()));
                }
            }

            @Override
            public Row next() {
                CSVRecord record;
                try {
                    record = records.next();
                } catch (RuntimeException e) {
                    throw new UncheckedIOException(unreadable(e, parser.getCurrentLineNumber()));
                }
                return read(record, json);
            }
        };
        return new ImportRows(parser, rows);
    }

    /** The CSV parser of an import file: RFC 4180 with a header line, every line bounded. */
    private static CSVParser csvParser(Reader reader) throws IOException {
        CSVParser parser;
        try {
            parser = CSVParser.builder().setReader(new LineLimitedReader(reader, MAX_LINE_CHARS))
                    .setFormat(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                            .setTrim(true).get())
                    .get();
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw unreadable(e, 0);
        }
        if (parser.getHeaderNames().stream().anyMatch(h -> TextInputs.problem(h) != null)) {
            parser.close();
            throw new IOException("the header line holds U+0000 or a lone surrogate");
        }
        return parser;
    }

    private static Row read(CSVRecord record, ObjectMapper json) {
        // The header is line 1; a record's line is where it ends (a quoted value may span lines).
        long line = record.getRecordNumber() + 1;
        Map<String, String> values = record.toMap();
        for (Map.Entry<String, String> cell : values.entrySet()) {
            String problem = TextInputs.problem(cell.getValue());
            if (problem != null) {
                return new Row(line, null, cell.getKey(), problem);
            }
        }
        MemberInput input = new MemberInput();
        String column = null;
        try {
            column = "displayName";
            input.setDisplayName(text(values, column));
            column = "email";
            input.setEmail(text(values, column));
            column = "country";
            input.setCountry(text(values, column));
            column = "language";
            input.setLanguage(text(values, column));
            column = "city";
            input.setCity(text(values, column));
            column = "externalId";
            input.setExternalId(text(values, column));
            column = "relationship";
            String relationship = text(values, column);
            input.setRelationship(relationship == null ? null : Relationship.fromValue(relationship));
            column = "handles";
            input.setHandles(handles(text(values, column)));
            column = "tags";
            String tags = text(values, column);
            input.setTags(tags == null ? new java.util.LinkedHashSet<>()
                    : new java.util.LinkedHashSet<>(Arrays.asList(tags.split("\\s+"))));
            column = "followedSince";
            String followed = text(values, column);
            input.setFollowedSince(followed == null ? null : OffsetDateTime.parse(followed));
            column = "lastInteractionAt";
            String last = text(values, column);
            input.setLastInteractionAt(last == null ? null : OffsetDateTime.parse(last));
            column = "engagementScore";
            String score = text(values, column);
            input.setEngagementScore(score == null ? null : Double.valueOf(score));
            column = "marketingConsent";
            String consent = text(values, column);
            if (consent != null && !consent.equals("true") && !consent.equals("false")) {
                throw new IllegalArgumentException("must be true or false");
            }
            input.setMarketingConsent(consent == null ? null : Boolean.valueOf(consent));
            column = "attributes";
            String attributes = text(values, column);
            input.setAttributes(attributes == null ? new LinkedHashMap<>()
                    : json.readValue(attributes, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {
                    }));
            return new Row(line, input, null, null);
        } catch (Exception e) {
            return new Row(line, null, column, "cannot be read: " + firstLine(e.getMessage()));
        }
    }

    private static String text(Map<String, String> values, String column) {
        String value = values.get(column);
        return value == null || value.isEmpty() ? null : value;
    }

    /** {@code network:handle} separated by spaces, as the export writes them. */
    private static List<Handle> handles(String text) {
        List<Handle> handles = new ArrayList<>();
        if (text == null) {
            return handles;
        }
        for (String item : text.split("\\s+")) {
            int colon = item.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("'" + item + "' is not network:handle");
            }
            handles.add(new Handle().network(Network.fromValue(item.substring(0, colon))).handle(item.substring(colon + 1)));
        }
        return handles;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    @Override
    public boolean hasNext() {
        return rows.hasNext();
    }

    @Override
    public Row next() {
        return rows.next();
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
