package io.kogu.platform.web;

import io.kogu.platform.problem.ProblemException;
import io.kogu.platform.sql.Sql;
import io.quarkus.panache.common.Parameters;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one keyset pagination helper: the condition, the order, the n + 1 read and the (unchanged) cursor. */
class KeysetTest {

    private static final PageCursor AFTER = new PageCursor(Instant.parse("2026-05-01T10:00:00.000001Z"),
            UUID.fromString("00000000-0000-0000-0000-00000000000a"));

    @Test
    void hqlWithoutCursorOnlyOrdersNewestFirst() {
        Parameters parameters = Parameters.with("workspace", "w");

        String query = new Keyset(null, 10).hql("workspaceId = :workspace", parameters, "m.");

        assertThat(query).isEqualTo("workspaceId = :workspace order by m.createdAt desc, m.id desc");
        assertThat(parameters.map()).containsOnlyKeys("workspace");
    }

    @Test
    void hqlWithCursorReadsOnlyRowsAfterIt() {
        Parameters parameters = Parameters.with("workspace", "w");

        String query = new Keyset(AFTER, 10).hql("workspaceId = :workspace", parameters, "");

        assertThat(query).isEqualTo("workspaceId = :workspace and (createdAt < :keysetCreatedAt or (createdAt ="
                + " :keysetCreatedAt and id < :keysetId)) order by createdAt desc, id desc");
        assertThat(parameters.map()).containsEntry("keysetCreatedAt", AFTER.createdAt())
                .containsEntry("keysetId", AFTER.id());
    }

    @Test
    void sqlWithCursorBindsTheKeysAndReadsOneRowMoreThanThePage() {
        Sql sql = new Sql().append("select m.id from member m where m.workspace_id = :p", "w");

        new Keyset(AFTER, 10).where(sql, "m.");

        assertThat(sql.text()).isEqualTo("select m.id from member m where m.workspace_id = ? and (m.created_at, m.id)"
                + " < (?, ?) order by m.created_at desc, m.id desc limit ?");
        assertThat(sql.params()).containsExactly("w", AFTER.createdAt(), AFTER.id(), 11);
    }

    @Test
    void sqlWithoutCursorOnlyOrdersAndLimits() {
        Sql sql = new Sql().add("select id from draft where true");

        new Keyset(null, 2).where(sql, "");

        assertThat(sql.text()).isEqualTo("select id from draft where true order by created_at desc, id desc limit ?");
        assertThat(sql.params()).containsExactly(3);
    }

    @Test
    void theExtraRowMakesTheCursorOfTheLastItemShown() {
        List<PageCursor> rows = rows(4);

        Page<PageCursor> page = new Keyset(null, 3).page(rows, row -> row);

        assertThat(page.items()).containsExactlyElementsOf(rows.subList(0, 3));
        // The cursor is the one clients have always had: PageCursor's encoding of the last item shown.
        assertThat(page.nextCursor()).isEqualTo(rows.get(2).encode());
        assertThat(PageCursor.decode(page.nextCursor())).isEqualTo(rows.get(2));
    }

    @Test
    void withoutTheExtraRowThereIsNoNextPage() {
        List<PageCursor> rows = rows(3);

        Page<PageCursor> page = new Keyset(null, 3).page(rows, row -> row);

        assertThat(page.items()).containsExactlyElementsOf(rows);
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void ofARequestDecodesItsCursorAndDefaultsItsLimit() {
        assertThat(Keyset.of(null, null)).isEqualTo(new Keyset(null, PageCursor.DEFAULT_LIMIT));
        assertThat(Keyset.of(AFTER.encode(), 7)).isEqualTo(new Keyset(AFTER, 7));
        assertThatThrownBy(() -> Keyset.of("not-a-cursor", 7)).isInstanceOf(ProblemException.class);
    }

    private static List<PageCursor> rows(int count) {
        List<PageCursor> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new PageCursor(Instant.parse("2026-05-01T10:00:00Z").minusSeconds(i), UUID.randomUUID()));
        }
        return rows;
    }
}
