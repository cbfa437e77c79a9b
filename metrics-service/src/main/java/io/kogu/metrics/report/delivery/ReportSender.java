package io.kogu.metrics.report.delivery;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.metrics.analytics.Zones;
import io.kogu.metrics.api.model.Network;
import io.kogu.metrics.api.model.ReportRequest;
import io.kogu.metrics.chart.Texts;
import io.kogu.metrics.config.MetricsSettings;
import io.kogu.platform.outbox.OutboxMessage;
import io.kogu.platform.outbox.OutboxReceiver;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.sql.Sql;
import io.kogu.platform.webhooks.WebhookEvents;
import io.kogu.platform.webhooks.Webhooks;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static io.kogu.metrics.report.delivery.ReportSubscriptions.utc;

/**
 * Sends one delivery (outbox event {@code report.delivery}, queued by {@link ReportSchedule}): renders the report
 * of its period, stores it ({@code stored_report}, downloadable at {@code GET /v1/reports/{id}}) and in the same
 * transaction queues the {@code report.delivered} webhook event; then e-mails it, attached, with Quarkus Mailer.
 * Each step is recorded on the delivery as it is done (report id, {@code webhook_queued_at}, {@code emailed_at}), so
 * an attempt after a failure does only what is left: the report is not rendered twice, the webhook not queued twice,
 * the e-mail not sent again once the SMTP server accepted it. (A replica that dies between the server's acceptance
 * and that record would send it again on the next attempt: SMTP has no idempotency key.) After
 * {@code kogu.metrics.reports.max-attempts} the delivery is {@code failed}.
 */
@ApplicationScoped
public class ReportSender implements OutboxReceiver {

    public static final String EVENT_TYPE = "report.delivery";
    private static final Logger LOG = Logger.getLogger(ReportSender.class);
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    @Inject
    EntityManager entityManager;

    @Inject
    BackgroundReports backgroundReports;

    @Inject
    Webhooks webhooks;

    @Inject
    Mailer mailer;

    @Inject
    MetricsSettings settings;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    /** A delivery and what its subscription asks for now. */
    record Job(UUID id, String workspaceId, UUID subscriptionId, String name, Instant periodFrom, Instant periodTo,
               String zoneName, String language, String format, List<UUID> channelIds, String network, String campaign,
               String tag, UUID segmentId, int topCount, List<String> recipients, boolean webhook, UUID reportId,
               Instant emailedAt) {
    }

    record Stored(UUID id, String fileName, byte[] body, String summary, Instant expiresAt) {
    }

    @Override
    public String eventType() {
        return EVENT_TYPE;
    }

    @Override
    public Duration retryAfter(int attempts) {
        List<Duration> schedule = settings.reports().retrySchedule();
        return schedule.get(Math.min(Math.max(attempts - 1, 0), schedule.size() - 1));
    }

