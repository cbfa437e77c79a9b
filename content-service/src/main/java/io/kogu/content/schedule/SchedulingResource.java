package io.kogu.content.schedule;

import io.kogu.content.api.SchedulingApi;
import io.kogu.content.api.model.Calendar;
import io.kogu.content.api.model.CalendarDay;
import io.kogu.content.api.model.CalendarItem;
import io.kogu.content.api.model.DraftSchedule;
import io.kogu.content.api.model.DraftStatus;
import io.kogu.content.api.model.OccurrenceException;
import io.kogu.content.api.model.OccurrenceInput;
import io.kogu.content.api.model.ScheduleInput;
import io.kogu.content.api.model.Slot;
import io.kogu.content.channel.Channel;
import io.kogu.content.channel.ChannelService;
import io.kogu.content.draft.Draft;
import io.kogu.content.draft.DraftService;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.security.Caller;
import io.kogu.platform.security.Roles;
import io.kogu.platform.web.Versions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

public class SchedulingResource implements SchedulingApi {

    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm");

    @Inject
    SchedulingService scheduling;

    @Inject
    CalendarService calendar;

    @Inject
    DraftService drafts;

    @Inject
    Caller caller;

    @Inject
    ChannelService channels;

    @Inject
    BestTimePlanner bestTime;

    @Override
    @RolesAllowed({Roles.APPROVER, Roles.ADMIN})
    public Response scheduleDraft(UUID draftId, ScheduleInput input, String ifMatch) {
        List<SlotRequest> requests = new ArrayList<>();
        Draft draft = null;
        for (int i = 0; i < input.getSlots().size(); i++) {
            var slot = input.getSlots().get(i);
            String field = "slots[" + i + "]";
            if (slot.getBest() != null) {
                if (slot.getPublishAt() != null || slot.getLocalDateTime() != null || slot.getRrule() != null) {
                    throw ProblemException.invalid(field + ".best", "goes without publishAt, localDateTime and rrule");
                }
                // Asked before the scheduling transaction: no remote call inside it.
                draft = draft == null ? drafts.get(caller.workspaceId(), draftId) : draft;
                Channel channel = channels.get(caller.workspaceId(), slot.getChannelId());
                UUID segment = draft.targetSegmentIds.isEmpty() ? null : draft.targetSegmentIds.get(0);
                BestTimePlanner.Choice choice = bestTime.choose(caller.workspaceId(), channel, draftId, segment,
                        slot.getBest().getFrom() == null ? null : slot.getBest().getFrom().toInstant(),
                        slot.getBest().getTo() == null ? null : slot.getBest().getTo().toInstant(), field + ".best");
                requests.add(new SlotRequest(slot.getChannelId(), choice.at(), null, null, null, choice.basis()));
                continue;
            }
            requests.add(new SlotRequest(slot.getChannelId(),
                    slot.getPublishAt() == null ? null : slot.getPublishAt().toInstant(),
                    localDateTime(slot.getLocalDateTime(), field + ".localDateTime"), slot.getTimeZone(),
                    slot.getRrule() == null || slot.getRrule().isBlank() ? null : slot.getRrule().trim()));
        }
        return schedule(scheduling.schedule(caller.workspaceId(), draftId, ifMatch, caller.subject(), requests));
    }

    @Override
    @RolesAllowed({Roles.APPROVER, Roles.ADMIN})
    public Response unscheduleDraft(UUID draftId, String ifMatch) {
        return schedule(scheduling.unschedule(caller.workspaceId(), draftId, ifMatch, caller.subject()));
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response getDraftSchedule(UUID draftId) {
        return schedule(drafts.get(caller.workspaceId(), draftId));
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response getCalendar(LocalDate from, LocalDate to, String timeZone, UUID channel) {
        ZoneId zone = CalendarService.zone(timeZone);
        Map<LocalDate, List<CalendarEntry>> days = calendar.days(caller.workspaceId(), from, to, zone, channel);
        List<CalendarDay> apiDays = new ArrayList<>();
        days.forEach((date, entries) -> apiDays.add(new CalendarDay().date(date).items(entries.stream()
                .map(e -> new CalendarItem().draftId(e.draftId()).slotId(e.slotId()).channelId(e.channelId())
                        .title(e.title()).state(CalendarItem.StateEnum.fromValue(e.state()))
                        .publishAt(e.publishAt().atOffset(ZoneOffset.UTC))
                        .time(e.publishAt().atZone(zone).format(HOUR_MINUTE))
                        .recurring(e.occurrence() != null).occurrence(e.occurrence())
                        .publicationId(e.publicationId())
                        .publicationState(e.publicationState()))
                .toList())));
        return Response.ok(new Calendar().timeZone(zone.getId()).from(from).to(to).days(apiDays)).build();
    }

    @Override
    @RolesAllowed({Roles.APPROVER, Roles.ADMIN})
    public Response changeOccurrence(UUID draftId, UUID slotId, LocalDate date, OccurrenceInput input, String ifMatch) {
        return schedule(scheduling.changeOccurrence(caller.workspaceId(), draftId, slotId, date, ifMatch, caller.subject(),
                Boolean.TRUE.equals(input.getSkip()), localDateTime(input.getLocalDateTime(), "localDateTime")));
    }

    @Override
    @RolesAllowed({Roles.APPROVER, Roles.ADMIN})
    public Response restoreOccurrence(UUID draftId, UUID slotId, LocalDate date, String ifMatch) {
        return schedule(scheduling.restoreOccurrence(caller.workspaceId(), draftId, slotId, date, ifMatch, caller.subject()));
    }

    private Response schedule(Draft draft) {
        List<PublicationSlot> own = scheduling.slots(draft);
        Map<UUID, List<SlotOccurrence>> exceptions = scheduling.exceptions(
                own.stream().filter(slot -> slot.rrule != null).map(slot -> slot.id).toList());
        List<Slot> slots = own.stream().map(slot -> toApi(slot, exceptions.getOrDefault(slot.id, List.of()))).toList();
        return Response.ok(new DraftSchedule().draftId(draft.id).status(DraftStatus.fromValue(draft.status))
                .version(draft.version).slots(slots)).tag(Versions.etag(draft.version)).build();
    }

    private static Slot toApi(PublicationSlot slot, List<SlotOccurrence> exceptions) {
        return new Slot().id(slot.id).channelId(slot.channelId).publishAt(slot.publishAt.atOffset(ZoneOffset.UTC))
                .localDateTime(slot.localDateTime == null ? null : slot.localDateTime.toString())
                .timeZone(slot.timeZone).state(Slot.StateEnum.fromValue(slot.state)).rrule(slot.rrule)
                .basis(slot.basis == null ? null : Slot.BasisEnum.fromValue(slot.basis))
                .exceptions(exceptions.stream()
                        .map(o -> new OccurrenceException().date(o.occurrenceDate).skipped(o.skipped)
                                .publishAt(o.publishAt == null ? null : o.publishAt.atOffset(ZoneOffset.UTC))
                                .localDateTime(o.localDateTime == null ? null : o.localDateTime.toString()))
                        .toList());
    }

    private static LocalDateTime localDateTime(String value, String field) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "is not a date and time (yyyy-MM-ddTHH:mm)");
        }
    }
}
