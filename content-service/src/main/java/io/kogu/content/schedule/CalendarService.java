package io.kogu.content.schedule;

import io.kogu.content.publish.Publication;
import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** What the workspace publishes, day by day, in a time zone. */
@ApplicationScoped
public class CalendarService {

    public static final int MAX_DAYS = 92;

    @Inject
    EntityManager entityManager;

    @Inject
    java.time.Clock clock;

    /** The entries from the start of {@code from} to the end of {@code to} in {@code zone}, by local day. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<LocalDate, List<CalendarEntry>> days(String workspaceId, LocalDate from, LocalDate to, ZoneId zone,
            UUID channelId) {
        if (to.isBefore(from)) {
            throw ProblemException.invalid("to", "must not be before from");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw ProblemException.invalid("to", "at most " + MAX_DAYS + " days after from");
        }
        // atStartOfDay handles a day that starts in a daylight-saving gap.
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        Map<LocalDate, List<CalendarEntry>> days = new TreeMap<>();
        for (CalendarEntry entry : withPublications(entries(workspaceId, start, end, channelId))) {
            days.computeIfAbsent(entry.publishAt().atZone(zone).toLocalDate(), d -> new ArrayList<>()).add(entry);
        }
        return days;
    }

    private List<CalendarEntry> entries(String workspaceId, Instant start, Instant end, UUID channelId) {
        String channelFilter = channelId == null ? "" : " and s.channelId = :channel";
        List<CalendarEntry> entries = new ArrayList<>(bind(entityManager.createQuery("""
                select new io.kogu.content.schedule.CalendarEntry(s.draftId, s.id, s.channelId, d.title, s.state, s.publishAt)
                from PublicationSlot s join Draft d on d.id = s.draftId
                where s.workspaceId = :workspace and s.rrule is null and s.publishAt >= :start and s.publishAt < :end
                """ + channelFilter, CalendarEntry.class), workspaceId, start, end, channelId).getResultList());
        entries.addAll(occurrences(workspaceId, start, end, channelId, channelFilter));
        entries.sort(Comparator.comparing(CalendarEntry::publishAt).thenComparing(CalendarEntry::slotId));
        return entries;
    }

    /** Occurrences of recurring slots in the range: the series' own, less those moved or skipped, plus moved ones. */
    private List<CalendarEntry> occurrences(String workspaceId, Instant start, Instant end, UUID channelId,
            String channelFilter) {
        List<Object[]> series = bind(entityManager.createQuery("""
                select s, d.title from PublicationSlot s join Draft d on d.id = s.draftId
                where s.workspaceId = :workspace and s.rrule is not null and s.publishAt < :end
                and (s.recurrenceEnd is null or s.recurrenceEnd >= :start)
                """ + channelFilter, Object[].class), workspaceId, start, end, channelId).getResultList();
        List<CalendarEntry> entries = new ArrayList<>();
        if (!series.isEmpty()) {
            List<UUID> ids = series.stream().map(row -> ((PublicationSlot) row[0]).id).toList();
            Map<UUID, Map<LocalDate, SlotOccurrence>> changed = new HashMap<>();
            for (SlotOccurrence o : SlotOccurrence.<SlotOccurrence>list("slotId in ?1", ids)) {
                changed.computeIfAbsent(o.slotId, k -> new HashMap<>()).put(o.occurrenceDate, o);
            }
            for (Object[] row : series) {
                PublicationSlot slot = (PublicationSlot) row[0];
                Map<LocalDate, SlotOccurrence> own = changed.getOrDefault(slot.id, Map.of());
                for (Recurrence.Occurrence o : Recurrence.between(slot.rrule, slot.publishAt, ZoneId.of(slot.timeZone),
                        start, end)) {
                    if (!own.containsKey(o.date())) {
                        entries.add(new CalendarEntry(slot.draftId, slot.id, slot.channelId, (String) row[1], slot.state,
                                o.at(), o.date()));
                    }
                }
            }
        }
        List<Object[]> moved = bind(entityManager.createQuery("""
                select o, s, d.title from SlotOccurrence o join PublicationSlot s on s.id = o.slotId
                join Draft d on d.id = s.draftId
                where o.workspaceId = :workspace and o.skipped = false and o.publishAt >= :start and o.publishAt < :end
                """ + channelFilter, Object[].class), workspaceId, start, end, channelId).getResultList();
        for (Object[] row : moved) {
            SlotOccurrence o = (SlotOccurrence) row[0];
            PublicationSlot slot = (PublicationSlot) row[1];
            entries.add(new CalendarEntry(slot.draftId, slot.id, slot.channelId, (String) row[2], slot.state, o.publishAt,
                    o.occurrenceDate));
        }
        return entries;
    }

    /** Each entry with its publication's id and state (as the API shows it), where it has one. */
    private List<CalendarEntry> withPublications(List<CalendarEntry> entries) {
        List<UUID> slots = entries.stream().map(CalendarEntry::slotId).distinct().toList();
        if (slots.isEmpty()) {
            return entries;
        }
        Map<String, Publication> bySlotAndDate = new HashMap<>();
        for (Publication p : Publication.<Publication>list("slotId in ?1", slots)) {
            bySlotAndDate.put(p.slotId + "/" + p.occurrenceDate, p);
        }
        Instant now = clock.instant();
        return entries.stream().map(e -> {
            Publication p = bySlotAndDate.get(e.slotId() + "/" + e.occurrence());
            return p == null ? e : e.withPublication(p.id, p.visibleState(now));
        }).toList();
    }

    private static <T> TypedQuery<T> bind(TypedQuery<T> query, String workspaceId, Instant start, Instant end,
            UUID channelId) {
        query.setParameter("workspace", workspaceId).setParameter("start", start).setParameter("end", end);
        if (channelId != null) {
            query.setParameter("channel", channelId);
        }
        return query;
    }

    static ZoneId zone(String name) {
        if (name == null) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(name);
        } catch (java.time.DateTimeException e) {
            throw new ProblemException(ProblemType.VALIDATION, "timeZone is not an IANA time zone",
                    List.of(new FieldError("timeZone", "is not an IANA time zone (e.g. Europe/Tallinn)")));
        }
    }
}
