package org.redflag.console.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.db.ConnectionProblem;
import org.redflag.console.fleet.AgentRepository;
import org.redflag.console.history.ConsoleArea;
import org.redflag.console.history.HistoryRepository;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.RecordingNotifier;
import org.redflag.console.testing.SteppingClock;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/** Each kind of error the console meets becomes exactly one history row with the right fields. */
class ErrorReporterTest {

    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    @TempDir
    Path dataFolder;

    private TestDatabase db;
    private RecordingNotifier notifier;
    private ErrorReporter errors;

    @BeforeEach
    void arrange() {
        db = TestPostgres.newDatabase().migrated();
        notifier = new RecordingNotifier();
        errors = new ErrorReporter(ErrorSpool.in(dataFolder), notifier, new SteppingClock(T0), "9.9.9", Runnable::run);
        errors.attach(new HistoryRepository(db.dataSource()));
    }

    @Test
    void aFailedDatabaseCallIsOneRowWithMessageStackTraceAndWhoWhere() {
        db.execute("ALTER TABLE agents RENAME COLUMN agent_version TO version_of_agent");
        AgentRepository agents = new AgentRepository(db.dataSource());
        Exception failure = catchFailure(() -> agents.page("", null, 10));

        errors.report(ConsoleArea.AGENTS, failure);

        assertThat(count()).isEqualTo(1);
        assertThat(column("action")).isEqualTo("console_error");
        assertThat(column("result")).isEqualTo("failed");
        assertThat(column("subsystem")).isEqualTo("agents");
        assertThat(column("agent_id::text")).isNull();
        assertThat(column("stderr")).startsWith("The database refused the request: ERROR: column a.agent_version does not exist")
                .contains("org.postgresql.util.PSQLException", "at org.redflag.console.fleet.AgentRepository.page");
        assertThat(column("metadata ->> 'host'")).isNotBlank();
        assertThat(column("metadata ->> 'user'")).isEqualTo(System.getProperty("user.name"));
        assertThat(column("metadata ->> 'console_version'")).isEqualTo("9.9.9");
        assertThat(column("metadata ->> 'idempotency_key'")).isEqualTo(column("idempotency_key::text")).isNotNull();
        assertThat(column("executed_at")).isNotNull();
        assertThat(notifier.shown()).singleElement().satisfies(shown -> {
            assertThat(shown.title()).isEqualTo("Agents — error");
            assertThat(shown.historyEntryId().toString()).isEqualTo(column("id::text"));
        });
    }

    @Test
    void aRefusedRequestForAnAgentCarriesTheAgent() {
        UUID agent = Fleets.insertAgent(db, "web-01.prod", "linux", T0);

        errors.report(ConsoleArea.SCAN, "web-01.prod already has a storage scan queued; wait for it to finish.", null, agent);

        assertThat(count()).isEqualTo(1);
        assertThat(column("agent_id::text")).isEqualTo(agent.toString());
        assertThat(column("subsystem")).isEqualTo("scan");
        assertThat(column("stderr")).isEqualTo("web-01.prod already has a storage scan queued; wait for it to finish.");
        assertThat(notifier.shown()).hasSize(1);
    }

    @Test
    void aFailedMigrationAtStartUpWaitsInTheSpoolAndLandsOnceWhenADatabaseIsOpen() {
        TestDatabase broken = TestPostgres.newDatabase();
        // A server that refuses part of the schema: the first migration fails half-way and rolls back.
        broken.execute("CREATE SCHEMA sabotage");
        broken.execute("CREATE FUNCTION sabotage.refuse() RETURNS event_trigger LANGUAGE plpgsql AS "
                + "$$ BEGIN RAISE EXCEPTION 'domains are not allowed here'; END $$");
        broken.execute("CREATE EVENT TRIGGER refuse_domains ON ddl_command_start WHEN TAG IN ('CREATE DOMAIN') "
                + "EXECUTE FUNCTION sabotage.refuse()");
        ErrorReporter startup = new ErrorReporter(ErrorSpool.in(dataFolder.resolve("startup")), notifier,
                new SteppingClock(T0), "9.9.9", Runnable::run);
        ConnectionProblem problem = (ConnectionProblem) catchFailure(
                () -> ConsoleContext.open(broken.settings(true), Optional.empty(), new SteppingClock(T0)));

        startup.recordOnly(ConsoleArea.STARTUP, problem.getMessage(), problem);
        assertThat(startup.waiting()).isEqualTo(1);
        startup.attach(new HistoryRepository(db.dataSource()));

        assertThat(startup.waiting()).isZero();
        assertThat(count()).isEqualTo(1);
        assertThat(column("subsystem")).isEqualTo("startup");
        assertThat(column("stderr")).startsWith("The database schema could not be brought up to date")
                .contains("V1__baseline_fleet_schema.sql", "domains are not allowed here");
        assertThat(notifier.shown()).as("the start-up dialog explains it, not a notification").isEmpty();
    }

    @Test
    void messagesWithNewlinesQuotesUnicodeAndNulAreStoredWithoutLosingAnything() {
        String message = "Line one\nline \"two\" with 'quotes'; DROP TABLE update_logs; --\tüñí💥 NUL:\u0000: end";

        errors.report(ConsoleArea.HISTORY, message, new IllegalStateException(message), null);

        assertThat(count()).isEqualTo(1);
        assertThat(column("stderr")).startsWith(message.replace("\u0000", "\\u0000"))
                .contains("java.lang.IllegalStateException: Line one");
        assertThat(notifier.shown().get(0).message()).contains("üñí💥", "\\u0000");
    }

