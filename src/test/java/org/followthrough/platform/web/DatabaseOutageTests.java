package org.followthrough.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures are the database being away (503) and which are faults to report (500). */
class DatabaseOutageTests {

    private static final SQLException CONNECTION_LOST =
            new SQLException("An I/O error occurred while sending to the backend.", "08006");
    private static final SQLException CLOSED_BY_THE_POOL = new SQLException("Connection is closed");

    @Test
    void aLostConnectionIsTheDatabaseBeingAway() {
        assertThat(DatabaseOutage.isDatabaseUnavailable(
                        new ServletException(new UncategorizedSQLException("insert", "insert", CONNECTION_LOST))))
                .isTrue();
        assertThat(DatabaseOutage.isDatabaseUnavailable(new SQLException("terminating connection", "57P01")))
                .isTrue();
    }

    @Test
    void aRollbackThatFailedAfterTheConnectionWasLostIsTheDatabaseBeingAway() {
        var rollback = new TransactionSystemException("JDBC rollback failed", CLOSED_BY_THE_POOL);
        rollback.initApplicationException(new UncategorizedSQLException("insert", "insert", CONNECTION_LOST));
        assertThat(DatabaseOutage.isDatabaseUnavailable(new ServletException(rollback)))
                .isTrue();
    }

    @Test
    void aCommitOnAConnectionThePoolClosedIsTheDatabaseBeingAway() {
        assertThat(DatabaseOutage.isDatabaseUnavailable(
                        new TransactionSystemException("JDBC rollback failed", CLOSED_BY_THE_POOL)))
                .isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(DatabaseOutage.isDatabaseUnavailable(new DataIntegrityViolationException("duplicate key")))
                .isFalse();
        assertThat(DatabaseOutage.isDatabaseUnavailable(new TransactionSystemException(
                        "Could not commit JDBC transaction", new SQLException("could not serialize", "40001"))))
                .isFalse();
        var rollback = new TransactionSystemException("JDBC rollback failed", new SQLException("odd", "XX000"));
        rollback.initApplicationException(new IllegalStateException("a bug"));
        assertThat(DatabaseOutage.isDatabaseUnavailable(rollback)).isFalse();
        assertThat(DatabaseOutage.isDatabaseUnavailable(new IllegalArgumentException("bad")))
                .isFalse();
    }
}
