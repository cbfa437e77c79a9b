package io.kogu.audience.conversation;

import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.sql.Sql;
import io.kogu.platform.web.Keyset;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.PageCursor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * The inbox views: conversations, latest activity first, filtered by bound parameters only; each filter has an
 * index that ends in the order (V13), so that a first page reads about one page of rows.
 */
@ApplicationScoped
public class ConversationQueries {

    /** The inbox filters; null means "any". {@code assignee} "none" asks for unassigned conversations. */
    public record Filters(UUID channelId, String state, String assignee, String priority, Integer unansweredForMinutes,
                          Boolean spam, String tag, String q) {
    }

    public static final String UNASSIGNED = "none";

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Conversation> list(String workspaceId, Filters filters, Keyset keyset) {
        Sql sql = new Sql().append("select c.* from conversation c where c.workspace_id = :p", workspaceId);
        if (filters.channelId() != null) {
            sql.append(" and c.channel_id = :p", filters.channelId());
        }
        if (filters.state() != null) {
            sql.append(" and c.state = :p", filters.state());
        }
        if (UNASSIGNED.equals(filters.assignee())) {
            sql.add(" and c.assignee is null");
        } else if (filters.assignee() != null) {
            sql.append(" and c.assignee = :p", filters.assignee());
        }
        if (filters.priority() != null) {
            sql.append(" and c.priority = :p", filters.priority());
        }
        if (filters.unansweredForMinutes() != null) {
            sql.append(" and c.waiting_since <= :p",
                    clock.instant().minus(Duration.ofMinutes(filters.unansweredForMinutes())));
        }
        if (filters.spam() != null) {
            sql.add(filters.spam() ? " and c.spam" : " and not c.spam");
        }
        if (filters.tag() != null) {
            sql.append(" and c.tags @> array[cast(:p as varchar)]", filters.tag());
        }
        if (filters.q() != null) {
            String folded = ConversationText.fold(filters.q().strip());
            if (folded.length() < 2) {
                throw ProblemException.invalid("q", "search for at least 2 characters");
            }
            sql.append(" and c.search_text like :p", "%" + Sql.likeLiteral(folded) + "%");
        }
        return page(sql, keyset);
    }

    /** A member's timeline: the conversations where they wrote, latest activity first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Conversation> ofMember(String workspaceId, UUID memberId, Keyset keyset) {
        Sql sql = new Sql().append("""
                select c.* from conversation c where c.workspace_id = :p and c.id in (
                    select i.conversation_id from conversation_item i where i.workspace_id = :p and i.member_id = :p)""",
                workspaceId, workspaceId, memberId);
        return page(sql, keyset);
    }

    private Page<Conversation> page(Sql sql, Keyset keyset) {
        if (keyset.after() != null) {
            sql.append(" and (c.last_item_at, c.id) < (:p, :p)", keyset.after().createdAt(), keyset.after().id());
        }
        sql.append(" order by c.last_item_at desc, c.id desc limit :p", keyset.limit() + 1);
        return keyset.page(sql.list(entityManager, Conversation.class), c -> new PageCursor(c.lastItemAt, c.id));
    }
}
