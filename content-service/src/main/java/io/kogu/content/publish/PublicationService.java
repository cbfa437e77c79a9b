package io.kogu.content.publish;

import io.kogu.content.draft.Draft;
import io.kogu.content.draft.DraftService;
import io.kogu.content.publish.connector.Published;
import io.kogu.content.schedule.SchedulingService;
import io.kogu.content.schedule.SlotRequest;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.problem.ProblemType;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.PageCursor;
import io.kogu.platform.web.Versions;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What people do with publications: list and read them, publish a draft now, retry one, settle one. */
@ApplicationScoped
public class PublicationService {

    /** One recorded attempt. */
    public record Attempt(int number, Instant startedAt, Instant finishedAt, String outcome, Integer httpStatus,
            String errorCode, String reason, String actor) {
    }

    /** The filters of {@code GET /v1/publications}; each null when absent. */
    public record Filter(UUID draftId, UUID channelId, String state, Instant from, Instant to) {
    }

    @Inject
    EntityManager entityManager;

    @Inject
    SchedulingService scheduling;

    @Inject
    DraftService drafts;

    @Inject
    Publications publications;

    @Inject
    PublicationWork work;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Publication> list(String workspaceId, Filter filter, PageCursor after, int limit) {
        StringBuilder query = new StringBuilder("workspaceId = :workspace");
        Parameters parameters = Parameters.with("workspace", workspaceId);
        if (filter.draftId() != null) {
            query.append(" and draftId = :draft");
            parameters.and("draft", filter.draftId());
        }
        if (filter.channelId() != null) {
            query.append(" and channelId = :channel");
            parameters.and("channel", filter.channelId());
        }
        if (filter.state() != null) {
            Instant overdueBefore = clock.instant().minus(Publication.OVERDUE_AFTER);
            switch (filter.state()) {
                case Publication.OVERDUE -> query.append(" and state = 'queued' and dueAt < :overdue");
                case Publication.QUEUED -> query.append(" and state = 'queued' and dueAt >= :overdue");
                default -> query.append(" and state = :state");
            }
            if (Publication.OVERDUE.equals(filter.state()) || Publication.QUEUED.equals(filter.state())) {
                parameters.and("overdue", overdueBefore);
            } else {
                parameters.and("state", filter.state());
            }
        }
        if (filter.from() != null) {
            query.append(" and dueAt >= :from");
            parameters.and("from", filter.from());
        }
        if (filter.to() != null) {
            query.append(" and dueAt < :to");
            parameters.and("to", filter.to());
        }
        if (after != null) {
            query.append(" and (dueAt < :afterDue or (dueAt = :afterDue and id < :afterId))");
            parameters.and("afterDue", after.createdAt()).and("afterId", after.id());
        }
        query.append(" order by dueAt desc, id desc");
        List<Publication> rows = Publication.<Publication>find(query.toString(), parameters).range(0, limit).list();
        return Page.of(rows, limit, p -> new PageCursor(p.dueAt, p.id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Publication get(String workspaceId, UUID id) {
        return Publication.<Publication>find("id = ?1 and workspaceId = ?2", id, workspaceId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("publication", id));
    }

    /** The attempts of these publications, oldest first, by publication: one query for a page. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<UUID, List<Attempt>> attempts(List<UUID> ids) {
        Map<UUID, List<Attempt>> byPublication = new HashMap<>();
        if (ids.isEmpty()) {
            return byPublication;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        select publication_id, number, started_at, finished_at, outcome, http_status, error_code, reason, actor
                        from publication_attempt where publication_id in (:ids) order by publication_id, number""")
                .setParameter("ids", ids).getResultList();
        for (Object[] row : rows) {
            byPublication.computeIfAbsent((UUID) row[0], k -> new ArrayList<>()).add(new Attempt(((Number) row[1]).intValue(),
                    instant(row[2]), instant(row[3]), (String) row[4], row[5] == null ? null : ((Number) row[5]).intValue(),
                    (String) row[6], (String) row[7], (String) row[8]));
        }
        return byPublication;
    }

    /** Publishes the draft now on {@code channelIds} (all its channels when null): scheduled, due now. */
    public SchedulingService.Scheduled publishNow(String workspaceId, UUID draftId, String ifMatch, String actor,
            List<UUID> channelIds) {
        Draft draft = drafts.get(workspaceId, draftId);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<SlotRequest> requests = (channelIds == null ? draft.channelIds : channelIds).stream()
                .map(channel -> new SlotRequest(channel, now, null, null, null)).toList();
        if (requests.isEmpty()) {
            throw ProblemException.unprocessable("The draft names no channel to publish on",
                    List.of(new io.kogu.platform.problem.FieldError("channelIds", "name at least one channel to publish on")));
        }
        return scheduling.schedule(workspaceId, draftId, ifMatch, actor, requests, true);
    }

    /**
     * Queues a failed or unconfirmed publication again, due now, with a new round of attempts. Retrying an
     * unconfirmed one records that a person says it is not out.
     */
    @Transactional
    public Publication retry(String workspaceId, UUID id, String ifMatch, String actor) {
        Publication publication = locked(workspaceId, id, ifMatch);
        if (!Publication.FAILED.equals(publication.state) && !Publication.UNCONFIRMED.equals(publication.state)) {
            throw new ProblemException(ProblemType.CONFLICT, "Only a failed or unconfirmed publication can be retried; this one is "
                    + publication.visibleState(clock.instant()), List.of());
        }
        Instant now = now();
        if (Publication.UNCONFIRMED.equals(publication.state)) {
            work.attempt(publication, now, now, "resolved", null, null,
                    actor + " retried it, saying it is not out on " + publication.network, actor);
        }
        publication.state = Publication.QUEUED;
        publication.nextAttemptAt = now;
        publication.roundAttempts = 0;
        publication.reason = null;
        publication.superseded = false;
        publication.updatedAt = now;
        publications.reopened(publication);
        publication.flush();
        return publication;
    }

    /** Settles an unconfirmed publication: out (with its URL: published, and metrics-service told) or not (failed). */
    @Transactional
    public Publication resolve(String workspaceId, UUID id, String ifMatch, String actor, boolean published, String url,
            String externalId, String note) {
        Publication publication = locked(workspaceId, id, ifMatch);
        if (!Publication.UNCONFIRMED.equals(publication.state)) {
            throw new ProblemException(ProblemType.CONFLICT, "Only an unconfirmed publication can be resolved; this one is "
                    + publication.visibleState(clock.instant()), List.of());
        }
        if (published && (url == null || url.isBlank())) {
            throw ProblemException.invalid("url", "give the address of the post that is out");
        }
        Instant now = now();
        String said = note == null || note.isBlank() ? "" : " (" + note.strip() + ")";
        work.attempt(publication, now, now, "resolved", null, null,
                actor + (published ? " says it is out at " + url : " says it is not out") + said, actor);
        if (published) {
            work.published(publication, new Published(externalId, url, null), now);
        } else {
            work.finish(publication, Publication.FAILED, actor + " checked the account: it is not out" + said
                    + ". Retry to publish it", now);
        }
        publication.flush();
        return publication;
    }

    private Publication locked(String workspaceId, UUID id, String ifMatch) {
        Publication publication = get(workspaceId, id);
        entityManager.lock(publication, LockModeType.PESSIMISTIC_WRITE);
        entityManager.refresh(publication);
        Versions.requireMatch(ifMatch, publication.version);
        return publication;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
