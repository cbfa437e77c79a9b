package io.kogu.platform.sql;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one SQL builder both services use: values only as bound parameters, in the JDBC and the JPA form. */
class SqlTest {

    @Test
    void valuesTravelAsParametersNeverInTheText() {
        String hostile = "x'; drop table member; --";
        Sql sql = new Sql().add("select 1 from member m where m.name = ").param(hostile).add(" and m.id = ")
                .param(UUID.fromString("00000000-0000-0000-0000-000000000001"));

        assertThat(sql.text()).isEqualTo("select 1 from member m where m.name = ? and m.id = ?")
                .doesNotContain(hostile);
        assertThat(sql.params()).containsExactly(hostile, UUID.fromString("00000000-0000-0000-0000-000000000001"));
    }

    @Test
    void jpaFormNumbersThePlaceholdersAcrossAppendedBuilders() {
        Sql inner = new Sql().add("(b = ").param(2).add(" or c = ").param(3).add(")");
        Sql sql = new Sql().append("select * from t where a = :p and ", 1).add(inner)
                .append(" and d between :p and :p", 4, 5);

        assertThat(sql.text()).isEqualTo("select * from t where a = ? and (b = ? or c = ?) and d between ? and ?");
        assertThat(sql.numberedText())
                .isEqualTo("select * from t where a = ?1 and (b = ?2 or c = ?3) and d between ?4 and ?5");
        assertThat(sql.params()).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void numberedFormLeavesTheTextAloneWithoutParameters() {
        assertThat(new Sql().add("select 1").numberedText()).isEqualTo("select 1");
    }

    @Test
    void appendRefusesAFragmentWhosePlaceholdersDoNotMatchItsValues() {
        assertThatThrownBy(() -> new Sql().append("a = :p and b = :p", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Sql().append("a = :p", 1, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void likeLiteralEscapesTheWildcardsAndTheEscapeCharacter() {
        assertThat(Sql.likeLiteral("50%_a\\b")).isEqualTo("50\\%\\_a\\\\b");
    }

    @Test
    void toInstantTakesWhateverTheDriverHandsOver() {
        Instant instant = Instant.parse("2026-01-02T03:04:05.123456Z");
        assertThat(Sql.toInstant(instant)).isEqualTo(instant);
        assertThat(Sql.toInstant(java.sql.Timestamp.from(instant))).isEqualTo(instant);
        assertThat(Sql.toInstant(instant.atOffset(java.time.ZoneOffset.ofHours(2)))).isEqualTo(instant);
    }
}
