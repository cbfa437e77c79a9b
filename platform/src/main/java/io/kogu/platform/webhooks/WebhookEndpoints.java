package io.kogu.platform.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.platform.outbound.AddressPolicy;
import io.kogu.platform.outbound.OutboundSettings;
import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.problem.ProblemType;
import io.kogu.platform.sql.Sql;
import io.kogu.platform.web.Keyset;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.PageCursor;
import io.kogu.platform.web.Versions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The webhook endpoints of a workspace (the {@code /v1/webhook-endpoints} API of every service): settings, the
 * secret and its rotation, the delivery log and replays. Every query is scoped by the workspace: another
 * workspace's endpoint is a 404.
 */
@ApplicationScoped
public class WebhookEndpoints {

    private static final String COLUMNS = """
            id, url, event_types::text, description, enabled, disabled_reason, failing_since,
            previous_secret_expires_at, created_at, updated_at, version""";

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper json;

    @Inject
    WebhookSettings settings;

    @Inject
    WebhookSecrets secrets;

    @Inject
    WebhookClock clock;

    @Inject
    OutboundSettings outbound;

    @Inject
    Webhooks webhooks;

    /** The catalogue entries of the types this service sends. */
    public List<WebhookEvents.Type> eventTypes() {
        return settings.eventTypes().orElse(List.of()).stream().map(WebhookEvents.ALL::get).toList();
    }

