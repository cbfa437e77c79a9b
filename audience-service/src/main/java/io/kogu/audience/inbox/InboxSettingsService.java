package io.kogu.audience.inbox;

import io.kogu.audience.api.model.BusinessHours;
import io.kogu.audience.api.model.InboxSettingsInput;
import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.web.Versions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** The inbox settings of a workspace: the defaults until an admin saves them, then by version. */
@ApplicationScoped
public class InboxSettingsService {

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.SUPPORTS)
    public InboxSettings get(String workspaceId) {
        InboxSettings stored = InboxSettings.findById(workspaceId);
        return stored != null ? stored : InboxSettings.defaults(workspaceId);
    }

    @Transactional
    public InboxSettings update(String workspaceId, String ifMatch, InboxSettingsInput input) {
        List<FieldError> errors = new ArrayList<>();
        try {
            ZoneId.of(input.getTimeZone());
        } catch (DateTimeException e) {
            errors.add(new FieldError("timeZone", "is not an IANA time zone name (such as Europe/Tallinn)"));
        }
        List<InboxSettings.Hours> hours = new ArrayList<>();
        for (int i = 0; i < input.getBusinessHours().size(); i++) {
            BusinessHours h = input.getBusinessHours().get(i);
            if (!LocalTime.parse(h.getStart()).isBefore(LocalTime.parse(h.getEnd()))) {
                errors.add(new FieldError("businessHours[" + i + "]", "start must be before end"));
            }
            hours.add(new InboxSettings.Hours(h.getWeekday().toString(), h.getStart(), h.getEnd()));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        // Locked: two admins saving at once cannot both pass If-Match with the same version.
        InboxSettings stored = InboxSettings.findById(workspaceId, LockModeType.PESSIMISTIC_WRITE);
        Versions.requireMatch(ifMatch, stored == null ? 0 : stored.version);
        boolean first = stored == null;
        if (first) {
            stored = InboxSettings.defaults(workspaceId);
        }
        stored.timeZone = input.getTimeZone();
        stored.businessHours = hours;
        stored.version++;
        stored.updatedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (first) {
            stored.persist();
        }
        return stored;
    }
}
