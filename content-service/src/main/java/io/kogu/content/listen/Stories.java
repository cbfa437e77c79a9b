package io.kogu.content.listen;

import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.sql.Sql;
import io.kogu.platform.web.Page;
import io.kogu.platform.web.PageCursor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The stream of a workspace's stories, one story with its items, and each person's marks on them. */
@ApplicationScoped
public class Stories {

    @Inject
    EntityManager entityManager;

    @Inject
    Clock clock;

    private static final String COLUMNS = """
            select s.id, s.title, s.url, s.summary, s.first_seen_at, s.published_at, s.source_count, s.competitor,
                   coalesce(m.read, false), coalesce(m.saved, false)
            from story s left join story_mark m on m.story_id = s.id and m.subject = :p
            where s.workspace_id = :p""";

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<StoryView> list(String workspaceId, String subject, StoryFilter filter, String cursor, int limit) {
        Sql sql = new Sql().append(COLUMNS, subject, workspaceId);
        if (filter.sourceId() != null) {
            sql.append(" and exists (select 1 from listening_item i where i.story_id = s.id and i.source_id = :p)",
                    filter.sourceId());
        }
        if (filter.monitorId() != null) {
            sql.append(" and exists (select 1 from monitor_match x where x.story_id = s.id and x.monitor_id = :p)",
                    filter.monitorId());
        }
        if (filter.competitor() != null) {
            sql.append(" and s.competitor = :p", filter.competitor());
        }
        if (filter.read() != null) {
            sql.append(" and coalesce(m.read, false) = :p", filter.read());
        }
        if (filter.saved() != null) {
            sql.append(" and coalesce(m.saved, false) = :p", filter.saved());
        }
        if (filter.from() != null) {
            sql.append(" and s.first_seen_at >= :p", filter.from());
        }
        if (filter.to() != null) {
            sql.append(" and s.first_seen_at < :p", filter.to());
        }
        StoryCursor after = StoryCursor.decode(cursor, filter.mostShared());
        if (after != null) {
            if (filter.mostShared()) {
                sql.append(" and (s.source_count, s.first_seen_at, s.id) < (:p, :p, :p)", after.sourceCount(),
                        after.at().createdAt(), after.at().id());
            } else {
                sql.append(" and (s.first_seen_at, s.id) < (:p, :p)", after.at().createdAt(), after.at().id());
            }
        }
        sql.add(filter.mostShared() ? " order by s.source_count desc, s.first_seen_at desc, s.id desc"
                : " order by s.first_seen_at desc, s.id desc").append(" limit :p", limit + 1);
        List<StoryView> rows = views(sql.rows(entityManager));
        if (rows.size() > limit) {
            return new Page<>(rows.subList(0, limit), StoryCursor.of(rows.get(limit - 1), filter.mostShared()));
        }
        return new Page<>(rows, null);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public StoryView get(String workspaceId, String subject, UUID storyId) {
        Sql sql = new Sql().append(COLUMNS, subject, workspaceId).append(" and s.id = :p", storyId);
        List<StoryView> views = views(sql.rows(entityManager));
        if (views.isEmpty()) {
            throw ProblemException.notFound("story", storyId);
        }
        return views.get(0);
    }

    @Transactional
    public StoryView mark(String workspaceId, String subject, UUID storyId, Boolean read, Boolean saved) {
        get(workspaceId, subject, storyId);
        entityManager.createNativeQuery("""
                        insert into story_mark (story_id, subject, workspace_id, read, saved, updated_at)
                        values (:story, :subject, :w, coalesce(cast(:read as boolean), false),
                                coalesce(cast(:saved as boolean), false), :now)
                        on conflict (story_id, subject) do update
                        set read = coalesce(cast(:read as boolean), story_mark.read),
                            saved = coalesce(cast(:saved as boolean), story_mark.saved), updated_at = :now""")
                .setParameter("story", storyId).setParameter("subject", subject).setParameter("w", workspaceId)
                .setParameter("read", read == null ? null : read.toString())
                .setParameter("saved", saved == null ? null : saved.toString()).setParameter("now", clock.instant())
                .executeUpdate();
        return get(workspaceId, subject, storyId);
    }

    private List<StoryView> views(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = rows.stream().map(r -> (UUID) r[0]).toList();
        Map<UUID, List<StoryView.Item>> items = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> itemRows = entityManager.createNativeQuery("""
                        select i.story_id, i.source_id, s.title, s.competitor, i.url, i.title, i.summary, i.author,
                               i.published_at, i.seen_at
                        from listening_item i join listening_source s on s.id = i.source_id
                        where i.story_id in (:ids) order by i.seen_at, i.id""")
                .setParameter("ids", ids).getResultList();
        for (Object[] r : itemRows) {
            items.computeIfAbsent((UUID) r[0], k -> new ArrayList<>()).add(new StoryView.Item((UUID) r[1],
                    (String) r[2], (Boolean) r[3], (String) r[4], (String) r[5], (String) r[6], (String) r[7],
                    Sql.toInstant(r[8]), Sql.toInstant(r[9])));
        }
        Map<UUID, List<UUID>> monitors = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> matchRows = entityManager.createNativeQuery(
                        "select story_id, monitor_id from monitor_match where story_id in (:ids) order by matched_at")
                .setParameter("ids", ids).getResultList();
        for (Object[] r : matchRows) {
            monitors.computeIfAbsent((UUID) r[0], k -> new ArrayList<>()).add((UUID) r[1]);
        }
        return rows.stream().map(r -> new StoryView((UUID) r[0], (String) r[1], (String) r[2], (String) r[3],
                Sql.toInstant(r[4]), Sql.toInstant(r[5]), ((Number) r[6]).intValue(), (Boolean) r[7],
                items.getOrDefault((UUID) r[0], List.of()), monitors.getOrDefault((UUID) r[0], List.of()),
                (Boolean) r[8], (Boolean) r[9])).toList();
    }

    /** Where a page of the stream ends: the last story's first-seen time and id, and its source count when sorted so. */
    record StoryCursor(int sourceCount, PageCursor at) {

        static String of(StoryView last, boolean mostShared) {
            String at = new PageCursor(last.firstSeenAt(), last.id()).encode();
            return mostShared ? last.sourceCount() + "~" + at : at;
        }

        static StoryCursor decode(String cursor, boolean mostShared) {
            if (cursor == null || cursor.isEmpty()) {
                return null;
            }
            if (!mostShared) {
                return new StoryCursor(0, PageCursor.decode(cursor));
            }
            int tilde = cursor.indexOf('~');
            try {
                return new StoryCursor(Integer.parseInt(cursor.substring(0, tilde)), PageCursor.decode(cursor.substring(tilde + 1)));
            } catch (RuntimeException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this API gave out; start again without it");
            }
        }
    }
}
