package org.redflag.console.ui.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.errors.ErrorSpool;
import org.redflag.console.fleet.AgentRepository;
import org.redflag.console.history.HistoryRepository;
import org.redflag.console.live.ChangeNotice;
import org.redflag.console.scan.CommandRepository;
import org.redflag.console.scan.CommandStatus;
import org.redflag.console.scan.ScanResultRepository;
import org.redflag.console.scan.ScanService;
import org.redflag.console.scan.Subsystem;
import org.redflag.console.scan.SubsystemRepository;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.RecordingNotifier;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;
import org.redflag.console.ui.ClickGuard;
import org.redflag.console.ui.SameThreadExecutor;

/** One agent's details without a window: subsystems and commands read, a scan, a cancel and a retry. */
class AgentDetailViewModelTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void scanCancelAndRetryShowInTheCommandsAfterEachReload() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        UUID web = Fleets.insertAgentWithSubsystems(db, "web-01.prod", "linux", NOW, "storage", "system");
        List<Throwable> failures = new ArrayList<>();
        AgentDetailViewModel details = details(db, web, failures);

        details.reload();
        assertThat(details.subsystems()).extracting(s -> s.subsystem().id()).containsExactlyInAnyOrder("storage", "system");
        assertThat(details.commands()).isEmpty();

        details.scan(Subsystem.STORAGE);
        assertThat(details.scanStates().get(Subsystem.STORAGE)).isEqualTo("queued");
        assertThat(details.commands()).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(CommandStatus.PENDING));

        details.cancel(details.commands().get(0));
        assertThat(details.commands()).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(CommandStatus.CANCELLED));

        details.retry(details.commands().get(0));
        assertThat(details.commands()).hasSize(2).first()
                .satisfies(c -> assertThat(c.status()).isEqualTo(CommandStatus.PENDING));

        // Another agent's change is no news here; a poll is.
        int before = details.commands().size();
        db.execute("UPDATE agent_commands SET status = 'sent', sent_at = now() WHERE status = 'pending'");
        details.changed(new ChangeNotice("agent_commands", UUID.randomUUID(), UUID.randomUUID()));
        assertThat(details.commands().get(0).status()).isEqualTo(CommandStatus.PENDING);
        details.changed(ChangeNotice.poll());
        assertThat(details.commands()).hasSize(before).first()
                .satisfies(c -> assertThat(c.status()).isEqualTo(CommandStatus.SENT));
        assertThat(failures).isEmpty();
    }

    private AgentDetailViewModel details(TestDatabase db, UUID agent, List<Throwable> failures) throws Exception {
        ErrorReporter errors = new ErrorReporter(ErrorSpool.in(Files.createTempDirectory("details")),
                new RecordingNotifier(), clock, "test", Runnable::run);
        errors.attach(new HistoryRepository(db.dataSource()));
        CommandRepository commands = new CommandRepository(db.dataSource());
        ScanService service = new ScanService(commands, new SubsystemRepository(db.dataSource()),
                new AgentRepository(db.dataSource()), clock, ScanService.DEFAULT_COMMAND_TIMEOUT);
        SameThreadExecutor executor = new SameThreadExecutor();
        ScanRequests requests = new ScanRequests(service, executor, errors, clock,
                new ClickGuard<>(clock, ClickGuard.DEFAULT_QUIET_WINDOW));
        return new AgentDetailViewModel(agent, "web-01.prod", new SubsystemRepository(db.dataSource()), commands,
                new ScanResultRepository(db.dataSource()), requests, executor, failures::add);
    }
}
