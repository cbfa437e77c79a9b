package io.kogu.audience.reply;

import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A saved reply's text with {@code {{field}}} placeholders: which fields it names (only those of {@link #FIELDS},
 * checked when it is saved) and the text with them filled in.
 */
public final class ReplyTemplate {

    /** The fields a template may name; values come from the member and the conversation (ReplyService). */
    public static final List<String> FIELDS = List.of("name", "firstName", "handle", "network", "assignee");

    private static final Pattern FIELD = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9]*)\\s*}}");

    private ReplyTemplate() {
    }

    /** The fields the text names, in order of first use; an unknown one is a 422 naming it. */
    public static List<String> fields(String text) {
        Set<String> named = new LinkedHashSet<>();
        Matcher matcher = FIELD.matcher(text);
        while (matcher.find()) {
            String field = matcher.group(1);
            if (!FIELDS.contains(field)) {
                throw ProblemException.unprocessable("The saved reply names an unknown field {{" + field + "}}",
                        List.of(new FieldError("text",
                                "{{" + field + "}} is not a field; use one of " + String.join(", ", FIELDS))));
            }
            named.add(field);
        }
        return List.copyOf(named);
    }

    /** The text with every field replaced by its value (an empty string when the value is not known). */
    public static String fill(String text, Map<String, String> values) {
        Matcher matcher = FIELD.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value == null ? "" : value));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }
}
