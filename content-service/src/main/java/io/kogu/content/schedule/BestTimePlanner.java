package io.kogu.content.schedule;

import io.kogu.content.channel.Channel;
import io.kogu.content.client.MetricsBestTime;
import io.kogu.content.client.metrics.model.BestTimeRecommendations;
import io.kogu.content.client.metrics.model.RecommendedSlot;
import io.kogu.content.publish.Publication;
import io.kogu.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Picks the time of a slot that asked for the best one: metrics-service's recommendations for the channel (and the
 * draft's first target segment), the first that lies in one of the channel's posting windows and is not taken by
 * another post on the channel. When metrics-service does not answer, or nothing it recommends fits, the first
 * free hour of a posting window decides ({@code posting_windows}); a channel without posting windows then gets
 * the start of the window. Runs before the scheduling transaction: no remote call holds a transaction open.
 */
@ApplicationScoped
public class BestTimePlanner {

    public static final Duration DEFAULT_WINDOW = Duration.ofDays(7);
    public static final Duration MAX_WINDOW = Duration.ofDays(31);
    /** A post within this of another on the same channel takes its slot. */
    static final Duration SLOT = Duration.ofHours(1);
    static final String POSTING_WINDOWS = "posting_windows";

    /** The chosen instant and what chose it. */
    public record Choice(Instant at, String basis) {
    }

    @Inject
    MetricsBestTime metrics;

    @Inject
    Clock clock;

    public Choice choose(String workspaceId, Channel channel, UUID draftId, UUID segmentId, Instant from, Instant to,
            String field) {
        Instant earliest = clock.instant().plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MINUTES);
        Instant start = from == null || from.isBefore(earliest) ? earliest : from;
        Instant end = to == null ? start.plus(DEFAULT_WINDOW) : to;
        if (!end.isAfter(start)) {
            throw ProblemException.invalid(field + ".to", "must be after the window's start (and in the future)");
        }
        if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
            throw ProblemException.invalid(field + ".to", "at most 31 days after the window's start");
        }
        ZoneId zone = ZoneId.of(channel.timeZone);
        List<Instant> taken = taken(workspaceId, channel.id, draftId, start.minus(SLOT), end.plus(SLOT));
        Optional<BestTimeRecommendations> recommended = Optional.empty();
        try {
            recommended = metrics.recommendations(channel.id, segmentId, zone.getId(), start, end, taken);
        } catch (Exception e) {
            // The fallback answers empty; anything else that escapes is treated the same way.
        }
        if (recommended.isPresent() && recommended.get().getSlots() != null) {
            for (RecommendedSlot slot : recommended.get().getSlots()) {
                Optional<Instant> at = inWindows(channel, zone, slot.getStart().toInstant(), slot.getEnd().toInstant(), start);
                if (at.isPresent() && free(at.get(), taken)) {
                    return new Choice(at.get(), recommended.get().getBasis().toString());
                }
            }
        }
        return new Choice(firstFreeWindowHour(channel, zone, start, end, taken).orElse(start), POSTING_WINDOWS);
    }

    /** The other posts on the channel in the range: waiting publications and pending slots of other drafts. */
    @Transactional(Transactional.TxType.SUPPORTS)
    List<Instant> taken(String workspaceId, UUID channelId, UUID draftId, Instant from, Instant to) {
        List<Instant> taken = new ArrayList<>();
        Publication.<Publication>list("workspaceId = ?1 and channelId = ?2 and draftId <> ?3 and state in ?4 and dueAt >= ?5 and dueAt < ?6",
                workspaceId, channelId, draftId, List.of(Publication.QUEUED, Publication.PUBLISHING, Publication.PUBLISHED), from, to)
                .forEach(p -> taken.add(p.dueAt));
        PublicationSlot.<PublicationSlot>list("workspaceId = ?1 and channelId = ?2 and draftId <> ?3 and rrule is null and publishAt >= ?4 and publishAt < ?5",
                workspaceId, channelId, draftId, from, to).forEach(s -> taken.add(s.publishAt));
        return taken;
    }

    static boolean free(Instant at, List<Instant> taken) {
        return taken.stream().noneMatch(t -> Duration.between(t, at).abs().compareTo(SLOT) < 0);
    }

    /** The first instant of [slotStart, slotEnd) inside a posting window (the slot's start when the channel has none). */
    static Optional<Instant> inWindows(Channel channel, ZoneId zone, Instant slotStart, Instant slotEnd, Instant notBefore) {
        Instant begin = slotStart.isBefore(notBefore) ? notBefore : slotStart;
        if (!begin.isBefore(slotEnd)) {
            return Optional.empty();
        }
        if (channel.postingWindows == null || channel.postingWindows.isEmpty()) {
            return Optional.of(begin);
        }
        if (inWindow(channel, begin.atZone(zone))) {
            return Optional.of(begin);
        }
        ZonedDateTime local = begin.atZone(zone);
        for (Channel.PostingWindow window : channel.postingWindows) {
            if (weekday(window) != local.getDayOfWeek()) {
                continue;
            }
            Instant opens = local.toLocalDate().atTime(LocalTime.parse(window.start())).atZone(zone).toInstant();
            if (!opens.isBefore(begin) && opens.isBefore(slotEnd)) {
                return Optional.of(opens);
            }
        }
        return Optional.empty();
    }

    static boolean inWindow(Channel channel, ZonedDateTime local) {
        LocalTime time = local.toLocalTime();
        return channel.postingWindows.stream().anyMatch(w -> weekday(w) == local.getDayOfWeek()
                && !time.isBefore(LocalTime.parse(w.start())) && time.isBefore(LocalTime.parse(w.end())));
    }

    /** Each posting window's start, and every hour after it while the window lasts, in time order. */
    static Optional<Instant> firstFreeWindowHour(Channel channel, ZoneId zone, Instant start, Instant end, List<Instant> taken) {
        if (channel.postingWindows == null || channel.postingWindows.isEmpty()) {
            return Optional.empty();
        }
        List<Instant> candidates = new ArrayList<>();
        for (LocalDate day = start.atZone(zone).toLocalDate(); !day.atStartOfDay(zone).toInstant().isAfter(end); day = day.plusDays(1)) {
            for (Channel.PostingWindow window : channel.postingWindows) {
                if (weekday(window) != day.getDayOfWeek()) {
                    continue;
                }
                LocalTime close = LocalTime.parse(window.end());
                for (LocalTime t = LocalTime.parse(window.start()); t.isBefore(close); t = t.plusHours(1)) {
                    Instant at = day.atTime(t).atZone(zone).toInstant();
                    if (!at.isBefore(start) && at.isBefore(end)) {
                        candidates.add(at);
                    }
                    if (t.getHour() == 23) {
                        break;
                    }
                }
            }
        }
        return candidates.stream().sorted().filter(at -> free(at, taken)).findFirst();
    }

    private static DayOfWeek weekday(Channel.PostingWindow window) {
        return DayOfWeek.valueOf(window.weekday().toUpperCase(Locale.ROOT));
    }
}
