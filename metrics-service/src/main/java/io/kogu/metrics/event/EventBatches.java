package io.kogu.metrics.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kogu.metrics.api.model.EngagementEvent;
import io.kogu.metrics.config.MetricsSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Checks one batch of events against the contract and the ingestion rules (a registered publication of the
 * workspace, within retention, not in the future, a delta or a snapshot) and stores those that pass.
 */
@ApplicationScoped
public class EventBatches {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(EventBatches.class);

    /**
     * One item of the request: the event it maps to, or else its JSON (which did not map: the reason is found
     * again from the tree, with the event id it names), or else why it could not be read at all.
     */
    record Item(int index, EngagementEvent event, JsonNode json, String unreadable) {

        static Item mapped(int index, EngagementEvent event) {
            return new Item(index, event, null, null);
        }

        static Item tree(int index, JsonNode json) {
            return new Item(index, null, json, null);
        }

        static Item unreadable(int index, String reason) {
            return new Item(index, null, null, reason);
        }
    }

    @Inject
    ObjectMapper objectMapper;

    /** The contract's constraints, checked without asking JPA about every property (events are no entities). */
    @Inject
    io.kogu.platform.validation.PlainValidator validator;

    @Inject
    EventIngestion ingestion;

    @Inject
    io.kogu.metrics.client.HandleAttribution attribution;

    @Inject
    io.kogu.platform.security.Caller caller;

    @Inject
    EventPartitions partitions;

    @Inject
    MetricsSettings settings;

    /** The events of a batch that passed the checks, with the span of time they cover. */
    record Checked(List<IncomingEvent> events, Instant first, Instant last) {

        /** Counter snapshots become deltas against the latest one: such batches are written in order, alone. */
        boolean hasSnapshots() {
            return events.stream().anyMatch(IncomingEvent::isSnapshot);
        }
    }

    /**
     * The checks that need no write: the contract, the rules, the publication in the workspace, retention.
     * Rejections go to the tally; touches the database only to look up publications not seen before.
     */
    Checked check(List<Item> items, PublicationDirectory.Lookup publications, Tally tally) {
        Instant now = Instant.now();
        Instant oldest = partitions.retentionCutoff(now);
        Instant latest = now.plus(settings.ingestion().futureTolerance());
        List<EngagementEvent> events = new ArrayList<>(items.size());
        List<Item> eventItems = new ArrayList<>(items.size());
        for (Item item : items) {
            EngagementEvent event = read(item, tally);
            if (event != null) {
                events.add(event);
                eventItems.add(item);
            }
        }
        List<UUID> ids = new ArrayList<>();
        List<PublicationDirectory.ExternalRef> externals = new ArrayList<>();
        for (EngagementEvent event : events) {
            if (event.getPublicationId() != null) {
                ids.add(event.getPublicationId());
            } else {
                externals.add(new PublicationDirectory.ExternalRef(event.getChannelId(), event.getExternalPostId()));
            }
        }
        publications.load(ids, externals);

        List<IncomingEvent> accepted = new ArrayList<>(events.size());
        Set<IncomingEvent.Identity> eventIds = new HashSet<>(events.size() * 2);
        Instant first = null;
        Instant last = null;
        for (int i = 0; i < events.size(); i++) {
            EngagementEvent event = events.get(i);
            int index = eventItems.get(i).index();
            PublicationDirectory.Entry publication = event.getPublicationId() != null
                    ? publications.byId(event.getPublicationId())
                    : publications.byExternal(new PublicationDirectory.ExternalRef(event.getChannelId(),
                    event.getExternalPostId()));
            // Microseconds, as PostgreSQL keeps it: the identity compared here is the one stored.
            Instant occurredAt = event.getOccurredAt().toInstant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            String reason = null;
            if (publication == null) {
                reason = event.getPublicationId() != null
                        ? "publicationId: no publication " + event.getPublicationId() + " is registered in this workspace"
                        : "channelId, externalPostId: no publication of channel " + event.getChannelId()
                        + " with external post id " + event.getExternalPostId() + " is registered in this workspace";
            } else if (occurredAt.isBefore(oldest)) {
                reason = "occurredAt: older than the retention of raw events (" + oldest + ")";
            } else if (occurredAt.isAfter(latest)) {
                reason = "occurredAt: in the future";
            }
            if (reason != null) {
                tally.reject(index, event.getEventId(), reason);
                continue;
            }
            if (!eventIds.add(IncomingEvent.identity(event.getEventId(), occurredAt))) {
                tally.duplicates(1);
                continue;
            }
            IncomingEvent incoming = new IncomingEvent(index, event.getEventId(), event.getType().toString(), occurredAt,
                    event.getCount() == null ? 1 : event.getCount(), event.getTotal(), event.getActorMemberId(),
                    event.getActorHandle());
            incoming.publication = publication;
            accepted.add(incoming);
            first = first == null || occurredAt.isBefore(first) ? occurredAt : first;
            last = last == null || occurredAt.isAfter(last) ? occurredAt : last;
        }
        attribute(accepted);
        return new Checked(accepted, first, last);
    }

