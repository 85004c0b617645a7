package org.redflag.console.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.console.history.ConsoleArea;
import org.redflag.console.history.HistoryRepository;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.RecordingNotifier;
import org.redflag.console.testing.SteppingClock;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/**
 * The database goes away under a running console (its connections killed, new ones refused), errors keep
 * coming, and when it is back every one of them is in the history exactly once, in the order they happened;
 * also after the console was killed while offline and started again.
 */
class DatabaseOutageTest {

    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    private static final int ERRORS_DURING_OUTAGE = 60;

    @TempDir
    Path dataFolder;

    private TestDatabase db;
    private HikariDataSource pool;
    private boolean down;

    @BeforeEach
    void arrange() {
        db = TestPostgres.newDatabase().migrated();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url());
        config.setUsername(TestPostgres.SUPERUSER);
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(2);
        // As the console's pool, only quicker to give up, so the test does not wait out the outage.
        config.setConnectionTimeout(2000);
        config.setInitializationFailTimeout(1);
        pool = new HikariDataSource(config);
    }

    @AfterEach
    void cleanUp() {
        if (down) {
            bringDatabaseBack();
        }
        pool.close();
    }

    @Test
    void errorsRaisedWhileTheDatabaseIsDownAreWrittenExactlyOnceInOrderWhenItIsBack() throws Exception {
        UUID agent = Fleets.insertAgent(db, "web-01.prod", "linux", T0);
        RecordingNotifier notifier = new RecordingNotifier();
        List<Integer> waitingSeen = new CopyOnWriteArrayList<>();
        ErrorReporter errors = ErrorReporter.onOwnThread(ErrorSpool.in(dataFolder), notifier, new SteppingClock(T0),
                "9.9.9", Duration.ofHours(1));
        errors.onSpoolChanged(waitingSeen::add);
        errors.attach(new HistoryRepository(pool));
        errors.report(ConsoleArea.AGENTS, "before the outage", null, null);
        errors.flush();

        takeDatabaseDown();
        for (int i = 1; i <= ERRORS_DURING_OUTAGE; i++) {
            errors.report(ConsoleArea.AGENTS, "outage error " + i, new IllegalStateException("cause " + i), i % 10 == 0 ? agent : null);
        }
        errors.flush();
        int spooled = errors.waiting();
        Path spoolCopy = dataFolder.resolve("copy-before-replay.jsonl");
        Files.copy(ErrorSpool.in(dataFolder).file(), spoolCopy);
        ErrorReporter.Replay whileDown = errors.replaySpool();

        bringDatabaseBack();
        // The pool needs a moment to replace the connections the outage killed; the spool waits meanwhile.
        ErrorReporter.Replay back = errors.replaySpool();
        for (int attempt = 0; attempt < 20 && back.waiting() > 0; attempt++) {
            ErrorReporter.Replay next = errors.replaySpool();
            back = new ErrorReporter.Replay(back.written() + next.written(), next.waiting());
        }
        ErrorReporter.Replay again = errors.replaySpool();
        errors.report(ConsoleArea.AGENTS, "after the outage", null, null);
        errors.flush();

        // A crash after the rows were written but before the spool was trimmed: the next start replays it all.
        Files.copy(spoolCopy, ErrorSpool.in(dataFolder).file(), StandardCopyOption.REPLACE_EXISTING);
        ErrorReporter restarted = new ErrorReporter(ErrorSpool.in(dataFolder), notifier, new SteppingClock(T0),
                "9.9.9", Runnable::run);
        restarted.attach(new HistoryRepository(pool));
        errors.close();

        List<String> messages = messagesInOrder();
        List<String> expected = new ArrayList<>();
        expected.add("before the outage");
        for (int i = 1; i <= ERRORS_DURING_OUTAGE; i++) {
            expected.add("outage error " + i);
        }
        expected.add("after the outage");
        long rows = messages.size();
        long duplicates = rows - messages.stream().distinct().count();
        long lost = expected.stream().filter(m -> !messages.contains(m)).count();
        System.out.printf("Outage test: errors raised = %d (%d while the database was down), spooled = %d, "
                        + "rows written = %d (%d by the replay when it was back, %d more by a replay after a crash "
                        + "before trimming), duplicates = %d, lost = %d%n",
                expected.size(), ERRORS_DURING_OUTAGE, spooled, rows, back.written(), rows - expected.size(),
                duplicates, lost);

        assertThat(spooled).isEqualTo(ERRORS_DURING_OUTAGE);
        assertThat(waitingSeen).contains(ERRORS_DURING_OUTAGE).last().isEqualTo(0);
        assertThat(whileDown).isEqualTo(new ErrorReporter.Replay(0, ERRORS_DURING_OUTAGE));
        assertThat(back).isEqualTo(new ErrorReporter.Replay(ERRORS_DURING_OUTAGE, 0));
        assertThat(again).isEqualTo(new ErrorReporter.Replay(0, 0));
        assertThat(messages).containsExactlyElementsOf(expected);
        assertThat(duplicates).isZero();
        assertThat(lost).isZero();
        assertThat(restarted.waiting()).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM update_logs WHERE agent_id = ?", agent)).isEqualTo(6);
        assertThat(notifier.shown()).hasSize(ERRORS_DURING_OUTAGE + 2);
        assertThat(notifier.shown().subList(1, ERRORS_DURING_OUTAGE + 1))
                .allSatisfy(shown -> assertThat(shown.historyEntryId()).as("spooled, so no row yet").isNull());
    }

    @Test
    void aConsoleKilledWhileOfflineReplaysOnItsNextStart() throws Exception {
        // Start-up without a database: nothing attached, everything goes to the spool.
        ErrorReporter first = new ErrorReporter(ErrorSpool.in(dataFolder), new RecordingNotifier(),
                new SteppingClock(T0), "9.9.9", Runnable::run);
        for (int i = 1; i <= 5; i++) {
            first.report(ConsoleArea.STARTUP, "offline error " + i, null, null);
        }
        assertThat(first.waiting()).isEqualTo(5);
        // ...and the process dies: no close, no flush beyond the fsync each append did.

        ErrorReporter next = new ErrorReporter(ErrorSpool.in(dataFolder), new RecordingNotifier(),
                new SteppingClock(T0.plusSeconds(3600)), "9.9.9", Runnable::run);
        assertThat(next.waiting()).isEqualTo(5);
        next.attach(new HistoryRepository(pool));

        assertThat(messagesInOrder()).containsExactly("offline error 1", "offline error 2", "offline error 3",
                "offline error 4", "offline error 5");
        assertThat(next.waiting()).isZero();
        assertThat(Files.size(ErrorSpool.in(dataFolder).file())).isZero();
    }

    private List<String> messagesInOrder() throws Exception {
        List<String> messages = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT split_part(stderr, E'\\n', 1) FROM update_logs WHERE action = 'console_error' "
                        + "ORDER BY executed_at, id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                messages.add(rs.getString(1));
            }
        }
        return messages;
    }

    private void takeDatabaseDown() {
        TestPostgres.asSuperuser("ALTER DATABASE " + db.name() + " ALLOW_CONNECTIONS false");
        TestPostgres.asSuperuser("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                + db.name() + "' AND pid <> pg_backend_pid()");
        down = true;
    }

    private void bringDatabaseBack() {
        TestPostgres.asSuperuser("ALTER DATABASE " + db.name() + " ALLOW_CONNECTIONS true");
        down = false;
    }
}
