package io.kogu.content.schedule;

import io.kogu.content.time.Clocks;
import io.kogu.content.approval.History;
import io.kogu.content.approval.ReviewService;
import io.kogu.content.approval.Workflow;
import io.kogu.content.channel.Channel;
import io.kogu.content.channel.ChannelService;
import io.kogu.content.publish.Publication;
import io.kogu.content.publish.Publications;
import io.kogu.content.publish.connector.Connectors;
import io.kogu.content.draft.Draft;
import io.kogu.content.draft.DraftService;
import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.problem.ProblemType;
import io.kogu.platform.web.Versions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Scheduling drafts per channel, unscheduling them, and what a schedule looks like. */
@ApplicationScoped
public class SchedulingService {

    @Inject
    Clock clock;

    @Inject
    DraftService drafts;

    @Inject
    History history;

    @Inject
    io.kogu.content.approval.DraftWebhooks draftWebhooks;

    @Inject
    ChannelService channels;

    @Inject
    Connectors connectors;

    @Inject
    Publications publications;

    /** Replaces the draft's pending slots with {@code requests} and marks it scheduled. */
    @Transactional
    public Draft schedule(String workspaceId, UUID draftId, String ifMatch, String actor, List<SlotRequest> requests) {
        return schedule(workspaceId, draftId, ifMatch, actor, requests, false).draft();
    }

    /** A draft as scheduled, and the publications that were made for it. */
    public record Scheduled(Draft draft, List<Publication> publications) {
    }

