package io.kogu.audience.segment;

import io.kogu.audience.segment.rule.RuleCompiler.Compiled;
import io.kogu.platform.problem.FieldError;
import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.sql.Sql;
import io.kogu.platform.web.Keyset;
import io.kogu.platform.web.PageCursor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
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

    /** How long one query a user shaped (a segment's rule) may run; a longer one is cancelled, and a 422. */
    @ConfigProperty(name = "kogu.segments.statement-timeout", defaultValue = "30s")
    Duration statementTimeout;

    public long count(String workspaceId, Compiled predicate) {
        Sql sql = predicate.select("count(*)", workspaceId);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw failure("Counting a segment failed", e);
        }
    }

    /** Positions of the members the predicate holds after the keyset's cursor, newest first, limit + 1 of them. */
    public List<PageCursor> page(String workspaceId, Compiled predicate, Keyset keyset) {
        Sql sql = keyset.where(predicate.select("m.created_at, m.id", workspaceId), "m.");
        List<PageCursor> page = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql);
             ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                page.add(new PageCursor(result.getObject(1, OffsetDateTime.class).toInstant(), result.getObject(2, UUID.class)));
            }
            return page;
        } catch (SQLException e) {
            throw failure("Listing a segment failed", e);
        }
    }

    /** Those of {@code memberIds} that the predicate holds. */
    public Set<UUID> holding(String workspaceId, Compiled predicate, List<UUID> memberIds) {
        Sql sql = predicate.select("m.id", workspaceId).add(" and m.id = any(")
                .param(new Sql.Array("uuid", memberIds.toArray())).add(")");
        Set<UUID> holding = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = prepare(connection, sql);
             ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                holding.add(result.getObject(1, UUID.class));
            }
            return holding;
        } catch (SQLException e) {
            throw failure("Checking segment membership failed", e);
        }
    }

    /**
     * Every member the predicate holds, newest first, read through a server-side cursor: memory stays flat
     * whatever the size. The statement timeout bounds the query until its first rows.
     */
    public void stream(String workspaceId, Compiled predicate, RowHandler handler) throws Exception {
        Sql sql = predicate.select(MEMBER_COLUMNS, workspaceId).add(" order by m.created_at desc, m.id desc");
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement statement = prepare(connection, sql)) {
                statement.setFetchSize(500);
                ResultSet first;
                try {
                    first = statement.executeQuery();
                } catch (SQLException e) {
                    // Before the first row: nothing is written yet, so the caller can still answer a problem.
                    throw failure("Exporting a segment failed", e);
                }
                try (ResultSet rows = first) {
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

    /** A query cancelled by the statement timeout is the rule's problem (422); anything else is ours. */
    private RuntimeException failure(String what, SQLException e) {
        if ("57014".equals(e.getSQLState())) {
            return ProblemException.unprocessable("The segment takes too long to evaluate", List.of(new FieldError("rule",
                    "took longer than " + statementTimeout.toSeconds() + " s to evaluate and was stopped; narrow the rule"
                    + " (fewer text searches, fewer segments referred to) or try again later")));
        }
        return new IllegalStateException(what, e);
    }

    private PreparedStatement prepare(Connection connection, Sql sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql.text());
        // Whole seconds (JDBC); the driver cancels the statement when they are over.
        statement.setQueryTimeout((int) Math.max(1, (statementTimeout.toMillis() + 999) / 1000));
        sql.bind(statement, 1);
        return statement;
    }
}
