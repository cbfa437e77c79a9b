package io.kogu.audience.inbox;

import io.kogu.audience.api.InboxReportsApi;
import io.kogu.audience.api.model.BusinessHours;
import io.kogu.audience.api.model.DurationStats;
import io.kogu.audience.api.model.InboxSettingsInput;
import io.kogu.audience.api.model.ResponseTimeGroup;
import io.kogu.audience.api.model.Weekday;
import io.kogu.platform.security.Caller;
import io.kogu.platform.security.Roles;
import io.kogu.platform.text.CsvCells;
import io.kogu.platform.web.Versions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Inbox settings and response times over HTTP; response times as JSON or CSV. */
public class InboxReportsResource implements InboxReportsApi {

    private static final MediaType CSV = MediaType.valueOf("text/csv");
    private static final String CSV_HEADER = "groupBy,key,conversations,firstResponse.count,firstResponse.p50Minutes,"
            + "firstResponse.p90Minutes,resolution.count,resolution.p50Minutes,resolution.p90Minutes";

    @Inject
    Caller caller;

    @Inject
    InboxSettingsService settings;

    @Inject
    ResponseTimes responseTimes;

    @Context
    HttpHeaders headers;

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response getInboxSettings() {
        return settings(settings.get(caller.workspaceId()));
    }

    @Override
    @RolesAllowed(Roles.ADMIN)
    public Response updateInboxSettings(InboxSettingsInput input, String ifMatch) {
        return settings(settings.update(caller.workspaceId(), ifMatch, input));
    }

    @Override
    @RolesAllowed({Roles.VIEWER, Roles.EDITOR, Roles.APPROVER, Roles.ADMIN})
    public Response getResponseTimes(OffsetDateTime from, OffsetDateTime to, String format) {
        ResponseTimes.Report report = responseTimes.report(caller.workspaceId(), from.toInstant(), to.toInstant());
        if (csv(format)) {
            return Response.ok(csv(report), CSV).build();
        }
        return Response.ok(new io.kogu.audience.api.model.ResponseTimes()
                .from(report.from().atOffset(ZoneOffset.UTC)).to(report.to().atOffset(ZoneOffset.UTC))
                .timeZone(report.timeZone()).overall(group(report.overall()))
                .byChannel(report.byChannel().stream().map(InboxReportsResource::group).toList())
                .byAssignee(report.byAssignee().stream().map(InboxReportsResource::group).toList()),
                MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** {@code ?format=} wins; else the first Accept type that names JSON or CSV; else JSON. */
    private boolean csv(String format) {
        if (format != null) {
            return "csv".equals(format);
        }
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            if (accepted.isCompatible(CSV) && !accepted.isWildcardType()) {
                return true;
            }
            if (accepted.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !accepted.isWildcardType()) {
                return false;
            }
        }
        return false;
    }

    private static String csv(ResponseTimes.Report report) {
        List<String> lines = new ArrayList<>();
        lines.add(CSV_HEADER);
        lines.add(line("overall", report.overall()));
        report.byChannel().forEach(g -> lines.add(line("channel", g)));
        report.byAssignee().forEach(g -> lines.add(line("assignee", g)));
        return String.join("\r\n", lines) + "\r\n";
    }

    private static String line(String groupBy, ResponseTimes.Group g) {
        Object[] cells = {groupBy, g.key(), g.conversations(), g.firstResponse().count(), g.firstResponse().p50Minutes(),
                g.firstResponse().p90Minutes(), g.resolution().count(), g.resolution().p50Minutes(),
                g.resolution().p90Minutes()};
        return Arrays.stream(cells).map(InboxReportsResource::cell).collect(Collectors.joining(","));
    }

    /** A CSV cell: empty for null, quoted when it holds a comma, quote or line break, never a formula (CsvCells). */
    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = String.valueOf(CsvCells.safe(value));
        return text.matches("(?s).*[\",\r\n].*") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static ResponseTimeGroup group(ResponseTimes.Group g) {
        return new ResponseTimeGroup().key(g.key()).conversations(g.conversations())
                .firstResponse(stats(g.firstResponse())).resolution(stats(g.resolution()));
    }

    private static DurationStats stats(ResponseTimes.Stats s) {
        return new DurationStats().count(s.count()).p50Minutes(s.p50Minutes()).p90Minutes(s.p90Minutes());
    }

    private Response settings(InboxSettings s) {
        return Response.ok(new io.kogu.audience.api.model.InboxSettings().timeZone(s.timeZone).version(s.version)
                .businessHours(s.businessHours.stream().map(h -> new BusinessHours().weekday(Weekday.fromValue(h.weekday()))
                        .start(h.start()).end(h.end())).toList())).tag(Versions.etag(s.version)).build();
    }
}