    @Transactional
    public WebhookEndpointView create(String workspaceId, WebhookEndpointInput input) {
        Checked checked = check(input);
        Number count = (Number) entityManager.createNativeQuery("select count(*) from webhook_endpoint where workspace_id = :w")
                .setParameter("w", workspaceId).getSingleResult();
        if (count.intValue() >= settings.maxEndpoints()) {
            throw ProblemException.unprocessable("A workspace has at most " + settings.maxEndpoints()
                    + " webhook endpoints; delete one first", List.of());
        }
        UUID id = UUID.randomUUID();
        OffsetDateTime now = clock.now().atOffset(ZoneOffset.UTC);
        Params.typed(entityManager.createNativeQuery("""
                        insert into webhook_endpoint (id, workspace_id, url, event_types, description, enabled, secret_sealed,
                                                      created_at, updated_at, version)
                        values (:id, :w, :url, cast(:types as jsonb), :description, :enabled, :secret, :now, :now, 1)""")
                .setParameter("id", id).setParameter("w", workspaceId).setParameter("url", checked.url())
                .setParameter("types", checked.typesJson()).setParameter("enabled", checked.enabled())
                .setParameter("secret", secrets.seal(secrets.generate(), id.toString()))
                .setParameter("now", now), "description", input.description(), String.class).executeUpdate();
        return get(workspaceId, id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<WebhookEndpointView> list(String workspaceId, Keyset keyset) {
        Sql sql = new Sql().add("select " + COLUMNS + " from webhook_endpoint where workspace_id = ").param(workspaceId);
        return keyset.page(keyset.where(sql, "").rows(entityManager).stream().map(this::view).toList(),
                e -> new PageCursor(e.createdAt(), e.id()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public WebhookEndpointView get(String workspaceId, UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select " + COLUMNS
                        + " from webhook_endpoint where id = :id and workspace_id = :w")
                .setParameter("id", id).setParameter("w", workspaceId).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("webhook endpoint", id);
        }
        return view(rows.get(0));
    }

    /** Replaces the settings; enabling again clears why Kogu disabled it and the failure streak. */
    @Transactional
    public WebhookEndpointView update(String workspaceId, UUID id, String ifMatch, WebhookEndpointInput input) {
        WebhookEndpointView current = locked(workspaceId, id);
        Versions.requireMatch(ifMatch, current.version());
        Checked checked = check(input);
        boolean reenabled = checked.enabled() && !current.enabled();
        Params.typed(entityManager.createNativeQuery("""
                        update webhook_endpoint set url = :url, event_types = cast(:types as jsonb), description = :description,
                            enabled = :enabled,
                            disabled_reason = case when :enabled then null else disabled_reason end,
                            failing_since = case when :reenabled then null else failing_since end,
                            updated_at = :now, version = version + 1
                        where id = :id""")
                .setParameter("url", checked.url()).setParameter("types", checked.typesJson())
                .setParameter("enabled", checked.enabled()).setParameter("reenabled", reenabled)
                .setParameter("now", clock.now().atOffset(ZoneOffset.UTC)).setParameter("id", id),
                "description", input.description(), String.class).executeUpdate();
        return get(workspaceId, id);
    }

    @Transactional
    public void delete(String workspaceId, UUID id, String ifMatch) {
        WebhookEndpointView current = locked(workspaceId, id);
        Versions.requireMatch(ifMatch, current.version());
        entityManager.createNativeQuery("delete from webhook_delivery where endpoint_id = :id").setParameter("id", id)
                .executeUpdate();
        entityManager.createNativeQuery("delete from webhook_endpoint where id = :id").setParameter("id", id).executeUpdate();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public WebhookSecretView secret(String workspaceId, UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select secret_sealed, previous_secret_expires_at from webhook_endpoint
                        where id = :id and workspace_id = :w""")
                .setParameter("id", id).setParameter("w", workspaceId).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("webhook endpoint", id);
        }
        Instant previous = rows.get(0)[1] == null ? null : Sql.toInstant(rows.get(0)[1]);
        return new WebhookSecretView(secrets.open((byte[]) rows.get(0)[0], id.toString()),
                previous != null && previous.isAfter(clock.now()) ? previous : null);
    }

    /** A new secret signs from now on; the current one keeps signing as well for {@code secret-overlap}. */
    @Transactional
    public WebhookSecretView rotate(String workspaceId, UUID id) {
        locked(workspaceId, id);
        Instant now = clock.now();
        Instant expires = now.plus(settings.secretOverlap());
        String secret = secrets.generate();
        entityManager.createNativeQuery("""
                        update webhook_endpoint set previous_secret_sealed = secret_sealed, previous_secret_expires_at = :expires,
                            secret_sealed = :secret, updated_at = :now, version = version + 1 where id = :id""")
                .setParameter("expires", expires.atOffset(ZoneOffset.UTC)).setParameter("secret", secrets.seal(secret, id.toString()))
                .setParameter("now", now.atOffset(ZoneOffset.UTC)).setParameter("id", id).executeUpdate();
        return new WebhookSecretView(secret, expires);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<WebhookDeliveryView> deliveries(String workspaceId, UUID endpointId, String status, Keyset keyset) {
        get(workspaceId, endpointId);
        Sql sql = new Sql().add("""
                select id, endpoint_id, event_id, event_type, status, attempts, response_status, last_error, last_attempt_at,
                       next_attempt_at, succeeded_at, replay_of, created_at, payload::text
                from webhook_delivery where workspace_id = """).param(workspaceId).add(" and endpoint_id = ").param(endpointId);
        if (status != null) {
            sql.add(" and status = ").param(status);
        }
        List<WebhookDeliveryView> rows = keyset.where(sql, "").rows(entityManager).stream().map(row -> {
            try {
                return new WebhookDeliveryView((UUID) row[0], (UUID) row[1], (UUID) row[2], (String) row[3], (String) row[4],
                        ((Number) row[5]).intValue(), row[6] == null ? null : ((Number) row[6]).intValue(), (String) row[7],
                        instant(row[8]), instant(row[9]), instant(row[10]), (UUID) row[11], instant(row[12]),
                        json.readTree((String) row[13]));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A webhook delivery's payload is not JSON", e);
            }
        }).toList();
        return keyset.page(rows, d -> new PageCursor(d.createdAt(), d.id()));
    }

    /**
     * Queues again one delivery of the endpoint, or its original deliveries created at or after {@code since}
     * (oldest first, at most {@code max-replay}); answers how many. The endpoint must be enabled (409).
     */
    @Transactional
    public int replay(String workspaceId, UUID endpointId, UUID deliveryId, Instant since) {
        if ((deliveryId == null) == (since == null)) {
            throw new ProblemException(ProblemType.VALIDATION, "Give exactly one of deliveryId and since",
                    List.of(new FieldError(deliveryId == null ? "deliveryId" : "since",
                            "give exactly one of deliveryId and since")));
        }
        WebhookEndpointView endpoint = get(workspaceId, endpointId);
        if (!endpoint.enabled()) {
            throw new ProblemException(ProblemType.CONFLICT,
                    "The endpoint is disabled; enable it (PUT with enabled true) before replaying deliveries");
        }
        Sql sql = new Sql().add("select id, event_id, event_type, payload::text from webhook_delivery where workspace_id = ")
                .param(workspaceId).add(" and endpoint_id = ").param(endpointId);
        if (deliveryId != null) {
            sql.add(" and id = ").param(deliveryId);
        } else {
            sql.add(" and replay_of is null and created_at >= ").param(since.atOffset(ZoneOffset.UTC))
                    .add(" order by created_at, id limit ").param(settings.maxReplay());
        }
        List<Object[]> rows = sql.rows(entityManager);
        if (deliveryId != null && rows.isEmpty()) {
            throw ProblemException.notFound("delivery of this endpoint", deliveryId);
        }
        Instant now = clock.now();
        for (Object[] row : rows) {
            webhooks.queue(workspaceId, endpointId, (UUID) row[1], (String) row[2], (String) row[3], (UUID) row[0], now);
        }
        return rows.size();
    }

    private WebhookEndpointView locked(String workspaceId, UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select " + COLUMNS
                        + " from webhook_endpoint where id = :id and workspace_id = :w for update")
                .setParameter("id", id).setParameter("w", workspaceId).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("webhook endpoint", id);
        }
        return view(rows.get(0));
    }

    private record Checked(String url, String typesJson, boolean enabled) {
    }

    private Checked check(WebhookEndpointInput input) {
        List<FieldError> errors = new ArrayList<>();
        String url = input.url() == null ? "" : input.url().trim();
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                errors.add(new FieldError("url", "must be an absolute http or https address"));
            } else if (uri.getUserInfo() != null) {
                errors.add(new FieldError("url", "must not hold a user name or password; the signature authenticates Kogu"));
            } else if (refusedHost(uri.getHost())) {
                errors.add(new FieldError("url", "is a loopback, private or link-local address, which this installation"
                        + " does not call"));
            }
        } catch (URISyntaxException e) {
            errors.add(new FieldError("url", "is not a valid address"));
        }
        List<String> allowed = settings.eventTypes().orElse(List.of());
        List<String> types = input.eventTypes() == null ? List.of() : input.eventTypes();
        if (types.isEmpty()) {
            errors.add(new FieldError("eventTypes", "must name at least one event type"));
        }
        for (String type : types) {
            if (!allowed.contains(type)) {
                errors.add(new FieldError("eventTypes", "'" + type + "' is not sent by this service; it sends "
                        + (allowed.isEmpty() ? "no events yet" : String.join(", ", allowed))));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        try {
            return new Checked(url, json.writeValueAsString(new LinkedHashSet<>(types)),
                    input.enabled() == null || input.enabled());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An IP literal or localhost that the outbound guard would refuse (a name is checked when it is called). */
    private boolean refusedHost(String host) {
        AddressPolicy policy = new AddressPolicy(outbound.allowLoopback(), outbound.allowPrivate());
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost") || bare.toLowerCase(Locale.ROOT).endsWith(".localhost")) {
            return !outbound.allowLoopback();
        }
        if (!bare.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            return false;
        }
        try {
            return !policy.allows(InetAddress.getByName(bare));
        } catch (java.net.UnknownHostException e) {
            return true;
        }
    }

    private WebhookEndpointView view(Object[] row) {
        try {
            return new WebhookEndpointView((UUID) row[0], (String) row[1],
                    json.readValue((String) row[2], new TypeReference<List<String>>() { }), (String) row[3], (Boolean) row[4],
                    (String) row[5], instant(row[6]), instant(row[7]), instant(row[8]), instant(row[9]),
                    ((Number) row[10]).longValue());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A webhook endpoint's event types are not JSON", e);
        }
    }

    private static Instant instant(Object value) {
        return value == null ? null : Sql.toInstant(value);
    }
}
