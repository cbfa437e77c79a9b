package io.kogu.content.bulk;

import io.kogu.content.draft.DraftContent;
import io.kogu.content.schedule.LocalTimes;
import io.kogu.platform.problem.ProblemException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Checks an import row as the API checks a draft (the contract's limits), and turns it into draft content. */
final class RowChecker {

    private static final Pattern URL = Pattern.compile("^https?://\\S+$");

    private RowChecker() {
    }

    /** The content of a good row; a bad one throws {@link BadRow} with every reason. */
    static DraftContent check(ImportRow row, Set<UUID> workspaceChannels) {
        List<String> problems = new ArrayList<>();
        if (row.title() == null || row.title().isBlank()) {
            problems.add("title: must not be blank");
        } else if (row.title().length() > 300) {
            problems.add("title: at most 300 characters");
        }
        if (row.body() != null && row.body().length() > 100_000) {
            problems.add("body: at most 100000 characters");
        }
        List<UUID> channels = new ArrayList<>();
        for (String channel : row.channels()) {
            try {
                UUID id = UUID.fromString(channel);
                if (!workspaceChannels.contains(id)) {
                    problems.add("channels: no channel " + channel + " in this workspace");
                } else if (!channels.contains(id)) {
                    channels.add(id);
                }
            } catch (IllegalArgumentException e) {
                problems.add("channels: " + channel + " is not a channel id");
            }
        }
        Set<String> tags = new LinkedHashSet<>(row.tags());
        if (tags.size() > 50) {
            problems.add("tags: at most 50");
        }
        if (tags.stream().anyMatch(t -> t.length() > 64)) {
            problems.add("tags: each at most 64 characters");
        }
        if (row.campaign() != null && row.campaign().length() > 100) {
            problems.add("campaign: at most 100 characters");
        }
        if (row.link() != null && (row.link().length() > 2000 || !URL.matcher(row.link()).matches())) {
            problems.add("link: must be an http or https URL");
        }
        if (row.notes() != null && row.notes().length() > 10_000) {
            problems.add("notes: at most 10000 characters");
        }
        Instant plannedAt = plannedAt(row, problems);
        if (!problems.isEmpty()) {
            throw new BadRow(String.join("; ", problems));
        }
        return new DraftContent(row.title().trim(), row.body(), channels, List.of(), List.of(), row.link(),
                List.copyOf(tags), row.campaign(), List.of(), row.notes(), plannedAt == null ? null : plannedAt.toString());
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
