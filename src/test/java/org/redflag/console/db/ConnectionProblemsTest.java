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
                () -> ConnectionProblems.explain(outer, TARGET));

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
                () -> ConnectionProblems.explain(outer, TARGET));

        assertThat(problem.kind()).isEqualTo(ConnectionProblem.Kind.UNREACHABLE);
    }
}
