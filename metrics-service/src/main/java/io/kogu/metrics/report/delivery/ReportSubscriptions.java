package io.kogu.metrics.report.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.metrics.analytics.Zones;
import io.kogu.metrics.api.model.Network;
import io.kogu.metrics.api.model.ReportCadence;
import io.kogu.metrics.api.model.ReportDelivery;
import io.kogu.metrics.api.model.ReportDeliveryStatus;
import io.kogu.metrics.api.model.ReportFormat;
import io.kogu.metrics.api.model.ReportLanguage;
import io.kogu.metrics.api.model.ReportSubscription;
import io.kogu.metrics.api.model.ReportSubscriptionInput;
import io.kogu.metrics.api.model.Weekday;
import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.sql.Sql;
import io.kogu.platform.web.Keyset;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.PageCursor;
import io.kogu.platform.web.Versions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import org.hibernate.query.NativeQuery;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Report subscriptions (issue 16 item 3): what report, when (a {@link Schedule} in the subscription's zone), how
 * (e-mail recipients and/or the {@code report.delivered} webhook), and each subscription's delivery log.
 */
@ApplicationScoped
public class ReportSubscriptions {

    /** A workspace's subscriptions at most (each one is a report rendered every week or month). */
    static final int MAX_PER_WORKSPACE = 100;
    /**
     * The form of a recipient's address: a local part and a domain with a dot, no spaces, no angle brackets or
     * line breaks (nothing that could add a header or a second address). The SMTP server has the last word.
     */
    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private static final String COLUMNS = """
            id, name, cadence, weekday, day_of_month, to_char(time_of_day, 'HH24:MI'), time_zone, language, format,
            channel_ids::text, network, campaign, tag, segment_id, top_count, recipients::text, webhook, enabled,
            next_due_at, created_at, updated_at, version""";

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    /** A subscription as the database holds it, checked. */
    record Settings(String name, Schedule schedule, String zoneName, String language, String format, List<UUID> channelIds,
                    String network, String campaign, String tag, UUID segmentId, int topCount, List<String> recipients,
                    boolean webhook, boolean enabled) {
    }

    @Transactional
    public ReportSubscription create(String workspaceId, ReportSubscriptionInput input) {
        Settings settings = check(input);
        Number count = (Number) entityManager.createNativeQuery(
                "select count(*) from report_subscription where workspace_id = :w").setParameter("w", workspaceId)
                .getSingleResult();
        if (count.intValue() >= MAX_PER_WORKSPACE) {
            throw ProblemException.unprocessable("A workspace has at most " + MAX_PER_WORKSPACE
                    + " report subscriptions; delete one first", List.of());
        }
        UUID id = UUID.randomUUID();
        Instant now = now();
        Query insert = entityManager.createNativeQuery("""
                insert into report_subscription (id, workspace_id, name, cadence, weekday, day_of_month, time_of_day,
                    time_zone, language, format, channel_ids, network, campaign, tag, segment_id, top_count, recipients,
                    webhook, enabled, next_due_at, created_at, updated_at, version)
                values (:id, :w, :name, :cadence, :weekday, :day, cast(:time as time), :zone, :language, :format,
                    cast(:channels as jsonb), :network, :campaign, :tag, :segment, :top, cast(:recipients as jsonb),
                    :webhook, :enabled, :due, :now, :now, 0)""");
        bind(insert, settings, now).setParameter("id", id).setParameter("w", workspaceId)
                .setParameter("now", utc(now)).executeUpdate();
        return get(workspaceId, id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ReportSubscription> list(String workspaceId, Keyset keyset) {
        Sql sql = new Sql().add("select " + COLUMNS + " from report_subscription where workspace_id = ").param(workspaceId);
        return keyset.page(keyset.where(sql, "").rows(entityManager).stream().map(this::view).toList(),
                s -> new PageCursor(s.getCreatedAt().toInstant(), s.getId()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ReportSubscription get(String workspaceId, UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select " + COLUMNS
                        + " from report_subscription where id = :id and workspace_id = :w")
                .setParameter("id", id).setParameter("w", workspaceId).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("report subscription", id);
        }
        return view(rows.get(0));
    }

    /** Replaces the settings; the next due time is computed again from now. */
    @Transactional
    public ReportSubscription update(String workspaceId, UUID id, String ifMatch, ReportSubscriptionInput input) {
        Versions.requireMatch(ifMatch, lockedVersion(workspaceId, id));
        Settings settings = check(input);
        Instant now = now();
        Query update = entityManager.createNativeQuery("""
                update report_subscription set name = :name, cadence = :cadence, weekday = :weekday, day_of_month = :day,
                    time_of_day = cast(:time as time), time_zone = :zone, language = :language, format = :format,
                    channel_ids = cast(:channels as jsonb), network = :network, campaign = :campaign, tag = :tag,
                    segment_id = :segment, top_count = :top, recipients = cast(:recipients as jsonb), webhook = :webhook,
                    enabled = :enabled, next_due_at = :due, updated_at = :now, version = version + 1
                where id = :id""");
        bind(update, settings, now).setParameter("id", id).setParameter("now", utc(now)).executeUpdate();
        return get(workspaceId, id);
    }

    @Transactional
    public void delete(String workspaceId, UUID id, String ifMatch) {
        Versions.requireMatch(ifMatch, lockedVersion(workspaceId, id));
        entityManager.createNativeQuery("delete from report_subscription where id = :id").setParameter("id", id)
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ReportDelivery> deliveries(String workspaceId, UUID subscriptionId, Keyset keyset) {
        get(workspaceId, subscriptionId);
        Sql sql = new Sql().add("""
                select id, subscription_id, period_from, period_to, due_at, time_zone, status, attempts, recipients,
                       emailed_at, webhook_queued_at, report_id, last_error, created_at, delivered_at
                from report_delivery where workspace_id = """).param(workspaceId).add(" and subscription_id = ")
                .param(subscriptionId);
        List<ReportDelivery> rows = keyset.where(sql, "").rows(entityManager).stream().map(row -> {
            ZoneId zone = Zones.parse((String) row[5]);
            return new ReportDelivery().id((UUID) row[0]).subscriptionId((UUID) row[1])
                    .periodFrom(zoned(row[2], zone)).periodTo(zoned(row[3], zone)).dueAt(zoned(row[4], zone))
                    .status(ReportDeliveryStatus.fromValue((String) row[6])).attempts(((Number) row[7]).intValue())
                    .recipients(((Number) row[8]).intValue()).emailedAt(zoned(row[9], ZoneOffset.UTC))
                    .webhookQueuedAt(zoned(row[10], ZoneOffset.UTC)).reportId((UUID) row[11]).lastError((String) row[12])
                    .createdAt(zoned(row[13], ZoneOffset.UTC)).deliveredAt(zoned(row[14], ZoneOffset.UTC));
        }).toList();
        return keyset.page(rows, d -> new PageCursor(d.getCreatedAt().toInstant(), d.getId()));
    }

    private long lockedVersion(String workspaceId, UUID id) {
        @SuppressWarnings("unchecked")
        List<Number> rows = entityManager.createNativeQuery(
                        "select version from report_subscription where id = :id and workspace_id = :w for update")
                .setParameter("id", id).setParameter("w", workspaceId).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("report subscription", id);
        }
        return rows.get(0).longValue();
    }

    /** The input's rules beyond the schema: a zone that exists, valid addresses, somewhere to deliver to. */
    Settings check(ReportSubscriptionInput input) {
        List<FieldError> errors = new ArrayList<>();
        ZoneId zone = null;
        try {
            zone = Zones.parse(input.getTimeZone());
        } catch (ProblemException e) {
            errors.add(new FieldError("timeZone", "is not an IANA time zone name such as Europe/Tallinn"));
        }
        String name = input.getName() == null ? "" : input.getName().strip();
        if (name.isEmpty()) {
            errors.add(new FieldError("name", "must not be blank"));
        } else if (name.codePoints().anyMatch(Character::isISOControl)) {
            // The name is the e-mail's subject: no line break may start another header.
            errors.add(new FieldError("name", "must be one line without control characters"));
        }
        List<String> recipients = new ArrayList<>();
        if (input.getRecipients() != null) {
            int i = 0;
            for (String address : input.getRecipients()) {
                if (address == null || address.length() > 254 || !EMAIL.matcher(address).matches()) {
                    errors.add(new FieldError("recipients[" + i + "]", "is not an e-mail address such as boss@example.com"));
                } else if (recipients.stream().noneMatch(address::equalsIgnoreCase)) {
                    recipients.add(address);
                }
                i++;
            }
        }
        boolean webhook = Boolean.TRUE.equals(input.getWebhook());
        if (recipients.isEmpty() && !webhook && errors.stream().noneMatch(e -> e.field().startsWith("recipients"))) {
            errors.add(new FieldError("recipients", "name at least one address, or set webhook to true"));
        }
        if (input.getCadence() == ReportCadence.MONTHLY && input.getWeekday() != null) {
            errors.add(new FieldError("weekday", "is for weekly reports; a monthly one goes out on dayOfMonth"));
        }
        if (input.getCadence() == ReportCadence.WEEKLY && input.getDayOfMonth() != null) {
            errors.add(new FieldError("dayOfMonth", "is for monthly reports; a weekly one goes out on weekday"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        Schedule.Cadence cadence = input.getCadence() == ReportCadence.MONTHLY ? Schedule.Cadence.MONTHLY
                : Schedule.Cadence.WEEKLY;
        DayOfWeek weekday = cadence == Schedule.Cadence.WEEKLY
                ? DayOfWeek.valueOf((input.getWeekday() == null ? Weekday.MONDAY : input.getWeekday()).name())
                : null;
        int day = cadence == Schedule.Cadence.MONTHLY && input.getDayOfMonth() != null ? input.getDayOfMonth() : 1;
        LocalTime time = input.getTime() == null ? LocalTime.of(8, 0) : LocalTime.parse(input.getTime(), HH_MM);
        return new Settings(name, new Schedule(cadence, weekday, day, time, zone), Zones.name(input.getTimeZone()),
                (input.getLanguage() == null ? ReportLanguage.EN : input.getLanguage()).toString(),
                (input.getFormat() == null ? ReportFormat.PDF : input.getFormat()).toString(),
                input.getChannelIds() == null ? List.of() : List.copyOf(input.getChannelIds()),
                input.getNetwork() == null ? null : input.getNetwork().toString(), input.getCampaign(), input.getTag(),
                input.getSegmentId(), input.getTopCount() == null ? 5 : input.getTopCount(), recipients, webhook,
                !Boolean.FALSE.equals(input.getEnabled()));
    }

    private Query bind(Query query, Settings s, Instant now) {
        Schedule schedule = s.schedule();
        query.setParameter("name", s.name())
                .setParameter("cadence", schedule.cadence().name().toLowerCase(Locale.ROOT))
                .setParameter("time", schedule.time().format(HH_MM)).setParameter("zone", s.zoneName())
                .setParameter("language", s.language()).setParameter("format", s.format())
                .setParameter("channels", write(s.channelIds().stream().map(UUID::toString).toList()))
                .setParameter("top", s.topCount()).setParameter("recipients", write(s.recipients()))
                .setParameter("webhook", s.webhook()).setParameter("enabled", s.enabled());
        typed(query, "weekday", schedule.cadence() == Schedule.Cadence.WEEKLY ? (short) schedule.weekday().getValue()
                : null, Short.class);
        typed(query, "day", schedule.cadence() == Schedule.Cadence.MONTHLY ? (short) schedule.dayOfMonth() : null,
                Short.class);
        typed(query, "network", s.network(), String.class);
        typed(query, "campaign", s.campaign(), String.class);
        typed(query, "tag", s.tag(), String.class);
        typed(query, "segment", s.segmentId(), UUID.class);
        typed(query, "due", s.enabled() ? utc(schedule.nextAfter(now)) : null, OffsetDateTime.class);
        return query;
    }

    private ReportSubscription view(Object[] row) {
        String cadence = (String) row[2];
        ReportSubscription view = new ReportSubscription().id((UUID) row[0]).name((String) row[1])
                .cadence(ReportCadence.fromValue(cadence)).time((String) row[5]).timeZone((String) row[6])
                .language(ReportLanguage.fromValue((String) row[7])).format(ReportFormat.fromValue((String) row[8]))
                .channelIds(read((String) row[9]).stream().map(UUID::fromString).toList())
                .network(row[10] == null ? null : Network.fromValue((String) row[10])).campaign((String) row[11])
                .tag((String) row[12]).segmentId((UUID) row[13]).topCount(((Number) row[14]).intValue())
                .recipients(read((String) row[15])).webhook((Boolean) row[16]).enabled((Boolean) row[17])
                .createdAt(zoned(row[19], ZoneOffset.UTC)).updatedAt(zoned(row[20], ZoneOffset.UTC))
                .version(((Number) row[21]).longValue());
        if (row[3] != null) {
            view.weekday(Weekday.fromValue(DayOfWeek.of(((Number) row[3]).intValue()).name().toLowerCase(Locale.ROOT)));
        }
        if (row[4] != null) {
            view.dayOfMonth(((Number) row[4]).intValue());
        }
        if (row[18] != null) {
            view.nextDueAt(zoned(row[18], Zones.parse((String) row[6])));
        }
        return view;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static OffsetDateTime zoned(Object value, ZoneId zone) {
        return value == null ? null : Sql.toInstant(value).atZone(zone).toOffsetDateTime();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Query typed(Query query, String name, Object value, Class<?> type) {
        ((NativeQuery) query.unwrap(NativeQuery.class)).setParameter(name, value, (Class) type);
        return query;
    }

    private String write(List<String> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    List<String> read(String text) {
        try {
            return json.readValue(text, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored list is not JSON", e);
        }
    }
}
