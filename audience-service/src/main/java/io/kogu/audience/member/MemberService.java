package io.kogu.audience.member;

import io.kogu.audience.api.model.Handle;
import io.kogu.audience.api.model.MemberInput;
import io.kogu.audience.api.model.Relationship;
import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.problem.ProblemType;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.PageCursor;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** Members of a workspace: creating, reading and listing them. */
@ApplicationScoped
public class MemberService {

    @Transactional
    public Member create(String workspaceId, MemberInput input) {
        List<Handle> handles = input.getHandles() == null ? List.of() : input.getHandles();
        requireUniqueHandles(workspaceId, handles);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Member member = new Member();
        member.id = UUID.randomUUID();
        member.workspaceId = workspaceId;
        member.displayName = input.getDisplayName();
        member.email = input.getEmail();
        member.country = input.getCountry();
        member.relationship = (input.getRelationship() == null ? Relationship.FAN : input.getRelationship()).toString();
        member.tags = input.getTags() == null ? new ArrayList<>() : new ArrayList<>(input.getTags());
        for (int i = 0; i < handles.size(); i++) {
            MemberHandle handle = new MemberHandle();
            handle.id = UUID.randomUUID();
            handle.member = member;
            handle.workspaceId = workspaceId;
            handle.network = handles.get(i).getNetwork().toString();
            handle.handle = handles.get(i).getHandle();
            handle.position = i;
            member.handles.add(handle);
        }
        member.createdAt = now;
        member.updatedAt = now;
        member.persist();
        return member;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Member get(String workspaceId, UUID id) {
        return Member.<Member>find("id = ?1 and workspaceId = ?2", id, workspaceId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("member", id));
    }

    /** One page, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Member> list(String workspaceId, String country, PageCursor after, int limit) {
        StringBuilder query = new StringBuilder("workspaceId = :workspace");
        Parameters parameters = Parameters.with("workspace", workspaceId);
        if (country != null) {
            query.append(" and country = :country");
            parameters.and("country", country);
        }
        if (after != null) {
            query.append(" and (createdAt < :createdAt or (createdAt = :createdAt and id < :id))");
            parameters.and("createdAt", after.createdAt()).and("id", after.id());
        }
        query.append(" order by createdAt desc, id desc");
        // range() is inclusive: limit + 1 rows tell whether another page follows.
        List<Member> rows = Member.<Member>find(query.toString(), parameters).range(0, limit).list();
        return Page.of(rows, limit, member -> new PageCursor(member.createdAt, member.id));
    }

    private static void requireUniqueHandles(String workspaceId, List<Handle> handles) {
        Set<String> seen = new HashSet<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < handles.size(); i++) {
            Handle handle = handles.get(i);
            String key = handle.getNetwork() + " " + handle.getHandle().toLowerCase(Locale.ROOT);
            if (!seen.add(key)) {
                errors.add(new FieldError("handles[" + i + "]", "is listed twice"));
            } else if (MemberHandle.count("workspaceId = ?1 and network = ?2 and lower(handle) = ?3", workspaceId,
                    handle.getNetwork().toString(), handle.getHandle().toLowerCase(Locale.ROOT)) > 0) {
                errors.add(new FieldError("handles[" + i + "]",
                        handle.getHandle() + " on " + handle.getNetwork() + " belongs to another member"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.CONFLICT, "A handle is already taken", errors);
        }
    }
}
