package org.redflag.console.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A cause chain can loop (A caused by B caused by A: wrappers that set each other's cause); explaining such a
 * failure must still end, with the sentence the chain's members call for.
 */
class ConnectionProblemsTest {

    private static final DatabaseTarget.Server TARGET = new DatabaseTarget.Server("jdbc:postgresql://db:5432/fleet", "ops");

    @Test
    void aCauseCycleWithoutAKnownCauseStillGivesASentence() {
        SQLException outer = new SQLException("pool gave up");
        IllegalStateException inner = new IllegalStateException("driver went away");
        outer.initCause(inner);
        inner.initCause(outer);

        ConnectionProblem problem = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> ConnectionProblems.explain(outer, TARGET, TARGET.jdbcUrl()));

        assertThat(problem.kind()).isEqualTo(ConnectionProblem.Kind.OTHER);
        assertThat(problem.getMessage()).startsWith("Could not open the database at db:5432/fleet: driver went away.");
    }

    @Test
    void aCauseCycleIsSearchedForTheCauseThatExplainsIt() {
        SQLException outer = new SQLException("connection attempt failed", "08001");
        ConnectException refused = new ConnectException("Connection refused");
        outer.initCause(refused);
        refused.initCause(outer);

        ConnectionProblem problem = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> ConnectionProblems.explain(outer, TARGET, TARGET.jdbcUrl()));

        assertThat(problem.kind()).isEqualTo(ConnectionProblem.Kind.UNREACHABLE);
    }

    @Test
    void aUrlWhoseUserIsNoRoleOfTheServerIsSaidSoNamingThatUser() {
        org.redflag.console.testing.TestDatabase db = org.redflag.console.testing.TestPostgres.newDatabase();
        var target = new DatabaseTarget.Server(db.url() + "?user=nosuch_role", null);

        // The server asks for a password before it says anything about the role, so the sentence names the
        // URL's user (not the login name) and both possible causes.
        var problem = org.junit.jupiter.api.Assertions.assertThrows(ConnectionProblem.class,
                () -> Database.open(target, java.util.Optional.of("guess".toCharArray())).close());

        assertThat(problem.getMessage()).startsWith("PostgreSQL at localhost:")
                .contains("refused user \"nosuch_role\" with that password: there may be no such role");
    }
}
