package io.kogu.content.publish;

import io.kogu.content.approval.History;
import io.kogu.content.approval.Workflow;
import io.kogu.content.draft.Draft;
import io.kogu.content.schedule.PublicationSlot;
import io.kogu.content.schedule.Recurrence;
import io.kogu.content.schedule.SlotOccurrence;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Makes publications from slots and keeps the draft's state in step with them.
 *
 * <p>A one-time slot has one publication, made when the draft is scheduled. A recurring slot has one per
 * occurrence, made one at a time: the first when the draft is scheduled, the next when one is done (published,
 * failed or unconfirmed), and again when an occurrence is moved, skipped or restored. So a series never has more
 * than one publication waiting, and an endless series makes no endless rows. Each publication keeps its content
 * as it was approved ({@link PublicationContent}).
 *
 * <p>A draft is {@code failed} as soon as one of its current publications failed or is unconfirmed,
 * {@code published} once all of them are out and no slot has more to publish, {@code scheduled} otherwise.
 * Publications of an earlier schedule of the draft are history ({@code superseded}) and decide nothing.
 */
@ApplicationScoped
public class Publications {

    /** The actor of what the publisher does on its own in a draft's history. */
    public static final String PUBLISHER = "kogu-publisher";

    @Inject
    EntityManager entityManager;

    @Inject
    io.kogu.platform.webhooks.Webhooks webhooks;

    @Inject
    History history;

    @Inject
    Clock clock;

