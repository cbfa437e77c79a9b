package io.kogu.audience.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The body of PATCH /v1/conversations/{id}, read by hand (the contract maps it to a JsonNode) so that
 * {@code "assignee": null} (unassign) differs from no {@code assignee} (keep). Every bad field is reported at once.
 */
public record ConversationChanges(String state, Optional<String> assignee, String priority, List<String> tags,
                                  Boolean spam) {

    private static final Set<String> FIELDS = Set.of("state", "assignee", "priority", "tags", "spam");
    private static final Set<String> STATES = Set.of("open", "pending", "closed");

    public static ConversationChanges parse(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject() || body.isEmpty()) {
            throw ProblemException.invalid("body", "name at least one of state, assignee, priority, tags, spam");
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(name, "is not a field of a conversation that can change"));
            }
        });
        String state = text(body, "state", errors);
        if (state != null && !STATES.contains(state)) {
            errors.add(new FieldError("state", "must be one of open, pending, closed"));
        }
        String priority = text(body, "priority", errors);
        if (priority != null && !ModerationActions.PRIORITIES.contains(priority)) {
            errors.add(new FieldError("priority", "must be one of low, normal, high, urgent"));
        }
        Optional<String> assignee = null;
        if (body.has("assignee")) {
            String value = body.get("assignee").isNull() ? null : text(body, "assignee", errors);
            if (value != null && (value.isBlank() || value.length() > 200)) {
                errors.add(new FieldError("assignee", "must be 1 to 200 characters, or null to unassign"));
            }
            assignee = Optional.ofNullable(value);
        }
        List<String> tags = null;
        if (body.has("tags")) {
            JsonNode node = body.get("tags");
            if (!node.isArray() || node.size() > 50) {
                errors.add(new FieldError("tags", "must be a list of at most 50 tags"));
            } else {
                Set<String> unique = new LinkedHashSet<>();
                for (int i = 0; i < node.size(); i++) {
                    JsonNode tag = node.get(i);
                    if (!tag.isTextual() || tag.asText().isEmpty() || tag.asText().length() > 64) {
                        errors.add(new FieldError("tags[" + i + "]", "must be a tag of 1 to 64 characters"));
                    } else {
                        unique.add(tag.asText());
                    }
                }
                tags = List.copyOf(unique);
            }
        }
        Boolean spam = null;
        if (body.has("spam")) {
            if (!body.get("spam").isBoolean()) {
                errors.add(new FieldError("spam", "must be true or false"));
            } else {
                spam = body.get("spam").asBoolean();
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new ConversationChanges(state, assignee, priority, tags, spam);
    }

    private static String text(JsonNode body, String field, List<FieldError> errors) {
        if (!body.has(field)) {
            return null;
        }
        JsonNode node = body.get(field);
        if (!node.isTextual()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        return node.asText();
    }
}
