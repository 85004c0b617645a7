package org.redflag.console.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.app.ConsoleSettings;
import org.redflag.console.demo.DemoFleet;

/** The laptop path: no URL, the console runs its own PostgreSQL, and keeps its data between runs. */
class EmbeddedDatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void embeddedDatabaseStartsWithTheDemoFleetAndKeepsItsStateBetweenRuns() throws Exception {
        ConsoleSettings settings = new ConsoleSettings(new DatabaseTarget.Embedded(dataDir.resolve("pgdata"), 0), true, true);

        try (ConsoleContext first = ConsoleContext.open(settings, Optional.empty(), Clock.systemUTC())) {
            assertThat(first.database().isEmbedded()).isTrue();
            assertThat(first.database().describe()).startsWith("embedded");
            assertThat(first.agents().count()).isEqualTo(DemoFleet.size());
            try (Connection c = first.database().connection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO agents (hostname, os_type) VALUES ('added-on-first-run', 'linux')");
            }
            assertThatThrownBy(() -> ConsoleContext.open(settings, Optional.empty(), Clock.systemUTC()))
                    .isInstanceOfSatisfying(ConnectionProblem.class, p -> {
                        assertThat(p.kind()).isEqualTo(ConnectionProblem.Kind.DATA_DIR_IN_USE);
                        assertThat(p.getMessage()).contains("Another console is already running on the embedded database");
                    });
        }

        try (ConsoleContext second = ConsoleContext.open(settings, Optional.empty(), Clock.systemUTC())) {
            assertThat(second.agents().count()).isEqualTo(DemoFleet.size() + 1);
            assertThat(second.agents().page("added-on-first-run", null, 10)).hasSize(1);
        }
    }
}
