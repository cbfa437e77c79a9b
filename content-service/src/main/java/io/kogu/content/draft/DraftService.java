package io.kogu.content.draft;

import io.kogu.content.client.AudienceSegments;
import io.kogu.content.client.audience.ApiException;
import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.PageCursor;
import io.kogu.platform.web.Versions;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Drafts of a workspace: the rules of creating, changing and deleting them. */
@ApplicationScoped
public class DraftService {

    static final String INITIAL_STATUS = "draft";

    @Inject
    AudienceSegments audienceSegments;

    @Transactional
    public Draft create(String workspaceId, String author, DraftContent content) {
        requireKnownSegments(content.targetSegmentIds());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Draft draft = new Draft();
        draft.id = UUID.randomUUID();
        draft.workspaceId = workspaceId;
        draft.status = INITIAL_STATUS;
        draft.createdBy = author;
        draft.createdAt = now;
        apply(draft, content, now);
        draft.persist();
        return draft;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Draft get(String workspaceId, UUID id) {
        return Draft.<Draft>find("id = ?1 and workspaceId = ?2", id, workspaceId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("draft", id));
    }

    /** Replaces the content of the version the editor read ({@code ifMatch}); a stale version is a 412. */
    @Transactional
    public Draft update(String workspaceId, UUID id, String ifMatch, DraftContent content) {
        Draft draft = get(workspaceId, id);
        Versions.requireMatch(ifMatch, draft.version);
        requireKnownSegments(content.targetSegmentIds());
        apply(draft, content, Instant.now().truncatedTo(ChronoUnit.MICROS));
        // Flush now: the optimistic lock is checked here, and the answer carries the new version.
        draft.flush();
        return draft;
    }

    @Transactional
    public void delete(String workspaceId, UUID id, String ifMatch) {
        Draft draft = get(workspaceId, id);
        Versions.requireMatch(ifMatch, draft.version);
        draft.delete();
        draft.flush();
    }

    /** One page, newest first, optionally of one status and one tag. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Draft> list(String workspaceId, String status, String tag, PageCursor after, int limit) {
        StringBuilder query = new StringBuilder("workspaceId = :workspace");
        Parameters parameters = Parameters.with("workspace", workspaceId);
        if (status != null) {
            query.append(" and status = :status");
            parameters.and("status", status);
        }
        if (tag != null) {
            query.append(" and array_contains(tags, :tag)");
            parameters.and("tag", tag);
        }
        if (after != null) {
            query.append(" and (createdAt < :createdAt or (createdAt = :createdAt and id < :id))");
            parameters.and("createdAt", after.createdAt()).and("id", after.id());
        }
        query.append(" order by createdAt desc, id desc");
        // range() is inclusive: limit + 1 rows tell whether another page follows.
        List<Draft> rows = Draft.<Draft>find(query.toString(), parameters).range(0, limit).list();
        return Page.of(rows, limit, draft -> new PageCursor(draft.createdAt, draft.id));
    }

    private static void apply(Draft draft, DraftContent content, Instant now) {
        draft.title = content.title();
        draft.body = content.body();
        draft.tags = new ArrayList<>(content.tags());
        draft.targetSegmentIds = new ArrayList<>(content.targetSegmentIds());
        draft.updatedAt = now;
    }

    /** Every target segment must exist in the workspace, as audience-service knows it (422 otherwise). */
    private void requireKnownSegments(List<UUID> segmentIds) {
        if (segmentIds.isEmpty()) {
            return;
        }
        Set<UUID> known;
        try {
            known = audienceSegments.existing(segmentIds);
        } catch (ApiException e) {
            // The fallback turns every failure into a 503 problem; this only satisfies the checked signature.
            throw ProblemException.unavailable("audience-service could not be asked about segments");
        }
        List<FieldError> errors = new ArrayList<>();
        List<UUID> unknown = new ArrayList<>();
        for (int i = 0; i < segmentIds.size(); i++) {
            UUID id = segmentIds.get(i);
            if (!known.contains(id)) {
                unknown.add(id);
                errors.add(new FieldError("targetSegmentIds[" + i + "]", "no segment " + id + " in this workspace"));
            }
        }
        if (!unknown.isEmpty()) {
            throw ProblemException.unprocessable("Unknown target segments: " + unknown, errors);
        }
    }
}
