package io.kogu.platform.problem;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class LoggedFailureTest {

    @Test
    void aDatabaseFailureIsLoggedWithoutItsSqlOrValues() {
        SQLException sql = new SQLException("ERROR: duplicate key value violates unique constraint \"member_handle\"\n"
                + "  Detail: Key (handle)=(@ann) already exists.", "23505");
        RuntimeException wrapped = new IllegalStateException("could not execute statement [insert into member_handle "
                + "(handle) values (?)] [@ann]", new org.hibernate.exception.ConstraintViolationException("could not "
                + "execute statement", sql, "insert into member_handle (handle) values (?)"));
        StringWriter log = new StringWriter();
        LoggedFailure.of(wrapped).printStackTrace(new PrintWriter(log));
        assertThat(log.toString()).doesNotContain("@ann").doesNotContain("insert into").contains("23505")
                .contains("ConstraintViolationException").contains("LoggedFailureTest");
    }

    @Test
    void otherFailuresAreLoggedAsThey() {
        RuntimeException plain = new IllegalStateException("nothing secret");
        assertThat(LoggedFailure.of(plain)).isSameAs(plain);
    }
}