    @Override
    public void deliver(OutboxMessage message) throws Exception {
        UUID deliveryId = UUID.fromString(message.payload().path("deliveryId").asText());
        Job job = QuarkusTransaction.requiringNew().call(() -> load(deliveryId));
        if (job == null) {
            return; // the subscription was deleted, or the delivery is over
        }
        try {
            Stored stored = job.reportId() == null ? null : QuarkusTransaction.requiringNew().call(() -> stored(job.reportId()));
            if (stored == null) {
                Texts texts = Texts.of(Locale.forLanguageTag(job.language()));
                BackgroundReports.Rendered rendered = backgroundReports.render(job.workspaceId(), request(job), texts,
                        job.format());
                stored = QuarkusTransaction.requiringNew().call(() -> store(job, rendered));
            }
            if (!job.recipients().isEmpty() && job.emailedAt() == null) {
                mailer.send(mail(job, stored));
                QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                                "update report_delivery set emailed_at = :now where id = :id")
                        .setParameter("now", utc(now())).setParameter("id", deliveryId).executeUpdate());
            }
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                            update report_delivery set status = 'delivered', delivered_at = :now, attempts = :attempts,
                                last_error = null where id = :id""")
                    .setParameter("now", utc(now())).setParameter("attempts", message.attempts())
                    .setParameter("id", deliveryId).executeUpdate());
        } catch (Exception e) {
            String error = describe(e);
            boolean giveUp = message.attempts() >= settings.reports().maxAttempts();
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                            update report_delivery set attempts = :attempts, last_error = :error,
                                status = case when :giveUp then 'failed' else status end where id = :id""")
                    .setParameter("attempts", message.attempts()).setParameter("error", error)
                    .setParameter("giveUp", giveUp).setParameter("id", deliveryId).executeUpdate());
            if (giveUp) {
                LOG.warnf("Report delivery %s failed after %d attempts: %s", deliveryId, message.attempts(), error);
                return;
            }
            // The outbox logs the message and retries on retryAfter: no address or SMTP reply in it.
            throw new IllegalStateException(error);
        }
    }

    private Job load(UUID deliveryId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select d.id, d.workspace_id, d.subscription_id, s.name, d.period_from, d.period_to, d.time_zone,
                               s.language, s.format, s.channel_ids::text, s.network, s.campaign, s.tag, s.segment_id,
                               s.top_count, s.recipients::text, s.webhook, d.report_id, d.emailed_at
                        from report_delivery d join report_subscription s on s.id = d.subscription_id
                        where d.id = :id and d.status = 'pending'""")
                .setParameter("id", deliveryId).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = rows.get(0);
        return new Job((UUID) r[0], (String) r[1], (UUID) r[2], (String) r[3], Sql.toInstant(r[4]), Sql.toInstant(r[5]),
                (String) r[6], (String) r[7], (String) r[8], list((String) r[9]).stream().map(UUID::fromString).toList(),
                (String) r[10], (String) r[11], (String) r[12], (UUID) r[13], ((Number) r[14]).intValue(),
                list((String) r[15]), (Boolean) r[16], (UUID) r[17], r[18] == null ? null : Sql.toInstant(r[18]));
    }

    private static ReportRequest request(Job job) {
        ZoneId zone = Zones.parse(job.zoneName());
        ReportRequest request = new ReportRequest().from(job.periodFrom().atZone(zone).toOffsetDateTime())
                .to(job.periodTo().atZone(zone).toOffsetDateTime()).timeZone(job.zoneName()).campaign(job.campaign())
                .tag(job.tag()).segmentId(job.segmentId()).topCount(job.topCount())
                .network(job.network() == null ? null : Network.fromValue(job.network()));
        if (!job.channelIds().isEmpty()) {
            request.channelIds(new LinkedHashSet<>(job.channelIds()));
        }
        return request;
    }

    /** Stores the report and queues the webhook event, in one transaction, and records both on the delivery. */
    private Stored store(Job job, BackgroundReports.Rendered rendered) {
        Instant now = now();
        Instant expires = now.plus(settings.reports().keepFor());
        UUID reportId = UUID.randomUUID();
        ZoneId zone = Zones.parse(job.zoneName());
        String fileName = "kogu-report-" + job.periodFrom().atZone(zone).toLocalDate() + "." + job.format();
        entityManager.createNativeQuery("""
                        insert into stored_report (id, workspace_id, delivery_id, format, language, file_name, summary, body,
                                                   created_at, expires_at)
                        values (:id, :w, :delivery, :format, :language, :file, :summary, :body, :now, :expires)""")
                .setParameter("id", reportId).setParameter("w", job.workspaceId()).setParameter("delivery", job.id())
                .setParameter("format", job.format()).setParameter("language", job.language())
                .setParameter("file", fileName).setParameter("summary", rendered.headline())
                .setParameter("body", rendered.body()).setParameter("now", utc(now))
                .setParameter("expires", utc(expires)).executeUpdate();
        boolean webhook = job.webhook();
        if (webhook) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("subscriptionId", job.subscriptionId());
            data.put("deliveryId", job.id());
            data.put("reportId", reportId);
            data.put("reportUrl", reportUrl(reportId));
            data.put("periodFrom", ISO.format(job.periodFrom().atZone(zone)));
            data.put("periodTo", ISO.format(job.periodTo().atZone(zone)));
            data.put("timeZone", job.zoneName());
            data.put("format", job.format());
            data.put("language", job.language());
            data.put("expiresAt", expires.toString());
            webhooks.emit(job.workspaceId(), WebhookEvents.REPORT_DELIVERED, data);
        }
        entityManager.createNativeQuery("""
                        update report_delivery set report_id = :report,
                            webhook_queued_at = case when :webhook then cast(:now as timestamptz) end
                        where id = :id""")
                .setParameter("report", reportId).setParameter("webhook", webhook).setParameter("now", utc(now))
                .setParameter("id", job.id()).executeUpdate();
        return new Stored(reportId, fileName, rendered.body(), rendered.headline(), expires);
    }

    private Stored stored(UUID reportId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                        "select id, file_name, body, summary, expires_at from stored_report where id = :id")
                .setParameter("id", reportId).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = rows.get(0);
        return new Stored((UUID) r[0], (String) r[1], (byte[]) r[2], (String) r[3], Sql.toInstant(r[4]));
    }

    private Mail mail(Job job, Stored stored) {
        Texts t = Texts.of(Locale.forLanguageTag(job.language()));
        ZoneId zone = Zones.parse(job.zoneName());
        String first = t.date(job.periodFrom().atZone(zone).toLocalDate());
        String last = t.date(job.periodTo().atZone(zone).minusNanos(1).toLocalDate());
        String text = t.t("mail.intro", job.name(), first, last, job.zoneName()) + "\n\n"
                + t.t("mail.headline") + "\n" + stored.summary() + "\n"
                + t.t("mail.link", settings.reports().keepFor().toDays(), reportUrl(stored.id())) + "\n\n-- \n"
                + t.t("mail.footer", job.name()) + "\n";
        Mail mail = Mail.withText(job.recipients().get(0), t.t("mail.subject", job.name(), first, last), text);
        mail.setTo(job.recipients());
        mail.addAttachment(stored.fileName(), stored.body(),
                "html".equals(job.format()) ? "text/html; charset=UTF-8" : "application/pdf");
        mail.addHeader("Auto-Submitted", "auto-generated");
        mail.addHeader("X-Kogu-Report-Delivery", job.id().toString());
        return mail;
    }

    private String reportUrl(UUID reportId) {
        String base = settings.reports().baseUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/reports/" + reportId;
    }

    /** Why an attempt failed, for the delivery log and the service log: never an address or an SMTP reply. */
    static String describe(Exception e) {
        if (e instanceof ProblemException problem) {
            return "The report could not be made: " + problem.getMessage();
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String name = cause.getClass().getName();
            if (name.contains("mail") || name.contains("smtp") || name.contains("Mail") || name.contains("Smtp")
                    || cause instanceof java.net.ConnectException) {
                return "The e-mail was not accepted: the SMTP server refused it or could not be reached ("
                        + cause.getClass().getSimpleName() + ")";
            }
        }
        return "The report could not be delivered (" + e.getClass().getSimpleName() + ")";
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private List<String> list(String text) {
        try {
            return json.readValue(text, new TypeReference<List<String>>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("A stored list is not JSON", e);
        }
    }

}
