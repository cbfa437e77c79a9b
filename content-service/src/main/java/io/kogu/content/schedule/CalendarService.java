package io.kogu.content.schedule;

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
        for (CalendarEntry entry : entries(workspaceId, start, end, channelId)) {
            days.computeIfAbsent(entry.publishAt().atZone(zone).toLocalDate(), d -> new ArrayList<>()).add(entry);
        }
        return days;
    }

    private List<CalendarEntry> entries(String workspaceId, Instant start, Instant end, UUID channelId) {
        TypedQuery<CalendarEntry> query = entityManager.createQuery("""
                select new io.kogu.content.schedule.CalendarEntry(s.draftId, s.id, s.channelId, d.title, s.state, s.publishAt)
                from PublicationSlot s join Draft d on d.id = s.draftId
                where s.workspaceId = :workspace and s.publishAt >= :start and s.publishAt < :end
                """ + (channelId == null ? "" : " and s.channelId = :channel") + " order by s.publishAt, s.id",
                CalendarEntry.class)
                .setParameter("workspace", workspaceId).setParameter("start", start).setParameter("end", end);
        if (channelId != null) {
            query.setParameter("channel", channelId);
        }
        return query.getResultList();
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