    /**
     * Events that name their actor by handle only get the member audience-service knows by that handle on the
     * publication's network (issue 12); the others stay unattributed. Erased actors are removed later, when stored.
     */
    void attribute(List<IncomingEvent> events) {
        List<io.kogu.metrics.client.HandleAttribution.NetworkHandle> handles = new ArrayList<>();
        for (IncomingEvent event : events) {
            if (event.actorMemberId == null && event.actorHandle != null && !event.actorHandle.isBlank()) {
                handles.add(new io.kogu.metrics.client.HandleAttribution.NetworkHandle(event.publication.network(),
                        event.actorHandle));
            }
        }
        if (handles.isEmpty()) {
            return;
        }
        java.util.Map<String, UUID> members;
        try {
            members = attribution.resolve(handles);
        } catch (Exception e) {
            LOG.warnf("Handles could not be attributed: %s", e.toString());
            members = null;
        }
        if (members == null) {
            if (caller.hasRole(io.kogu.platform.security.Roles.SERVICE)) {
                // A service's delivery comes again (its outbox retries): better later and attributed than now and not.
                throw io.kogu.platform.problem.ProblemException.unavailable("audience-service did not resolve the "
                        + "actors' handles in time; deliver these events again later");
            }
            LOG.warnf("%d handle(s) stay unattributed: audience-service did not answer", handles.size());
            return;
        }
        for (IncomingEvent event : events) {
            if (event.actorMemberId == null && event.actorHandle != null && !event.actorHandle.isBlank()) {
                event.actorMemberId = members.get(new io.kogu.metrics.client.HandleAttribution.NetworkHandle(
                        event.publication.network(), event.actorHandle).key());
            }
        }
    }

    /** Stores the checked events (in a transaction of their own); safe to call from another thread. */
    EventIngestion.Stored store(String workspaceId, Checked checked, EventIngestion.Rollups rollups) {
        if (checked.events().isEmpty()) {
            return new EventIngestion.Stored(0, List.of());
        }
        long started = System.nanoTime();
        partitions.ensureCovering(checked.first(), checked.last());
        EventIngestion.Stored stored = ingestion.store(workspaceId, checked.events(), rollups);
        LOG.debugf("Stored %d events in %d ms", checked.events().size(), (System.nanoTime() - started) / 1_000_000);
        return stored;
    }

    /** Counts what became of the stored events: new, duplicates, and stale snapshots (rejected). */
    void record(Checked checked, EventIngestion.Stored stored, Tally tally) {
        for (IncomingEvent stale : stored.stale()) {
            tally.reject(stale.index, stale.eventId,
                    "total: older than the latest snapshot of this publication and type, so it is not the current count");
        }
        tally.accepted(stored.accepted());
        tally.duplicates(checked.events().size() - stored.stale().size() - stored.accepted());
    }

    private EngagementEvent read(Item item, Tally tally) {
        if (item.event() != null) {
            String problem = problemOf(item.event());
            if (problem != null) {
                tally.reject(item.index(), item.event().getEventId(), problem);
                return null;
            }
            return item.event();
        }
        JsonNode eventId = item.json() == null ? null : item.json().path("eventId");
        String id = eventId != null && eventId.isTextual() ? eventId.asText() : null;
        if (item.unreadable() != null) {
            tally.reject(item.index(), null, item.unreadable());
            return null;
        }
        if (!item.json().isObject()) {
            tally.reject(item.index(), null, "not an event object");
            return null;
        }
        String problem;
        EngagementEvent event = null;
        try {
            event = objectMapper.treeToValue(item.json(), EngagementEvent.class);
            problem = problemOf(event);
        } catch (JsonProcessingException e) {
            problem = "not a valid event: " + e.getOriginalMessage();
        }
        if (problem != null) {
            tally.reject(item.index(), id, problem);
            return null;
        }
        return event;
    }

    /** What is wrong with a mapped event, by the contract's constraints and then the rules; null when nothing. */
    private String problemOf(EngagementEvent event) {
        String problem = describe(validator.validate(event));
        return problem != null ? problem : rules(event);
    }

    /** What the schema cannot say: how the publication is named, and delta or snapshot. */
    private static String rules(EngagementEvent event) {
        boolean byId = event.getPublicationId() != null;
        boolean byExternal = event.getChannelId() != null || event.getExternalPostId() != null;
        if (byId == byExternal) {
            return "publicationId: name the publication by publicationId, or by channelId and externalPostId";
        }
        if (byExternal && (event.getChannelId() == null || event.getExternalPostId() == null)) {
            return "channelId, externalPostId: both are needed to name a publication";
        }
        if (event.getCount() != null && event.getTotal() != null) {
            return "count, total: send a count (a delta) or a total (a snapshot), not both";
        }
        return null;
    }

    private static String describe(Set<ConstraintViolation<EngagementEvent>> violations) {
        if (violations.isEmpty()) {
            return null;
        }
        return violations.stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> v.getPropertyPath() + " " + v.getMessage())
                .collect(Collectors.joining("; "));
    }
}
