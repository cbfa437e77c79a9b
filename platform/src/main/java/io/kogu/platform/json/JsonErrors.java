package io.kogu.platform.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Says in words what is wrong with a JSON body, without the parser's internals (class and feature names). */
public final class JsonErrors {

    private static final Pattern UNEXPECTED_CHAR = Pattern.compile("Unexpected character \\('(.+?)' \\(code \\d+\\)\\)");
    private static final Pattern UNRECOGNIZED = Pattern.compile("Unrecognized token '(.{1,40}?)'");
    private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_$]*)");

    private JsonErrors() {
    }

    /** "The body is not valid JSON at line 1, column 12: …" */
    public static String describe(JsonParseException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String what;
        Matcher unexpected = UNEXPECTED_CHAR.matcher(original);
        Matcher unrecognized = UNRECOGNIZED.matcher(original);
        if (original.startsWith("Unexpected end-of-input")) {
            what = "the body ends before the JSON value is complete";
        } else if (original.startsWith("Illegal unquoted character")) {
            what = "a control character inside a string must be escaped (\\n, \\t, \\u0000…)";
        } else if (original.startsWith("Unexpected character") && unexpected.find()) {
            String expected = expectation(original.substring(unexpected.end()));
            what = "unexpected character '" + unexpected.group(1) + "'" + (expected.isEmpty() ? "" : "; expected " + expected);
        } else if (unrecognized.find()) {
            what = "'" + unrecognized.group(1) + "' is not a JSON value (expected a string, number, object, array, "
                    + "true, false or null)";
        } else if (original.contains("Invalid UTF-8") || original.contains("Invalid UTF-32")) {
            what = "the body is not valid UTF-8";
        } else if (original.startsWith("Unexpected close marker")) {
            what = "a closing bracket does not match the one that opened";
        } else if (original.contains("Leading zeroes") || original.contains("numeric value") || original.contains("Numeric value")) {
            what = "a number is not written as JSON allows";
        } else {
            what = "it is not well-formed JSON";
        }
        JsonLocation location = e.getLocation();
        String where = location != null && location.getLineNr() > 0
                ? " at line " + location.getLineNr() + ", column " + location.getColumnNr() : "";
        return "The body is not valid JSON" + where + ": " + what;
    }

    /** What is wrong, in words, for a reason inside an answer (a rejected line, a field). */
    public static String inWords(com.fasterxml.jackson.core.JsonProcessingException e) {
        if (e instanceof InvalidTextException invalid) {
            String path = pathOf(invalid);
            return (path.isEmpty() ? "a string " : path + " ") + invalid.problem();
        }
        if (e instanceof MalformedBodyException) {
            return e.getOriginalMessage();
        }
        if (e instanceof JsonParseException parse) {
            String described = describe(parse);
            return described.substring(described.indexOf("JSON") + "JSON".length()).replaceFirst("^: ", "").trim();
        }
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping && !pathOf(mapping).isEmpty()) {
            return pathOf(mapping) + " does not have the expected type or format";
        }
        return "it does not have the expected JSON shape";
    }

    /** The JSON path of a mapping failure: {@code handles[0].network}. */
    public static String pathOf(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** The message with qualified Java class names cut to their simple names ({@code com.x.Network} → Network). */
    public static String withoutClassNames(String message) {
        if (message == null) {
            return null;
        }
        return CLASS_NAME.matcher(message).replaceAll("$1").replace("No enum constant ", "unknown value ");
    }

    /** What the parser expected, from the rest of its message after the character ("): was expecting …"). */
    private static String expectation(String rest) {
        String expected = rest.replaceFirst("^\\)?:?\\s*", "").replaceFirst("^(was expecting|expected)\\s+", "");
        int end = expected.indexOf('\n');
        expected = end >= 0 ? expected.substring(0, end) : expected;
        int source = expected.indexOf(" at [Source");
        expected = source >= 0 ? expected.substring(0, source) : expected;
        return expected.replace("(", "").replace(")", "").trim();
    }
}
