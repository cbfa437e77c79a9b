package io.kogu.content.draft;

import io.kogu.content.time.Clocks;
import io.kogu.content.approval.History;
import io.kogu.content.approval.ReviewService;
import io.kogu.content.approval.Workflow;
import io.kogu.content.channel.Channel;
import io.kogu.content.channel.ChannelService;
import io.kogu.content.client.AudienceSegments;
import io.kogu.content.client.audience.ApiException;
import io.kogu.content.rules.ChannelCheck;
import io.kogu.content.rules.DraftChecker;
import io.kogu.content.rules.RuleProblem;
import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.sql.Sql;
import io.kogu.platform.web.Keyset;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.PageCursor;
import io.kogu.platform.web.Versions;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Drafts of a workspace: the rules of creating, changing, restoring and deleting them. */
@ApplicationScoped
public class DraftService {

    @Inject
    Clock clock;

    static final String INITIAL_STATUS = Workflow.DRAFT;

    @Inject
    AudienceSegments audienceSegments;

    @Inject
    EntityManager entityManager;

    @Inject
    ChannelService channels;

    @Inject
    History history;

    @Inject
    ReviewService reviews;

    /**
     * Checks what can be checked before the transaction of a save: the content's own consistency, and (a call to
     * audience-service) that its target segments exist. The caller does this first, then calls {@link #create},
     * {@link #update} or {@link #restore}: no remote call inside a database transaction.
     */
    @Transactional(Transactional.TxType.NEVER)
    public void requireAcceptableBeforeSaving(DraftContent content) {
        DraftContentRules.requireConsistent(content);
        requireKnownSegments(content.targetSegmentIds());
    }

