package org.redflag.console.ui.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.errors.ErrorSpool;
import org.redflag.console.fleet.AgentRepository;
import org.redflag.console.history.HistoryRepository;
import org.redflag.console.live.ChangeNotice;
import org.redflag.console.operations.Operation;
import org.redflag.console.operations.OperationsRepository;
import org.redflag.console.operations.OperationsService;
import org.redflag.console.scan.CommandRepository;
import org.redflag.console.scan.ScanService;
import org.redflag.console.scan.SubsystemRepository;
import org.redflag.console.schema.Capabilities;
import org.redflag.console.schema.DatabaseRole;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.RecordingNotifier;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;
import org.redflag.console.ui.SameThreadExecutor;

/** The Operations view model on a real PostgreSQL, its background work run at once on the test's thread. */
class OperationsViewModelTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir
    Path folder;

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final List<Runnable> afterQuiet = new ArrayList<>();
    private TestDatabase db;
    private RecordingNotifier notifier;
    private ErrorReporter errors;
    private UUID web01;

    @BeforeEach
    void arrange() {
        db = TestPostgres.newDatabase().migrated();
        notifier = new RecordingNotifier();
        errors = new ErrorReporter(ErrorSpool.in(folder), notifier, clock, "test", Runnable::run);
        errors.attach(new HistoryRepository(db.dataSource()));
        web01 = Fleets.insertAgentWithSubsystems(db, "web-01.prod", "linux", NOW, "storage", "updates");
    }

    @Test
    void manyLiveChangesLeadToOneReadOfTheRowsOnScreenAfterTheQuietPeriod() {
        OperationsViewModel model = model(Capabilities.CONSOLE_SCHEMA);
        model.reload();
        assertThat(model.rows()).isEmpty();
        insert("scan_storage", "pending", NOW.minus(Duration.ofMinutes(1)));

        for (int i = 0; i < 50; i++) {
            model.changed(new ChangeNotice("agent_commands", web01, UUID.randomUUID()));
        }
        model.changed(new ChangeNotice("update_logs", web01, null));

        assertThat(afterQuiet).hasSize(1);
        afterQuiet.get(0).run();
        assertThat(model.rows()).extracting(Operation::commandType).containsExactly("scan_storage");
        model.changed(ChangeNotice.poll());
        assertThat(afterQuiet).as("a new quiet period after the read").hasSize(2);
    }

    @Test
    void aRetryMetByAnActiveScanIsToldInASentenceWithoutAnErrorOrATrace() {
        insert("scan_storage", "failed", NOW.minus(Duration.ofMinutes(30)));
        insert("scan_storage", "pending", NOW.minus(Duration.ofMinutes(5)));
        OperationsViewModel model = model(Capabilities.CONSOLE_SCHEMA);
        model.statusProperty().set(model.statusChoices().stream().filter(c -> c.label().equals("failed")).findFirst()
                .orElseThrow());
        model.reload();

        model.retry(List.copyOf(model.rows()));

        assertThat(model.outcomeProperty().get()).isEqualTo(
                "Retry: 0 queued; storage on web-01.prod was already queued (since 11:55), so nothing new was queued.");
        assertThat(notifier.shown()).isEmpty();
        assertThat(db.queryLong("SELECT count(*) FROM update_logs")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM agent_commands")).isEqualTo(2);
    }

    @Test
    void aReadOnlyProfileRefusesEveryActionWithItsSentenceAndTheRefusalIsHistory() {
        insert("scan_storage", "pending", NOW.minus(Duration.ofMinutes(5)));
        Capabilities readOnly = Capabilities.CONSOLE_SCHEMA.withRole(DatabaseRole.UNCHECKED.readOnlyUnder("audit"));
        OperationsViewModel model = model(readOnly);
        model.reload();

        String sentence = "This connection's profile (audit) is read-only.";
        assertThat(model.refusal(DatabaseRole.Action.CANCEL)).contains(sentence);
        assertThat(model.refusal(DatabaseRole.Action.RETRY)).contains(sentence);
        assertThat(model.archiveUnavailable()).contains(sentence);
        model.cancel(List.copyOf(model.rows()));

        assertThat(db.queryString("SELECT status FROM agent_commands")).isEqualTo("pending");
        assertThat(model.outcomeProperty().get()).isEqualTo(sentence);
        assertThat(db.queryString("SELECT stderr FROM update_logs WHERE action = 'console_error' AND subsystem = 'operations'"))
                .isEqualTo(sentence);
    }

    @Test
    void aCancelThatFailsInTheDatabaseIsReportedThroughTheErrorDoorWithItsTrace() {
        insert("scan_storage", "pending", NOW.minus(Duration.ofMinutes(5)));
        db.execute("""
                CREATE FUNCTION refuse_updates() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'the disk is full'; END $$;
                CREATE TRIGGER refuse_updates BEFORE UPDATE ON agent_commands FOR EACH ROW EXECUTE FUNCTION refuse_updates();
                """);
        OperationsViewModel model = model(Capabilities.CONSOLE_SCHEMA);
        model.reload();

        model.cancel(List.copyOf(model.rows()));

        assertThat(model.outcomeProperty().get()).startsWith("Could not cancel 1 command: ").contains("the disk is full");
        assertThat(notifier.shown()).hasSize(1);
        assertThat(db.queryLong("SELECT count(*) FROM update_logs WHERE action = 'console_error' "
                + "AND subsystem = 'operations' AND stderr LIKE 'Could not cancel 1 command%the disk is full%'")).isEqualTo(1);
        assertThat(db.queryString("SELECT stderr FROM update_logs WHERE action = 'console_error'"))
                .contains("PSQLException");
        assertThat(db.queryString("SELECT status FROM agent_commands")).isEqualTo("pending");
    }

    private OperationsViewModel model(Capabilities capabilities) {
        ScanService scans = new ScanService(new CommandRepository(db.dataSource(), capabilities),
                new SubsystemRepository(db.dataSource()), new AgentRepository(db.dataSource()), clock,
                ScanService.DEFAULT_COMMAND_TIMEOUT, capabilities, java.util.Optional.empty());
        OperationsService service = new OperationsService(new OperationsRepository(db.dataSource()), scans,
                capabilities, clock);
        return new OperationsViewModel(service, new SameThreadExecutor(), errors, clock, () -> true, afterQuiet::add);
    }

    private void insert(String type, String status, Instant created) {
        db.queryString("""
                INSERT INTO agent_commands (agent_id, command_type, status, created_at, completed_at)
                VALUES (?, ?, ?, ?, ?) RETURNING id::text""", web01, type, status, Timestamp.from(created),
                status.equals("pending") ? null : Timestamp.from(created.plusSeconds(30)));
    }
}