    /**
     * Schedules the draft: replaces its pending slots (and their waiting publications) with {@code requests} and
     * makes each slot's first publication. {@code now}: the slots are due now (publish-now) and need not lie in
     * the future.
     */
    @Transactional
    public Scheduled schedule(String workspaceId, UUID draftId, String ifMatch, String actor, List<SlotRequest> requests,
            boolean now) {
        Draft draft = drafts.get(workspaceId, draftId);
        Versions.requireMatch(ifMatch, draft.version);
        Workflow.requireAllowed(draft.status, Workflow.SCHEDULE);
        List<Instant> times = resolve(draft, requests, now ? null : now());
        drafts.requirePublishable(draft);
        Map<UUID, Channel> byId = requireConnectors(workspaceId, requests);
        deletePending(draftId);
        publications.replaceSchedule(draftId);
        Instant created = now();
        List<Publication> made = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            SlotRequest request = requests.get(i);
            PublicationSlot slot = new PublicationSlot();
            slot.id = UUID.randomUUID();
            slot.workspaceId = workspaceId;
            slot.draftId = draftId;
            slot.channelId = request.channelId();
            slot.publishAt = times.get(i);
            slot.localDateTime = request.localDateTime();
            slot.timeZone = request.timeZone();
            slot.basis = request.basis();
            if (request.rrule() != null) {
                slot.rrule = request.rrule();
                slot.recurrenceEnd = Recurrence.last(Recurrence.parse(request.rrule(), "slots[" + i + "].rrule"),
                        slot.publishAt, ZoneId.of(request.timeZone()));
            }
            slot.state = PublicationSlot.PENDING;
            slot.createdBy = actor;
            slot.createdAt = created;
            slot.persist();
            publications.first(draft, slot, byId.get(slot.channelId).network, actor).ifPresent(made::add);
        }
        history.move(draft, now ? "publish_now" : Workflow.SCHEDULE, Workflow.SCHEDULED, actor, describe(requests, times));
        draftWebhooks.scheduled(draft, actor, made);
        draft.updatedAt = created;
        draft.flush();
        return new Scheduled(draft, made);
    }

    /** Every slot's channel must be of a network Kogu can publish to: refused now, never at publishing time. */
    private Map<UUID, Channel> requireConnectors(String workspaceId, List<SlotRequest> requests) {
        Map<UUID, Channel> byId = new HashMap<>();
        channels.existing(workspaceId, requests.stream().map(SlotRequest::channelId).toList()).forEach(c -> byId.put(c.id, c));
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            Channel channel = byId.get(requests.get(i).channelId());
            if (channel == null) {
                errors.add(new FieldError("slots[" + i + "].channelId", "names a channel that no longer exists"));
            } else if (connectors.forNetwork(channel.network).isEmpty()) {
                errors.add(new FieldError("slots[" + i + "].channelId", "is a " + channel.network
                        + " channel, and Kogu cannot publish to " + channel.network + " yet (it can to: "
                        + String.join(", ", connectors.networks()) + ")"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("Kogu cannot publish on every channel of this schedule: "
                    + ProblemException.detailOf(errors), errors);
        }
        return byId;
    }

    @Transactional
    public Draft unschedule(String workspaceId, UUID draftId, String ifMatch, String actor) {
        Draft draft = drafts.get(workspaceId, draftId);
        Versions.requireMatch(ifMatch, draft.version);
        Workflow.requireAllowed(draft.status, Workflow.UNSCHEDULE);
        deletePending(draftId);
        history.move(draft, Workflow.UNSCHEDULE, Workflow.APPROVED, actor, null);
        draft.updatedAt = now();
        draft.flush();
        return draft;
    }

    /** The slots of a draft the caller already holds (so already checked to be of its workspace). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PublicationSlot> slots(Draft draft) {
        return PublicationSlot.<PublicationSlot>find("draftId = ?1 order by publishAt, id", draft.id).list();
    }

    /** Moves one occurrence of a recurring slot to {@code local} (in the slot's zone), or skips it. */
    @Transactional
    public Draft changeOccurrence(String workspaceId, UUID draftId, UUID slotId, LocalDate date, String ifMatch,
            String actor, boolean skip, LocalDateTime local) {
        Draft draft = scheduledDraft(workspaceId, draftId, ifMatch);
        PublicationSlot slot = recurringSlot(draftId, slotId);
        ZoneId zone = ZoneId.of(slot.timeZone);
        if (Recurrence.on(slot.rrule, slot.publishAt, zone, date) == null) {
            throw ProblemException.notFound("occurrence on " + date + " of slot", slotId);
        }
        SlotOccurrence occurrence = SlotOccurrence.findById(new SlotOccurrence.Key(slotId, date));
        if (occurrence == null) {
            occurrence = new SlotOccurrence();
            occurrence.slotId = slotId;
            occurrence.occurrenceDate = date;
            occurrence.workspaceId = workspaceId;
        }
        occurrence.skipped = skip;
        if (skip) {
            occurrence.publishAt = null;
            occurrence.localDateTime = null;
        } else {
            if (local == null) {
                throw ProblemException.invalid("localDateTime", "give the new time, or skip: true");
            }
            Instant at = LocalTimes.resolve(local, zone, "localDateTime");
            if (!at.isAfter(now())) {
                throw ProblemException.unprocessable("The new time is in the past",
                        List.of(new FieldError("localDateTime", "is in the past; pick a future time")));
            }
            occurrence.publishAt = at;
            occurrence.localDateTime = local;
        }
        occurrence.persist();
        publications.occurrencesChanged(draft, slot);
        history.record(draft, "change_occurrence", draft.status, draft.status, actor,
                "Occurrence of " + date + (skip ? " skipped" : " moved to " + local + " " + zone));
        return touched(draft);
    }

    /** Puts a moved or skipped occurrence back into its series. */
    @Transactional
    public Draft restoreOccurrence(String workspaceId, UUID draftId, UUID slotId, LocalDate date, String ifMatch,
            String actor) {
        Draft draft = scheduledDraft(workspaceId, draftId, ifMatch);
        PublicationSlot slot = recurringSlot(draftId, slotId);
        if (!SlotOccurrence.deleteById(new SlotOccurrence.Key(slotId, date))) {
            throw ProblemException.notFound("changed occurrence on " + date + " of slot", slotId);
        }
        publications.occurrencesChanged(draft, slot);
        history.record(draft, "restore_occurrence", draft.status, draft.status, actor, "Occurrence of " + date + " restored");
        return touched(draft);
    }

    /** The changed occurrences of these slots, by slot, each slot's by date: one query for a whole schedule. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<UUID, List<SlotOccurrence>> exceptions(List<UUID> slotIds) {
        if (slotIds.isEmpty()) {
            return Map.of();
        }
        return SlotOccurrence.<SlotOccurrence>find("slotId in ?1 order by occurrenceDate", slotIds).list()
                .stream().collect(Collectors.groupingBy(o -> o.slotId, Collectors.toList()));
    }

    private Draft scheduledDraft(String workspaceId, UUID draftId, String ifMatch) {
        Draft draft = drafts.get(workspaceId, draftId);
        Versions.requireMatch(ifMatch, draft.version);
        if (!Workflow.SCHEDULED.equals(draft.status)) {
            List<String> allowed = Workflow.allowedActions(draft.status);
            throw new ProblemException(ProblemType.CONFLICT, "Only a scheduled draft has occurrences to change; it is "
                    + draft.status + "; allowed now: " + String.join(", ", allowed),
                    allowed.stream().map(a -> new FieldError("allowedActions", a)).toList());
        }
        return draft;
    }

    private static PublicationSlot recurringSlot(UUID draftId, UUID slotId) {
        return PublicationSlot.<PublicationSlot>find("id = ?1 and draftId = ?2 and rrule is not null", slotId, draftId)
                .firstResultOptional().orElseThrow(() -> ProblemException.notFound("recurring slot", slotId));
    }

    private Draft touched(Draft draft) {
        // The draft's version covers its schedule: a change here is a new ETag.
        draft.updatedAt = now();
        draft.flush();
        return draft;
    }

    /** A draft that leaves {@code scheduled} (edited, archived) is published nowhere. */
    void onUnscheduling(@Observes ReviewService.Unscheduling event) {
        deletePending(event.draft().id);
    }

    private void deletePending(UUID draftId) {
        publications.dropQueued(draftId);
        PublicationSlot.delete("draftId = ?1 and state = ?2", draftId, PublicationSlot.PENDING);
    }

    /** The instant of each request; with {@code notBefore}, each must lie after it. */
    private static List<Instant> resolve(Draft draft, List<SlotRequest> requests, Instant notBefore) {
        List<FieldError> errors = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            SlotRequest request = requests.get(i);
            String field = "slots[" + i + "]";
            if (!draft.channelIds.contains(request.channelId())) {
                errors.add(new FieldError(field + ".channelId", "is not one of the draft's channels"));
            } else if (!seen.add(request.channelId())) {
                errors.add(new FieldError(field + ".channelId", "has a slot already; one slot per channel"));
            }
            boolean local = request.localDateTime() != null;
            if ((request.publishAt() != null) == local) {
                errors.add(new FieldError(field, "give either publishAt, or localDateTime with timeZone"));
                times.add(null);
                continue;
            }
            if (request.rrule() != null) {
                if (!local) {
                    errors.add(new FieldError(field + ".rrule", "needs localDateTime and timeZone: a series keeps its wall-clock time"));
                } else {
                    Recurrence.parse(request.rrule(), field + ".rrule");
                }
            }
            if (!local) {
                if (request.timeZone() != null) {
                    errors.add(new FieldError(field + ".timeZone", "goes with localDateTime only"));
                }
                times.add(request.publishAt());
                continue;
            }
            ZoneId zone = zoneOf(request.timeZone(), field + ".timeZone", errors);
            times.add(zone == null ? null : LocalTimes.resolve(request.localDateTime(), zone, field + ".localDateTime"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        if (notBefore == null) {
            return times;
        }
        List<FieldError> past = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            if (!times.get(i).isAfter(notBefore)) {
                past.add(new FieldError("slots[" + i + "]", "is in the past (" + times.get(i) + "); pick a future time"));
            }
        }
        if (!past.isEmpty()) {
            throw ProblemException.unprocessable("A publication time is in the past", past);
        }
        return times;
    }

    static ZoneId zoneOf(String name, String field, List<FieldError> errors) {
        if (name == null) {
            errors.add(new FieldError(field, "is needed with localDateTime (an IANA zone such as Europe/Tallinn)"));
            return null;
        }
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            errors.add(new FieldError(field, "is not an IANA time zone (e.g. Europe/Tallinn)"));
            return null;
        }
    }

    private static String describe(List<SlotRequest> requests, List<Instant> times) {
        StringBuilder text = new StringBuilder("Scheduled ");
        for (int i = 0; i < requests.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(requests.get(i).channelId()).append(" at ").append(times.get(i));
        }
        return text.toString();
    }

    private Instant now() {
        return Clocks.now(clock);
    }
}
