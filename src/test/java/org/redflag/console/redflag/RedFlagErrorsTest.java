package org.redflag.console.redflag;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.errors.ErrorSpool;
import org.redflag.console.history.ConsoleArea;
import org.redflag.console.history.HistoryFilter;
import org.redflag.console.history.HistoryRepository;
import org.redflag.console.schema.SchemaProbe;
import org.redflag.console.shapes.RedFlagShape;
import org.redflag.console.testing.RecordingNotifier;
import org.redflag.console.testing.RedFlagFixtures;
import org.redflag.console.testing.SteppingClock;
import org.redflag.console.testing.TestDatabase;

/** Errors are history on a RedFlag database too: in its update_logs, in the shape its checks allow. */
class RedFlagErrorsTest {

    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

    @ParameterizedTest
    @EnumSource(RedFlagShape.class)
    void anErrorIsARowOfThatDatabasesHistoryThatPassesItsChecks(RedFlagShape shape) throws Exception {
        TestDatabase db = RedFlagFixtures.build(shape);
        UUID agent = RedFlagFixtures.agent(db, 2);
        RecordingNotifier notifier = new RecordingNotifier();
        ErrorReporter errors = reporter(db, Files.createTempDirectory("rf-errors"), notifier);

        errors.report(ConsoleArea.AGENTS, "Could not read the agents", new IllegalStateException("disk on fire"), agent);

        assertThat(db.queryLong("SELECT count(*) FROM update_logs WHERE action = 'console_error'")).isEqualTo(1);
        String row = "SELECT %s FROM update_logs WHERE action = 'console_error'";
        assertThat(db.queryString(row.formatted("result"))).isEqualTo("failed");
        assertThat(db.queryString(row.formatted("agent_id::text"))).isEqualTo(agent.toString());
        assertThat(db.queryString(row.formatted("stderr"))).startsWith("Could not read the agents")
                .contains("java.lang.IllegalStateException: disk on fire");
        // Who, where and the error's key: RedFlag's update_logs has no metadata column, so stdout holds them.
        assertThat(db.queryString(row.formatted("stdout::jsonb ->> 'area'"))).isEqualTo("agents");
        assertThat(db.queryString(row.formatted("stdout::jsonb ->> 'console_version'"))).isEqualTo("9.9.9");
        assertThat(db.queryString(row.formatted("stdout::jsonb ->> 'idempotency_key'"))).isNotBlank();
        if (shape == RedFlagShape.LATER) {
            // 022's check admits no console area: the subsystem stays empty rather than the row being refused.
            assertThat(db.queryString(row.formatted("subsystem"))).isNull();
        }
        assertThat(notifier.shown()).singleElement().satisfies(shown -> assertThat(shown.historyEntryId()).isNotNull());
        assertThat(errors.waiting()).isZero();
        // The History shows the console area as the row's subsystem and filters on it, as on the console's schema.
        HistoryRepository history = new HistoryRepository(db.dataSource(), SchemaProbe.probe(db.dataSource()));
        assertThat(history.page(HistoryFilter.all().withSubsystem("agents"), null, 50)).singleElement()
                .satisfies(entry -> {
                    assertThat(entry.action()).isEqualTo("console_error");
                    assertThat(entry.subsystem()).isEqualTo("agents");
                });
        assertThat(history.page(HistoryFilter.all().withSubsystem("history"), null, 50)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(RedFlagShape.class)
    void spooledErrorsAreReplayedExactlyOnceEvenAfterACrashBeforeTheSpoolWasTrimmed(RedFlagShape shape) throws Exception {
        TestDatabase db = RedFlagFixtures.build(shape);
        Path folder = Files.createTempDirectory("rf-spool");
        ErrorReporter offline = new ErrorReporter(ErrorSpool.in(folder), new RecordingNotifier(), new SteppingClock(T0),
                "9.9.9", Runnable::run);
        for (int i = 0; i < 3; i++) {
            offline.report(ConsoleArea.STARTUP, "No database yet " + i, null, null);
        }
        assertThat(offline.waiting()).isEqualTo(3);
        Path spool = folder.resolve(ErrorSpool.FILE_NAME);
        byte[] beforeReplay = Files.readAllBytes(spool);

        offline.attach(new HistoryRepository(db.dataSource(), SchemaProbe.probe(db.dataSource())));
        offline.replaySpool();
        // As if the console died after writing the rows but before trimming the spool: the same lines again.
        Files.write(spool, beforeReplay);
        ErrorReporter restarted = reporter(db, folder, new RecordingNotifier());
        restarted.replaySpool();

        assertThat(db.queryLong("SELECT count(*) FROM update_logs WHERE action = 'console_error'")).isEqualTo(3);
        assertThat(restarted.waiting()).isZero();
    }

    @Test
    void aRowTheSchemaRefusesForGoodNeitherBlocksTheSpoolNorIsLost() throws Exception {
        TestDatabase db = RedFlagFixtures.build(RedFlagShape.LATER);
        Path folder = Files.createTempDirectory("rf-refused");
        ErrorReporter errors = reporter(db, folder, new RecordingNotifier());

        // A site rule that refuses the console's stdout document: the bare row still keeps the error.
        db.execute("ALTER TABLE update_logs ADD CONSTRAINT site_no_json_stdout CHECK (stdout IS NULL OR stdout NOT LIKE '{%')");
        errors.report(ConsoleArea.AGENTS, "First", null, null);
        assertThat(db.queryString("SELECT stderr FROM update_logs WHERE action = 'console_error'")).contains("First")
                .contains("idempotency_key");

        // A rule that refuses any console error: it is set aside on disk, and does not hold back the next one.
        db.execute("ALTER TABLE update_logs ADD CONSTRAINT site_no_console_errors CHECK (action <> 'console_error') NOT VALID");
        errors.report(ConsoleArea.AGENTS, "Second", null, null);
        assertThat(errors.waiting()).isZero();
        assertThat(Files.readString(folder.resolve(ErrorSpool.FILE_NAME + ".rejected"))).contains("Second");
        db.execute("ALTER TABLE update_logs DROP CONSTRAINT site_no_console_errors");
        errors.report(ConsoleArea.AGENTS, "Third", null, null);

        assertThat(db.queryLong("SELECT count(*) FROM update_logs WHERE action = 'console_error'")).isEqualTo(2);
        assertThat(db.queryLong("SELECT count(*) FROM update_logs WHERE stderr LIKE '%Third%'")).isEqualTo(1);
        assertThat(errors.waiting()).isZero();
    }

    private static ErrorReporter reporter(TestDatabase db, Path folder, RecordingNotifier notifier) throws Exception {
        ErrorReporter errors = new ErrorReporter(ErrorSpool.in(folder), notifier, new SteppingClock(T0), "9.9.9", Runnable::run);
        errors.attach(new HistoryRepository(db.dataSource(), SchemaProbe.probe(db.dataSource())));
        return errors;
    }
}
