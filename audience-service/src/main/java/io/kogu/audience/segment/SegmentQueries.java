package io.kogu.audience.segment;

import io.kogu.audience.segment.rule.Sql;
import io.kogu.platform.web.PageCursor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Runs a segment's compiled predicate in PostgreSQL: one parameterized query per question, scoped to the
 * workspace. Plain JDBC, because the predicate is SQL (arrays, jsonb containment) that HQL does not speak.
 */
@ApplicationScoped
public class SegmentQueries {

    /** Reads one row of a streamed result. */
    @FunctionalInterface
    public interface RowHandler {
        void row(ResultSet row) throws Exception;
    }

    /** Columns of a whole member, with its handles as a JSON array (see {@link MemberRows}). */
    static final String MEMBER_COLUMNS = "m.id, m.display_name, m.email, m.country, m.language, m.city, m.external_id,"
            + " m.relationship, m.tags, m.followed_since, m.last_interaction_at, m.engagement_score,"
            + " m.marketing_consent, m.attributes::text as attributes, m.version, m.created_at, m.updated_at,"
            + " (select coalesce(json_agg(json_build_object('network', h.network, 'handle', h.handle)"
            + " order by h.position), '[]'::json)::text from member_handle h where h.member_id = m.id) as handles";

    @Inject
    DataSource dataSource;

    public long count(String workspaceId, Sql predicate) {
        Sql sql = new Sql().add("select count(*) from member m where ").add(scope(workspaceId, predicate));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Counting a segment failed", e);
        }
    }

    /** Positions of up to {@code rows} members after {@code after}, newest first. */
    public List<PageCursor> page(String workspaceId, Sql predicate, PageCursor after, int rows) {
        Sql sql = new Sql().add("select m.created_at, m.id from member m where ").add(scope(workspaceId, predicate));
        if (after != null) {
            sql.add(" and (m.created_at, m.id) < (").param(after.createdAt()).add(", ").param(after.id()).add(")");
        }
        sql.add(" order by m.created_at desc, m.id desc limit ").param(rows);
        List<PageCursor> page = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql);
             ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                page.add(new PageCursor(result.getObject(1, OffsetDateTime.class).toInstant(), result.getObject(2, UUID.class)));
            }
            return page;
        } catch (SQLException e) {
            throw new IllegalStateException("Listing a segment failed", e);
        }
    }

    /** Those of {@code memberIds} that the predicate holds. */
    public Set<UUID> holding(String workspaceId, Sql predicate, List<UUID> memberIds) {
        Sql sql = new Sql().add("select m.id from member m where m.id = any(")
                .param(new Sql.Array("uuid", memberIds.toArray())).add(") and ").add(scope(workspaceId, predicate));
        Set<UUID> holding = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql);
             ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                holding.add(result.getObject(1, UUID.class));
            }
            return holding;
        } catch (SQLException e) {
            throw new IllegalStateException("Checking segment membership failed", e);
        }
    }

    /**
     * Every member the predicate holds, newest first, read through a server-side cursor: memory stays flat
     * whatever the size.
     */
    public void stream(String workspaceId, Sql predicate, RowHandler handler) throws Exception {
        Sql sql = new Sql().add("select " + MEMBER_COLUMNS + " from member m where ").add(scope(workspaceId, predicate))
                .add(" order by m.created_at desc, m.id desc");
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement statement = prepare(connection, sql)) {
                statement.setFetchSize(500);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        handler.row(rows);
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private static Sql scope(String workspaceId, Sql predicate) {
        return new Sql().add("m.workspace_id = ").param(workspaceId).add(" and ").add(predicate);
    }

    private static PreparedStatement prepare(Connection connection, Sql sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql.text());
        sql.bind(statement, 1);
        return statement;
    }
}
