package org.redflag.console.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redflag.console.history.ConsoleError;
import org.redflag.console.profiles.ConnectionProfile;
import org.redflag.console.scan.ScanRefused;
import org.redflag.console.scan.Subsystem;
import org.redflag.console.schema.DatabaseRole;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/** A read-only profile: the services refuse in its sentence, the pool refuses writes, errors are still recorded. */
class ReadOnlyProfileTest {

    private static final String REFUSAL = "This connection's profile (prod) is read-only.";

    @Test
    void scansAreRefusedInTheProfilesSentenceButConsoleErrorsAreStillRecorded() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        UUID agent = Fleets.insertAgentWithSubsystems(db, "web-01.prod", "linux", Instant.now(), "storage");
        ConnectionProfile prod = new ConnectionProfile("prod", db.url(), TestPostgres.SUPERUSER, "#c62828", true,
                null, null, null);
        ConsoleSettings settings = db.settings(true);
        settings = new ConsoleSettings(settings.target(), true, false, false, settings.commandTimeout(),
                settings.dataDirectory(), Optional.empty(), Optional.of(prod));

        try (ConsoleContext context = ConsoleContext.open(settings, Optional.empty(), Clock.systemUTC())) {
            assertThatThrownBy(() -> context.scans().requestScan(agent, Subsystem.STORAGE))
                    .isInstanceOf(ScanRefused.class).hasMessage(REFUSAL);
            assertThat(context.scans().roleRefusal(DatabaseRole.Action.CANCEL)).contains(REFUSAL);
            assertThat(context.capabilities().role().refusal(DatabaseRole.Action.MIGRATE)).contains(REFUSAL);
            // The safety net under the refusals: a write that slipped past them is refused by PostgreSQL.
            try (Connection c = context.database().connection(); Statement st = c.createStatement()) {
                assertThatThrownBy(() -> st.executeUpdate("DELETE FROM agent_commands"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("read-only transaction");
            }
            UUID error = context.history().insertConsoleError(new ConsoleError(UUID.randomUUID(), Instant.now(),
                    "agents", "Could not load", "trace", null, "host", "user", "1.0", "main"));
            assertThat(error).isNotNull();
        }
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM update_logs WHERE action = 'console_error'")).isEqualTo(1);
    }
}
