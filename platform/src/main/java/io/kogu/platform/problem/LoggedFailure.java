package io.kogu.platform.problem;

import java.sql.SQLException;

/**
 * What of a failure may go into the log. A database failure's message holds the SQL statement and, from
 * PostgreSQL, the values of a violated constraint (handles, e-mail addresses): a chain that holds one is logged
 * with every message replaced by the exception's class and SQL state, keeping the stack traces.
 */
public final class LoggedFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private LoggedFailure(String message, Throwable cause) {
        super(message, cause, false, true);
    }

    /** {@code failure} itself when no database failure is in its chain, else a copy without messages. */
    public static Throwable of(Throwable failure) {
        if (!fromDatabase(failure)) {
            return failure;
        }
        return copy(failure, 0);
    }

    private static boolean fromDatabase(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException || t instanceof org.hibernate.JDBCException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable copy(Throwable t, int depth) {
        if (t == null || depth > 20) {
            return null;
        }
        String state = t instanceof SQLException sql ? sql.getSQLState()
                : t instanceof org.hibernate.JDBCException jdbc ? jdbc.getSQLState() : null;
        String message = t.getClass().getName() + (state != null ? " (SQL state " + state + ")" : "")
                + " [message withheld: it may hold SQL and personal data]";
        LoggedFailure copy = new LoggedFailure(message, copy(t.getCause() == t ? null : t.getCause(), depth + 1));
        copy.setStackTrace(t.getStackTrace());
        return copy;
    }
}