    /** The content of a revision, for {@link #requireAcceptableBeforeSaving} before a restore. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public DraftContent revisionContent(String workspaceId, UUID id, int number) {
        return revision(workspaceId, id, number).content;
    }

    /** Saves a new draft; {@link #requireAcceptableBeforeSaving} has checked its segments. */
    @Transactional
    public Draft create(String workspaceId, String author, DraftContent content) {
        requireAcceptable(workspaceId, content);
        Instant now = now();
        Draft draft = new Draft();
        draft.id = UUID.randomUUID();
        draft.workspaceId = workspaceId;
        draft.status = INITIAL_STATUS;
        draft.createdBy = author;
        draft.createdAt = now;
        draft.revision = 1;
        apply(draft, content, now);
        draft.persist();
        saveRevision(draft, author, null, now);
        history.record(draft, "create", null, draft.status, author, null);
        return draft;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Draft get(String workspaceId, UUID id) {
        return Draft.<Draft>find("id = ?1 and workspaceId = ?2", id, workspaceId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("draft", id));
    }

    /** Replaces the content of the version the editor read ({@code ifMatch}); a stale version is a 412. */
    @Transactional
    public Draft update(String workspaceId, UUID id, String editor, String ifMatch, DraftContent content) {
        Draft draft = get(workspaceId, id);
        Versions.requireMatch(ifMatch, draft.version);
        requireAcceptable(workspaceId, content);
        reviews.contentChanging(draft, editor);
        return save(draft, editor, content, null);
    }

    /** Makes revision {@code number} the content again, as a new revision. */
    @Transactional
    public Draft restore(String workspaceId, UUID id, int number, String editor, String ifMatch) {
        Draft draft = get(workspaceId, id);
        DraftRevision old = revision(workspaceId, id, number);
        Versions.requireMatch(ifMatch, draft.version);
        // The segments of an old revision may have been deleted since: the caller checked them again
        // (requireAcceptableBeforeSaving), before this transaction.
        requireAcceptable(workspaceId, old.content);
        reviews.contentChanging(draft, editor);
        return save(draft, editor, old.content, number);
    }

    @Transactional
    public void delete(String workspaceId, UUID id, String ifMatch) {
        Draft draft = get(workspaceId, id);
        Versions.requireMatch(ifMatch, draft.version);
        draft.delete();
        draft.flush();
    }

    /**
     * One page, newest first, narrowed by {@code filter}. Native SQL because full-text search and array
     * containment are PostgreSQL operators; every value is a bound parameter, every fragment fixed here.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Draft> list(String workspaceId, DraftFilter filter, Keyset keyset) {
        Sql sql = new Sql().append("select * from draft where workspace_id = :p", workspaceId);
        if (filter.status() != null) {
            sql.append(" and status = :p", filter.status());
        }
        if (filter.tag() != null) {
            sql.append(" and tags @> cast(array[:p] as varchar[])", filter.tag());
        }
        if (filter.channelId() != null) {
            sql.append(" and channel_ids @> cast(array[cast(:p as text)] as uuid[])", filter.channelId().toString());
        }
        if (filter.campaign() != null) {
            sql.append(" and campaign = :p", filter.campaign());
        }
        if (filter.author() != null) {
            sql.append(" and created_by = :p", filter.author());
        }
        if (filter.createdFrom() != null) {
            sql.append(" and created_at >= :p", filter.createdFrom());
        }
        if (filter.createdTo() != null) {
            sql.append(" and created_at < :p", filter.createdTo());
        }
        if (filter.text() != null) {
            sql.append(" and search_vector @@ websearch_to_tsquery('simple', :p)", filter.text());
        }
        if (filter.awaitingApprovalBy() != null) {
            // The rules ReviewService.approve enforces: not the author, no revision of theirs, not approved yet.
            String person = filter.awaitingApprovalBy();
            sql.append(" and status = :p", Workflow.IN_REVIEW);
            sql.append(" and created_by <> :p", person);
            sql.append(" and not (approved_by @> cast(array[:p] as text[]))", person);
            sql.append(" and not exists (select 1 from draft_revision r where r.draft_id = draft.id and r.created_by = :p)",
                    person);
        }
        keyset.where(sql, "");
        return keyset.page(sql.list(entityManager, Draft.class), draft -> new PageCursor(draft.createdAt, draft.id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<DraftRevision> revisions(String workspaceId, UUID draftId, Keyset keyset) {
        get(workspaceId, draftId);
        return keyset.find("draftId = :draft", Parameters.with("draft", draftId), "",
                (q, values) -> DraftRevision.<DraftRevision>find(q, values),
                revision -> new PageCursor(revision.createdAt, revision.id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public DraftRevision revision(String workspaceId, UUID draftId, int number) {
        get(workspaceId, draftId);
        return DraftRevision.<DraftRevision>find("draftId = ?1 and number = ?2", draftId, number).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("revision " + number + " of draft", draftId));
    }

    /** The number of the latest revision of the draft that {@code person} saved; null when they saved none. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Integer lastRevisionBy(Draft draft, String person) {
        return entityManager.createQuery(
                        "select max(r.number) from DraftRevision r where r.draftId = :draft and r.createdBy = :person",
                        Integer.class)
                .setParameter("draft", draft.id).setParameter("person", person).getSingleResult();
    }

    /** The draft as each of its channels would publish it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ChannelCheck> check(Draft draft) {
        Map<UUID, Channel> byId = channels.existing(draft.workspaceId, draft.channelIds).stream()
                .collect(java.util.stream.Collectors.toMap(c -> c.id, c -> c));
        return DraftChecker.check(draft.content(), byId);
    }

    /** Refuses (422, listing every problem) a draft that a network would refuse, or one without channels. */
    public void requirePublishable(Draft draft) {
        List<FieldError> errors = new ArrayList<>();
        if (draft.channelIds.isEmpty()) {
            errors.add(new FieldError("channelIds", "name at least one channel to publish on"));
        }
        for (ChannelCheck check : check(draft)) {
            for (RuleProblem problem : check.problems()) {
                if (!problem.isError()) {
                    continue; // a warning (an image without alt text) does not stop publication
                }
                errors.add(new FieldError("channels[" + check.channelId() + "]." + problem.rule(), problem.message()));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("The draft cannot be published as it is: "
                    + errors.stream().map(FieldError::message).collect(java.util.stream.Collectors.joining(" ")), errors);
        }
    }

    private Draft save(Draft draft, String editor, DraftContent content, Integer restoredFrom) {
        Instant now = now();
        draft.revision++;
        apply(draft, content, now);
        saveRevision(draft, editor, restoredFrom, now);
        // Flush now: the optimistic lock is checked here, and the answer carries the new version.
        draft.flush();
        return draft;
    }

    /** Keeps the draft's current content as its revision {@code draft.revision}. */
    private static void saveRevision(Draft draft, String editor, Integer restoredFrom, Instant now) {
        DraftRevision revision = new DraftRevision();
        revision.id = UUID.randomUUID();
        revision.draftId = draft.id;
        revision.workspaceId = draft.workspaceId;
        revision.number = draft.revision;
        revision.content = draft.content();
        revision.restoredFrom = restoredFrom;
        revision.createdBy = editor;
        revision.createdAt = now;
        revision.persist();
    }

    private static void apply(Draft draft, DraftContent content, Instant now) {
        draft.title = content.title();
        draft.body = content.body();
        draft.channelIds = new ArrayList<>(content.channelIds());
        draft.variants = new ArrayList<>(content.variants());
        draft.media = new ArrayList<>(content.media());
        draft.link = content.link();
        draft.tags = new ArrayList<>(content.tags());
        draft.campaign = content.campaign();
        draft.targetSegmentIds = new ArrayList<>(content.targetSegmentIds());
        draft.notes = content.notes();
        draft.plannedAt = content.plannedAt() == null ? null : Instant.parse(content.plannedAt());
        draft.updatedAt = now;
    }

    /** The checks of a save that read this service's own tables (the segments were checked before). */
    private void requireAcceptable(String workspaceId, DraftContent content) {
        DraftContentRules.requireConsistent(content);
        requireKnownChannels(workspaceId, content.channelIds());
    }

    /** Every target channel must be a channel of the workspace (422 otherwise). */
    private void requireKnownChannels(String workspaceId, List<UUID> channelIds) {
        Set<UUID> known = channels.existing(workspaceId, channelIds).stream().map(c -> c.id)
                .collect(java.util.stream.Collectors.toSet());
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < channelIds.size(); i++) {
            if (!known.contains(channelIds.get(i))) {
                errors.add(new FieldError("channelIds[" + i + "]", "no channel " + channelIds.get(i) + " in this workspace"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("Unknown channels; connect them first (/v1/channels)", errors);
        }
    }

    private Instant now() {
        return Clocks.now(clock);
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
