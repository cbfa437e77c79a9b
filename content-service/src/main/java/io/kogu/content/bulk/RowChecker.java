package io.kogu.content.bulk;

import io.kogu.content.api.model.DraftInput;
import io.kogu.content.draft.DraftContent;
import io.kogu.content.schedule.LocalTimes;
import io.kogu.platform.problem.ProblemException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Checks an import row as the API checks a draft: the row becomes the contract's {@link DraftInput}, validated
 * with its own constraints (one source for the limits), then the checks the model cannot make (the channels
 * are this workspace's, a local time exists in its zone). A good row becomes draft content.
 */
final class RowChecker {

    private RowChecker() {
    }

    /** The content of a good row; a bad one throws {@link BadRow} with every reason. */
    static DraftContent check(ImportRow row, Set<UUID> workspaceChannels, Validator validator) {
        List<String> problems = new ArrayList<>();
        Set<UUID> channels = new LinkedHashSet<>();
        for (String channel : row.channels()) {
            try {
                UUID id = UUID.fromString(channel);
                if (!workspaceChannels.contains(id)) {
                    problems.add("channels: no channel " + channel + " in this workspace");
                } else {
                    channels.add(id);
                }
            } catch (IllegalArgumentException e) {
                problems.add("channels: " + channel + " is not a channel id");
            }
        }
        Instant plannedAt = plannedAt(row, problems);
        String title = row.title() == null || row.title().isBlank() ? null : row.title().trim();
        DraftInput input = new DraftInput().title(title).body(row.body() == null ? "" : row.body())
                .channelIds(channels).link(row.link()).tags(new LinkedHashSet<>(row.tags())).campaign(row.campaign())
                .notes(row.notes()).plannedAt(plannedAt == null ? null : plannedAt.atOffset(ZoneOffset.UTC));
        validator.validate(input).stream()
                .map(RowChecker::describe)
                .sorted()
                .forEach(problems::add);
        if (!problems.isEmpty()) {
            throw new BadRow(String.join("; ", problems));
        }
        return new DraftContent(input.getTitle(), input.getBody(), List.copyOf(channels), List.of(), List.of(),
                input.getLink(), List.copyOf(input.getTags()), input.getCampaign(), List.of(), input.getNotes(),
                plannedAt == null ? null : plannedAt.toString());
    }

    /** "tags: size must be between 1 and 64", with the container element's index dropped. */
    private static String describe(ConstraintViolation<DraftInput> violation) {
        String path = violation.getPropertyPath().toString();
        int bracket = path.indexOf('[');
        int dot = path.indexOf('.');
        int end = bracket < 0 ? dot : dot < 0 ? bracket : Math.min(bracket, dot);
        return (end < 0 ? path : path.substring(0, end)) + ": " + violation.getMessage();
    }

    private static Instant plannedAt(ImportRow row, List<String> problems) {
        if (row.scheduledAt() == null) {
            if (row.timeZone() != null) {
                zone(row.timeZone(), problems);
            }
            return null;
        }
        try {
            return OffsetDateTime.parse(row.scheduledAt()).toInstant();
        } catch (DateTimeException notAnInstant) {
            LocalDateTime local;
            try {
                local = LocalDateTime.parse(row.scheduledAt());
            } catch (DateTimeException e) {
                problems.add("scheduledAt: not an ISO-8601 date-time (2027-03-29T09:30, with an offset or a timeZone)");
                return null;
            }
            if (row.timeZone() == null) {
                problems.add("timeZone: needed when scheduledAt has no offset");
                return null;
            }
            ZoneId zone = zone(row.timeZone(), problems);
            if (zone == null) {
                return null;
            }
            try {
                return LocalTimes.resolve(local, zone, "scheduledAt");
            } catch (ProblemException e) {
                problems.add("scheduledAt: " + e.getMessage());
                return null;
            }
        }
    }

    private static ZoneId zone(String name, List<String> problems) {
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            problems.add("timeZone: " + name + " is not an IANA time zone");
            return null;
        }
    }

    /** A row that cannot become a draft, and why. */
    static final class BadRow extends RuntimeException {
        BadRow(String message) {
            super(message, null, false, false);
        }
    }
}