    /** The draft is scheduled anew: its waiting publications go, the finished ones become history. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void replaceSchedule(UUID draftId) {
        dropQueued(draftId);
        entityManager.createQuery("update Publication set superseded = true where draftId = :draft and superseded = false")
                .setParameter("draft", draftId).executeUpdate();
    }

    /** Waiting publications of the draft are dropped (unscheduled, edited, archived); running ones finish. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void dropQueued(UUID draftId) {
        entityManager.createQuery("delete from Publication where draftId = :draft and state = :queued")
                .setParameter("draft", draftId).setParameter("queued", Publication.QUEUED).executeUpdate();
    }

    /** The first publication of a new slot. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Publication> first(Draft draft, PublicationSlot slot, String network, String actor) {
        if (slot.rrule == null) {
            return Optional.of(make(draft, slot, network, null, slot.publishAt, actor));
        }
        return next(draft, slot, network, null, actor);
    }

    /**
     * The next occurrence of a recurring slot after {@code after} (exclusive; null: from its start), unless the
     * series has no more: the slot is then done.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Publication> next(Draft draft, PublicationSlot slot, String network, LocalDate after, String actor) {
        Map<LocalDate, SlotOccurrence> changed = SlotOccurrence.<SlotOccurrence>list("slotId", slot.id).stream()
                .collect(Collectors.toMap(o -> o.occurrenceDate, o -> o));
        Optional<Recurrence.Occurrence> next = nextOccurrence(slot, after, changed);
        if (next.isEmpty()) {
            return Optional.empty();
        }
        SlotOccurrence moved = changed.get(next.get().date());
        Instant at = moved != null && moved.publishAt != null ? moved.publishAt : next.get().at();
        return Optional.of(make(draft, slot, network, next.get().date(), at, actor));
    }

    /**
     * An occurrence of a recurring slot was moved, skipped or restored: its waiting publication is made again
     * from the series as it is now.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void occurrencesChanged(Draft draft, PublicationSlot slot) {
        List<Publication> waiting = Publication.list("slotId = ?1 and state = ?2", slot.id, Publication.QUEUED);
        if (waiting.isEmpty()) {
            return;
        }
        String network = waiting.get(0).network;
        waiting.forEach(Publication::delete);
        entityManager.flush();
        LocalDate last = entityManager.createQuery(
                        "select max(p.occurrenceDate) from Publication p where p.slotId = :slot", LocalDate.class)
                .setParameter("slot", slot.id).getSingleResult();
        next(draft, slot, network, last, PUBLISHER);
    }

    static Optional<Recurrence.Occurrence> nextOccurrence(PublicationSlot slot, LocalDate after,
            Map<LocalDate, SlotOccurrence> changed) {
        ZoneId zone = ZoneId.of(slot.timeZone);
        Instant from = after == null ? slot.publishAt : after.plusDays(1).atStartOfDay(zone).toInstant();
        if (from.isBefore(slot.publishAt)) {
            from = slot.publishAt;
        }
        // A series has at most one occurrence a day and COUNT ≤ 1,000; a year at a time finds the next one.
        for (int years = 0; years < 30; years++) {
            Instant to = from.plus(Duration.ofDays(366));
            for (Recurrence.Occurrence o : Recurrence.between(slot.rrule, slot.publishAt, zone, from, to)) {
                SlotOccurrence change = changed.get(o.date());
                if (change == null || !change.skipped) {
                    return Optional.of(o);
                }
            }
            if (slot.recurrenceEnd != null && !slot.recurrenceEnd.isAfter(to)) {
                return Optional.empty();
            }
            from = to;
        }
        return Optional.empty();
    }

    private Publication make(Draft draft, PublicationSlot slot, String network, LocalDate occurrence, Instant at,
            String actor) {
        Instant now = now();
        Publication publication = new Publication();
        publication.id = UUID.randomUUID();
        publication.workspaceId = draft.workspaceId;
        publication.draftId = draft.id;
        publication.slotId = slot.id;
        publication.occurrenceDate = occurrence;
        publication.channelId = slot.channelId;
        publication.network = network;
        publication.content = PublicationContent.of(draft.content(), slot.channelId);
        publication.dueAt = at;
        publication.nextAttemptAt = at;
        publication.state = Publication.QUEUED;
        publication.createdBy = actor;
        publication.createdAt = now;
        publication.updatedAt = now;
        publication.persist();
        return publication;
    }

    /**
     * A publication ended (published, failed, unconfirmed): its slot moves on (a one-time slot is done, a
     * series makes its next occurrence) and the draft's state follows.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void ended(Publication publication) {
        if (publication.superseded) {
            return;
        }
        webhook(publication);
        PublicationSlot slot = publication.slotId == null ? null : PublicationSlot.findById(publication.slotId);
        Draft draft = entityManager.find(Draft.class, publication.draftId, LockModeType.PESSIMISTIC_WRITE);
        if (slot != null) {
            String done = Publication.PUBLISHED.equals(publication.state) ? "published" : "failed";
            if (slot.rrule == null) {
                slot.state = done;
            } else if (PublicationSlot.PENDING.equals(slot.state) && Publication.count(
                    "slotId = ?1 and state in ?2", slot.id, List.of(Publication.QUEUED, Publication.PUBLISHING)) == 0) {
                // A series goes on while its draft is scheduled (or failed on another occurrence or channel).
                boolean more = Workflow.SCHEDULED.equals(draft.status) || Workflow.FAILED.equals(draft.status);
                if (!more || next(draft, slot, publication.network, publication.occurrenceDate, PUBLISHER).isEmpty()) {
                    slot.state = done;
                }
            }
        }
        settle(draft);
    }

    /** A failed or unconfirmed publication is tried again: its one-time slot waits again. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reopened(Publication publication) {
        if (publication.slotId != null && publication.occurrenceDate == null) {
            PublicationSlot slot = PublicationSlot.findById(publication.slotId);
            if (slot != null) {
                slot.state = PublicationSlot.PENDING;
            }
        }
        settle(entityManager.find(Draft.class, publication.draftId, LockModeType.PESSIMISTIC_WRITE));
    }

    /**
     * Moves the draft to what its current publications say (only a scheduled, published or failed draft). Counts
     * them by state in the database rather than loading them: a draft on fifty channels is settled fifty times.
     */
    void settle(Draft draft) {
        if (draft == null || !List.of(Workflow.SCHEDULED, Workflow.PUBLISHED, Workflow.FAILED).contains(draft.status)) {
            return;
        }
        Map<String, Long> states = entityManager.createQuery("""
                        select p.state, count(p) from Publication p where p.draftId = :draft and p.superseded = false
                        group by p.state""", Object[].class)
                .setParameter("draft", draft.id).getResultStream()
                .collect(Collectors.toMap(row -> (String) row[0], row -> (Long) row[1]));
        boolean failed = states.containsKey(Publication.FAILED) || states.containsKey(Publication.UNCONFIRMED);
        boolean open = states.containsKey(Publication.QUEUED) || states.containsKey(Publication.PUBLISHING)
                || PublicationSlot.count("draftId = ?1 and state = ?2", draft.id, PublicationSlot.PENDING) > 0;
        boolean published = states.containsKey(Publication.PUBLISHED);
        String to = failed ? Workflow.FAILED : open ? Workflow.SCHEDULED : published ? Workflow.PUBLISHED : draft.status;
        if (to.equals(draft.status)) {
            return;
        }
        String action = switch (to) {
            case Workflow.FAILED -> "fail";
            case Workflow.PUBLISHED -> "publish";
            default -> "retry";
        };
        String comment = switch (to) {
            case Workflow.FAILED -> Publication.<Publication>list("draftId = ?1 and superseded = false and state in ?2",
                            draft.id, List.of(Publication.FAILED, Publication.UNCONFIRMED)).stream()
                    .map(p -> "Publication " + p.id + " on " + p.network + " is " + p.state + ": " + p.reason)
                    .collect(Collectors.joining("\n"));
            case Workflow.PUBLISHED -> "Published on " + entityManager.createQuery("""
                            select distinct p.network from Publication p
                            where p.draftId = :draft and p.superseded = false and p.state = :published
                            order by p.network""", String.class)
                    .setParameter("draft", draft.id).setParameter("published", Publication.PUBLISHED).getResultStream()
                    .collect(Collectors.joining(", "));
            default -> "Publications are waiting again";
        };
        history.move(draft, action, to, PUBLISHER, comment.length() > 10000 ? comment.substring(0, 10000) : comment);
        draft.updatedAt = now();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** publication.published, .failed or .unconfirmed to the workspace's webhook endpoints (WebhookPublicationData). */
    private void webhook(Publication publication) {
        String type = switch (publication.state) {
            case Publication.PUBLISHED -> io.kogu.platform.webhooks.WebhookEvents.PUBLICATION_PUBLISHED;
            case Publication.FAILED -> io.kogu.platform.webhooks.WebhookEvents.PUBLICATION_FAILED;
            case Publication.UNCONFIRMED -> io.kogu.platform.webhooks.WebhookEvents.PUBLICATION_UNCONFIRMED;
            default -> null;
        };
        if (type == null) {
            return;
        }
        java.util.Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("publicationId", publication.id);
        data.put("draftId", publication.draftId);
        data.put("channelId", publication.channelId);
        data.put("network", publication.network);
        data.put("status", publication.state);
        data.put("scheduledAt", publication.dueAt);
        data.put("publishedAt", publication.publishedAt);
        data.put("url", publication.url);
        data.put("externalId", publication.externalId);
        data.put("error", Publication.PUBLISHED.equals(publication.state) ? null : publication.reason);
        webhooks.emit(publication.workspaceId, type, data);
    }
}
