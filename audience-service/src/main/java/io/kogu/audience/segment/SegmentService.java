package io.kogu.audience.segment;

import io.kogu.audience.member.Member;
import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.PageCursor;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** Segments of a workspace, and how many members they hold now. */
@ApplicationScoped
public class SegmentService {

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    @Transactional
    public Segment create(String workspaceId, String name, String description, Condition rule) {
        requireValid(rule);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Segment segment = new Segment();
        segment.id = UUID.randomUUID();
        segment.workspaceId = workspaceId;
        segment.name = name;
        segment.description = description;
        segment.rule = rule;
        segment.createdAt = now;
        segment.updatedAt = now;
        segment.persist();
        return segment;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Segment get(String workspaceId, UUID id) {
        return Segment.<Segment>find("id = ?1 and workspaceId = ?2", id, workspaceId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("segment", id));
    }

    /** One page, newest first; with {@code ids}, only those of them the workspace has. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Segment> list(String workspaceId, List<UUID> ids, PageCursor after, int limit) {
        StringBuilder query = new StringBuilder("workspaceId = :workspace");
        Parameters parameters = Parameters.with("workspace", workspaceId);
        if (ids != null && !ids.isEmpty()) {
            query.append(" and id in :ids");
            parameters.and("ids", ids);
        }
        if (after != null) {
            query.append(" and (createdAt < :createdAt or (createdAt = :createdAt and id < :id))");
            parameters.and("createdAt", after.createdAt()).and("id", after.id());
        }
        query.append(" order by createdAt desc, id desc");
        // range() is inclusive: limit + 1 rows tell whether another page follows.
        List<Segment> rows = Segment.<Segment>find(query.toString(), parameters).range(0, limit).list();
        return Page.of(rows, limit, segment -> new PageCursor(segment.createdAt, segment.id));
    }

    /** Members the segment holds now: the rule evaluated in PostgreSQL, parameterized. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long count(Segment segment) {
        return Member.count("workspaceId = ?1 and country in ?2", segment.workspaceId, segment.rule.values());
    }

    /** Those of {@code memberIds} that the segment holds now, in the order asked. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<UUID> members(Segment segment, List<UUID> memberIds) {
        Set<UUID> inSegment = new HashSet<>(Member.getEntityManager().createQuery(
                "select m.id from Member m where m.workspaceId = :workspace and m.id in :ids and m.country in :countries",
                UUID.class)
                .setParameter("workspace", segment.workspaceId)
                .setParameter("ids", memberIds)
                .setParameter("countries", segment.rule.values())
                .getResultList());
        return memberIds.stream().filter(inSegment::contains).distinct().toList();
    }

    private static void requireValid(Condition rule) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < rule.values().size(); i++) {
            if (!COUNTRY.matcher(rule.values().get(i)).matches()) {
                errors.add(new FieldError("rule.values[" + i + "]", "is not an ISO-3166 alpha-2 country code such as EE"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("The rule names values that country never has", errors);
        }
    }
}
