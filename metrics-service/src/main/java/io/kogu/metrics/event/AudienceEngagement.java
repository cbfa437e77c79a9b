package io.kogu.metrics.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.kogu.platform.outbox.OutboxMessage;
import io.kogu.platform.outbox.OutboxReceiver;
import io.kogu.platform.security.Caller;
import io.kogu.platform.security.ServiceTokens;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.client.ClientRequestFilter;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The outbox receiver of {@code member.engagement} (issue 12): the members whose attributed events were stored in
 * a batch. At delivery it counts each one's events of the last 30 and 90 days by type and their last interaction
 * (from the raw events, so a repeated or late delivery sends the current truth), and sends them to
 * audience-service's {@code POST /v1/member-engagement} as the service, in batches of up to 10,000 members.
 * Members erased meanwhile have no attributed events left here, and audience-service skips members it does not
 * have: erasure wins.
 */
@ApplicationScoped
public class AudienceEngagement implements OutboxReceiver {

    public static final String EVENT_TYPE = "member.engagement";
    static final int MAX_MEMBERS_PER_CALL = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** audience-service's {@code POST /v1/member-engagement}. */
    @Path("/v1/member-engagement")
    public interface MemberEngagementApi {
        @POST
        @Consumes("application/json")
        @Produces("application/json")
        JsonNode record(JsonNode batch);
    }

    @ConfigProperty(name = "quarkus.rest-client.audience-service.url")
    URI audienceUrl;

    @Inject
    ServiceTokens tokens;

    @Inject
    AgroalDataSource dataSource;

    @Override
    public String eventType() {
        return EVENT_TYPE;
    }

    @Override
    public void deliver(OutboxMessage message) throws Exception {
        List<UUID> members = new ArrayList<>();
        message.payload().path("memberIds").forEach(id -> members.add(UUID.fromString(id.asText())));
        if (members.isEmpty()) {
            return;
        }
        ArrayNode items = counts(message.workspaceId(), members, Instant.now());
        if (items.isEmpty()) {
            return;
        }
        String bearer = "Bearer " + tokens.sign("audience-service");
        ClientRequestFilter headers = request -> {
            request.getHeaders().putSingle("Authorization", bearer);
            request.getHeaders().putSingle(Caller.WORKSPACE_HEADER, message.workspaceId());
        };
        MemberEngagementApi client = QuarkusRestClientBuilder.newBuilder().baseUri(audienceUrl)
                .connectTimeout(2, TimeUnit.SECONDS).readTimeout(10, TimeUnit.SECONDS)
                .register(headers).build(MemberEngagementApi.class);
        try {
            for (int from = 0; from < items.size(); from += MAX_MEMBERS_PER_CALL) {
                ArrayNode part = JSON.createArrayNode();
                for (int i = from; i < Math.min(items.size(), from + MAX_MEMBERS_PER_CALL); i++) {
                    part.add(items.get(i));
                }
                ObjectNode batch = JSON.createObjectNode();
                batch.set("items", part);
                client.record(batch);
            }
        } finally {
            if (client instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    /** Each member's last interaction and counts by type over 30 and 90 days, from the raw events. */
    public ArrayNode counts(String workspaceId, List<UUID> members, Instant now) throws Exception {
        Map<UUID, ObjectNode> byMember = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement("""
                     select actor_member_id, type,
                            coalesce(sum(count) filter (where occurred_at > ?), 0),
                            sum(count), max(occurred_at)
                     from engagement_event
                     where workspace_id = ? and actor_member_id = any(?) and occurred_at > ?
                     group by actor_member_id, type""")) {
            query.setTimestamp(1, Timestamp.from(now.minus(Duration.ofDays(30))));
            query.setString(2, workspaceId);
            query.setArray(3, connection.createArrayOf("uuid", members.toArray()));
            query.setTimestamp(4, Timestamp.from(now.minus(Duration.ofDays(90))));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    UUID member = rows.getObject(1, UUID.class);
                    ObjectNode item = byMember.computeIfAbsent(member, m -> {
                        ObjectNode node = JSON.createObjectNode();
                        node.put("memberId", m.toString());
                        node.putObject("last30d");
                        node.putObject("last90d");
                        return node;
                    });
                    String type = rows.getString(2);
                    long last30 = rows.getLong(3);
                    long last90 = rows.getLong(4);
                    if (last30 > 0) {
                        ((ObjectNode) item.get("last30d")).put(type, last30);
                    }
                    if (last90 > 0) {
                        ((ObjectNode) item.get("last90d")).put(type, last90);
                    }
                    Instant last = rows.getTimestamp(5).toInstant();
                    JsonNode seen = item.get("lastInteractionAt");
                    if (seen == null || Instant.parse(seen.asText()).isBefore(last)) {
                        item.put("lastInteractionAt", last.toString());
                    }
                }
            }
        }
        ArrayNode items = JSON.createArrayNode();
        byMember.values().stream().filter(i -> i.has("lastInteractionAt")).forEach(items::add);
        return items;
    }
}