    @Test
    void aStackTraceOfAnySizeIsOneRowCutWithANote() {
        Throwable deep = new RuntimeException("bottom");
        for (int i = 0; i < 3000; i++) {
            deep = new RuntimeException("level " + i + " " + "x".repeat(500), deep);
        }

        errors.report(ConsoleArea.CONSOLE, deep);

        assertThat(count()).isEqualTo(1);
        String stderr = column("stderr");
        assertThat(stderr.length()).isLessThan(ErrorReporter.MAX_DETAILS_CHARS + ErrorReporter.MAX_MESSAGE_CHARS + 200);
        assertThat(stderr).startsWith("bottom").contains("more characters cut here; the console log has the full text");
    }

    @Test
    void aThrowableThatCannotDescribeItselfStillGetsARow() {
        RuntimeException rude = new RuntimeException() {
            @Override
            public String getMessage() {
                throw new IllegalStateException("no message for you");
            }
        };

        errors.report(ConsoleArea.CONSOLE, "Something failed", rude, null);

        assertThat(count()).isEqualTo(1);
        assertThat(column("stderr")).startsWith("Something failed").contains("could not be printed");
    }

    @Test
    void anAgentFromAnotherDatabaseDoesNotStopTheRow() {
        UUID elsewhere = UUID.randomUUID();

        errors.report(ConsoleArea.SCAN, "Refused", null, elsewhere);

        assertThat(count()).isEqualTo(1);
        assertThat(column("metadata ->> 'agent_id'")).isEqualTo(elsewhere.toString());
    }

    @Test
    void theToolsReporterLeavesNoSpoolFileBehind() {
        ErrorReporter tool = new ErrorReporter(new HistoryRepository(db.dataSource()), notifier, new SteppingClock(T0),
                "9.9.9");
        Path spool = tool.spoolFile();

        tool.report(ConsoleArea.MIGRATIONS, "A migration failed", null, null);
        tool.close();

        assertThat(count()).isEqualTo(1);
        assertThat(spool).as("nothing had to wait, so no spool file was made").doesNotExist();
    }

    @Test
    void theToolsReporterKeepsTheSpoolOfAnErrorThatCouldNotBeWritten() throws Exception {
        ErrorReporter tool = new ErrorReporter(new HistoryRepository(db.dataSource()), notifier, new SteppingClock(T0),
                "9.9.9");
        db.takeAway();
        try {
            tool.report(ConsoleArea.MIGRATIONS, "A migration failed", null, null);
            tool.close();
        } finally {
            db.bringBack();
        }

        assertThat(tool.waiting()).isEqualTo(1);
        assertThat(java.nio.file.Files.readString(tool.spoolFile())).contains("A migration failed");
        java.nio.file.Files.delete(tool.spoolFile());
    }

    @Test
    void aSpoolThatCannotBeWrittenStillShowsTheErrorAndCrashesNothing() throws Exception {
        // A data folder that is a file: as unwritable as a full or read-only disk, even for root.
        java.nio.file.Path notAFolder = java.nio.file.Files.createTempFile("data-folder", ".txt");
        RecordingNotifier shown = new RecordingNotifier();
        ErrorReporter offline = new ErrorReporter(ErrorSpool.in(notAFolder), shown, new SteppingClock(T0), "9.9.9",
                Runnable::run);

        offline.report(ConsoleArea.SCAN, "Could not queue the storage scan: the database is unreachable.", null, null);

        assertThat(shown.shown()).singleElement()
                .satisfies(s -> assertThat(s.message()).contains("Could not queue the storage scan"));
        offline.close();
    }

    @Test
    void anAbsentAreaBecomesConsole() {
        errors.report(null, "no area", null, null);

        assertThat(db.queryLong("SELECT count(*) FROM update_logs WHERE subsystem = 'console'")).isEqualTo(1);
    }

    @Test
    void describeSaysWhatHappenedForConnectionLoss() {
        String sentence = ErrorReporter.describe(new java.sql.SQLTransientConnectionException(
                "redflag-console - Connection is not available, request timed out after 1000ms."));

        assertThat(sentence).startsWith("Lost the connection to the database")
                .contains("errors are kept on disk until it is back");
        assertThat(ErrorReporter.describe(null)).isEqualTo("Unknown error");
    }

    private long count() {
        return db.queryLong("SELECT count(*) FROM update_logs");
    }

    private String column(String expression) {
        return db.queryString("SELECT " + expression + " FROM update_logs ORDER BY executed_at DESC LIMIT 1");
    }

    private interface Failing {
        void run() throws Exception;
    }

    private static Exception catchFailure(Failing call) {
        try {
            call.run();
        } catch (Exception e) {
            return e;
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void aConnectionsDoorHandsErrorsOnUntilItsDatabaseIsClosedThenOnlyLogsThem() {
        ErrorReporter connection = errors.forConnection();
        connection.report(ConsoleArea.AGENTS, "The agents page could not load.", null, null);
        assertThat(count()).isEqualTo(1);
        assertThat(notifier.shown()).hasSize(1);

        connection.end();
        // The window moved on to another database: a late failure of the old one's work must not land there.
        errors.detach();
        TestDatabase next = TestPostgres.newDatabase().migrated();
        errors.attach(new HistoryRepository(next.dataSource()));
        connection.report(ConsoleArea.AGENTS, "Pool closed while a page loaded.", null, null);
        connection.recordOnly(ConsoleArea.STARTUP, "Pool closed while a page loaded.", null);

        assertThat(next.queryLong("SELECT count(*) FROM update_logs WHERE action = 'console_error'")).isZero();
        assertThat(errors.waiting()).as("nothing spooled for later either").isZero();
        assertThat(notifier.shown()).hasSize(1);
    }
}
