package io.kogu.audience.segment;

import com.fasterxml.jackson.databind.JsonNode;
import io.kogu.audience.attribute.AttributeService;
import io.kogu.audience.member.Member;
import io.kogu.audience.segment.rule.RuleCompiler;
import io.kogu.audience.segment.rule.RuleCompiler.Compiled;
import io.kogu.audience.segment.rule.RuleNode;
import io.kogu.audience.segment.rule.RuleParser;
import io.kogu.audience.segment.rule.ValueKind;
import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.web.Keyset;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Segments of a workspace: their rules checked and saved, and the members they hold now. */
@ApplicationScoped
public class SegmentService {

    /** A segment's name, description, kind and rule as a client writes them. */
    public record Definition(String name, String description, String kind, JsonNode rule) {
    }

    @Inject
    AttributeService attributes;

    @Inject
    SegmentQueries queries;

    @Transactional
    public Segment create(String workspaceId, Definition definition) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Segment segment = new Segment();
        segment.id = UUID.randomUUID();
        segment.workspaceId = workspaceId;
        segment.kind = definition.kind();
        apply(segment, definition);
        segment.createdAt = now;
        segment.persist();
        return segment;
    }

    @Transactional
    public Segment update(String workspaceId, UUID id, String ifMatch, Definition definition) {
        Segment segment = get(workspaceId, id);
        Versions.requireMatch(ifMatch, segment.version);
        if (!segment.kind.equals(definition.kind())) {
            throw ProblemException.unprocessable("A segment's kind never changes", List.of(new FieldError("kind",
                    "this segment is " + segment.kind + "; create a new segment to change the kind")));
        }
        apply(segment, definition);
        Segment.getEntityManager().flush();
        return segment;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Segment get(String workspaceId, UUID id) {
        return Segment.<Segment>find("id = ?1 and workspaceId = ?2", id, workspaceId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("segment", id));
    }

    /** One page, newest first; with {@code ids}, only those of them the workspace has. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Segment> list(String workspaceId, List<UUID> ids, Keyset keyset) {
        StringBuilder query = new StringBuilder("workspaceId = :workspace");
        Parameters parameters = Parameters.with("workspace", workspaceId);
        if (ids != null && !ids.isEmpty()) {
            query.append(" and id in :ids");
            parameters.and("ids", ids);
        }
        return keyset.find(query.toString(), parameters, "", (q, values) -> Segment.<Segment>find(q, values),
                segment -> new PageCursor(segment.createdAt, segment.id));
    }

    /** A saved segment compiled, now. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Compiled predicate(Segment segment) {
        Map<String, ValueKind> kinds = attributes.kinds(segment.workspaceId);
        return new RuleCompiler(segment.workspaceId, source(segment.workspaceId, kinds), Instant.now())
                .compile(referenced(segment, kinds));
    }

    /** An unsaved rule compiled, now; a bad rule is a 422 naming its paths. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Compiled predicate(String workspaceId, JsonNode rule) {
        Map<String, ValueKind> kinds = attributes.kinds(workspaceId);
        RuleParser.Parsed parsed = RuleParser.parse(rule, "rule", kinds);
        requireKnownReferences(workspaceId, null, parsed);
        return new RuleCompiler(workspaceId, source(workspaceId, kinds), Instant.now()).compile(parsed.root());
    }

    public long count(String workspaceId, Compiled predicate) {
        return queries.count(workspaceId, predicate);
    }

    /** A page of the members the predicate holds, newest first, as their positions. */
    public Page<PageCursor> page(String workspaceId, Compiled predicate, Keyset keyset) {
        return keyset.page(queries.page(workspaceId, predicate, keyset), position -> position);
    }

    /** Those of {@code memberIds} that the segment holds now, in the order asked. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<UUID> members(Segment segment, List<UUID> memberIds) {
        Set<UUID> holding = queries.holding(segment.workspaceId, predicate(segment), memberIds);
        return memberIds.stream().filter(holding::contains).distinct().toList();
    }

    /** Adds members to a static segment; answers how many were not in it yet. */
    @Transactional
    public long add(String workspaceId, UUID segmentId, List<UUID> memberIds) {
        Segment segment = requireStatic(workspaceId, segmentId);
        List<UUID> distinct = memberIds.stream().distinct().toList();
        Set<UUID> known = new HashSet<>(Member.getEntityManager().createQuery(
                        "select m.id from Member m where m.workspaceId = :workspace and m.id in :ids", UUID.class)
                .setParameter("workspace", workspaceId).setParameter("ids", distinct).getResultList());
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < memberIds.size(); i++) {
            if (!known.contains(memberIds.get(i))) {
                errors.add(new FieldError("memberIds[" + i + "]", "is not a member of this workspace"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("Some ids are not members of this workspace; nothing was added", errors);
        }
        return Segment.getEntityManager().createNativeQuery("""
                        insert into segment_member (segment_id, member_id, workspace_id, added_at)
                        select :segment, id, :workspace, now() from unnest(cast(:ids as uuid[])) as id
                        on conflict do nothing""")
                .setParameter("segment", segment.id).setParameter("workspace", workspaceId)
                .setParameter("ids", distinct.toArray(UUID[]::new)).executeUpdate();
    }

    /** Removes members from a static segment; answers how many were in it. */
    @Transactional
    public long remove(String workspaceId, UUID segmentId, List<UUID> memberIds) {
        Segment segment = requireStatic(workspaceId, segmentId);
        return Segment.getEntityManager().createNativeQuery(
                        "delete from segment_member where segment_id = :segment and member_id = any(cast(:ids as uuid[]))")
                .setParameter("segment", segment.id)
                .setParameter("ids", memberIds.stream().distinct().toArray(UUID[]::new)).executeUpdate();
    }

    private Segment requireStatic(String workspaceId, UUID segmentId) {
        Segment segment = get(workspaceId, segmentId);
        if (!Segment.STATIC.equals(segment.kind)) {
            throw ProblemException.unprocessable("Only a static segment has members added or removed", List.of(
                    new FieldError("segmentId", "is a dynamic segment; its rule decides who is in it")));
        }
        return segment;
    }

    private void apply(Segment segment, Definition definition) {
        if (Segment.STATIC.equals(definition.kind())) {
            if (definition.rule() != null) {
                throw ProblemException.unprocessable("A static segment has no rule", List.of(new FieldError("rule",
                        "must be left out for a static segment; add members through member-additions")));
            }
        } else {
            if (definition.rule() == null) {
                throw ProblemException.unprocessable("A dynamic segment needs a rule",
                        List.of(new FieldError("rule", "is required for a dynamic segment")));
            }
            Map<String, ValueKind> kinds = attributes.kinds(segment.workspaceId);
            RuleParser.Parsed parsed = RuleParser.parse(definition.rule(), "rule", kinds);
            requireKnownReferences(segment.workspaceId, segment.id, parsed);
            // Compiled, not only parsed: a rule that cannot be evaluated (too large with the segments it names) is
            // refused now rather than on every count.
            new RuleCompiler(segment.workspaceId, source(segment.workspaceId, kinds), Instant.now())
                    .compile(new RuleCompiler.Referenced(segment.id, false, parsed.root()));
        }
        segment.name = definition.name();
        segment.description = definition.description();
        segment.rule = definition.rule();
        segment.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Every segment the rule names exists in this workspace, and none of them leads back to {@code selfId}
     * (a circle of segments could never be evaluated). Problems are named by the path of the value.
     */
    private void requireKnownReferences(String workspaceId, UUID selfId, RuleParser.Parsed parsed) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, ValueKind> kinds = null;
        for (RuleParser.SegmentReference reference : parsed.references()) {
            Segment target = Segment.<Segment>find("id = ?1 and workspaceId = ?2", reference.segmentId(), workspaceId)
                    .firstResult();
            if (target == null) {
                errors.add(new FieldError(reference.path(), "no segment with id " + reference.segmentId()
                        + " in this workspace"));
                continue;
            }
            if (selfId == null) {
                continue;
            }
            if (kinds == null) {
                kinds = attributes.kinds(workspaceId);
            }
            List<UUID> chain = pathTo(workspaceId, target, selfId, kinds, new ArrayList<>());
            if (chain != null) {
                errors.add(new FieldError(reference.path(), "segment " + reference.segmentId()
                        + " refers back to this segment, which would make a circle: "
                        + String.join(" → ", chain.stream().map(UUID::toString).toList())));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("The rule refers to segments it cannot use", errors);
        }
    }

    /** The chain of references from {@code from} to {@code target}, or null when there is none. */
    private List<UUID> pathTo(String workspaceId, Segment from, UUID target, Map<String, ValueKind> kinds, List<UUID> seen) {
        seen.add(from.id);
        if (from.id.equals(target)) {
            return seen;
        }
        if (Segment.DYNAMIC.equals(from.kind) && from.rule != null) {
            for (RuleParser.SegmentReference next : RuleParser.parse(from.rule, "rule", kinds).references()) {
                if (seen.contains(next.segmentId()) && !next.segmentId().equals(target)) {
                    continue;
                }
                Segment segment = Segment.<Segment>find("id = ?1 and workspaceId = ?2", next.segmentId(), workspaceId)
                        .firstResult();
                if (segment != null) {
                    List<UUID> chain = pathTo(workspaceId, segment, target, kinds, new ArrayList<>(seen));
                    if (chain != null) {
                        return chain;
                    }
                }
            }
        }
        return null;
    }

    private RuleCompiler.SegmentSource source(String workspaceId, Map<String, ValueKind> kinds) {
        return id -> Segment.<Segment>find("id = ?1 and workspaceId = ?2", id, workspaceId).firstResultOptional()
                .map(segment -> referenced(segment, kinds)).orElse(null);
    }

    private static RuleCompiler.Referenced referenced(Segment segment, Map<String, ValueKind> kinds) {
        boolean isStatic = Segment.STATIC.equals(segment.kind);
        RuleNode rule = isStatic ? null : RuleParser.parse(segment.rule, "rule", kinds).root();
        return new RuleCompiler.Referenced(segment.id, isStatic, rule);
    }

    /** Every member the predicate holds, newest first, row by row (see SegmentQueries#stream). */
    public void stream(String workspaceId, Compiled predicate, SegmentQueries.RowHandler handler) throws Exception {
        queries.stream(workspaceId, predicate, handler);
    }
}
