package org.redflag.console.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.console.history.HistoryRepository;
import org.redflag.console.testing.KillableProcess;
import org.redflag.console.testing.RecordingNotifier;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/**
 * A console killed with SIGKILL while it writes its error spool: the next start writes every complete error to
 * the history, in order and once, and does not trip on a last line cut short; it says in the history (and the
 * log) that it skipped that line, which it keeps beside the spool.
 */
class ErrorSpoolKillTest {

    @TempDir
    Path dataFolder;

    @Test
    void killedAtARandomPointInABurstOfBigErrorsTheNextStartLosesNoAcknowledgedError() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        List<String> acknowledged;
        try (KillableProcess console = KillableProcess.start(SpoolingConsole.class, dataFolder.toString(), "loop")) {
            console.awaitSaid("SPOOLED 20"::equals, 2, TimeUnit.MINUTES);
            console.kill9();
            assertThat(console.exitCode()).as("died of SIGKILL").isEqualTo(137);
            acknowledged = console.said();
        }
        long bytesLeft = Files.size(ErrorSpool.in(dataFolder).file());

        ErrorReporter next = restart(db);

        List<String> messages = consoleErrors(db);
        List<String> written = messages.stream().filter(m -> m.startsWith("spooled error ")).toList();
        boolean torn = Files.exists(ErrorSpool.in(dataFolder).rejectedFile());
        System.out.printf("Spool kill -9 (random point): %d errors acknowledged before the kill, spool %d bytes, "
                + "%d written at the next start, last line cut short: %s%n", acknowledged.size(), bytesLeft,
                written.size(), torn ? "yes (skipped, kept in .rejected)" : "no");
        assertThat(written).as("every error on disk, in order, once")
                .containsExactlyElementsOf(IntStream.rangeClosed(1, written.size()).mapToObj(i -> "spooled error " + i)
                        .toList());
        assertThat(written.size()).as("nothing acknowledged is lost").isGreaterThanOrEqualTo(acknowledged.size());
        assertThat(next.waiting()).isZero();
        assertThat(messages.stream().filter(m -> m.contains("could not be read")).count()).isEqualTo(torn ? 1 : 0);
    }

    @Test
    void killedInTheMiddleOfALineTheNextStartSkipsItSaysSoAndKeepsIt() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        try (KillableProcess console = KillableProcess.start(SpoolingConsole.class, dataFolder.toString(), "torn")) {
            console.awaitSaid("MID-WRITE"::equals, 2, TimeUnit.MINUTES);
            console.kill9();
            assertThat(console.said()).startsWith("SPOOLED 1", "SPOOLED 2", "SPOOLED 3", "SPOOLED 4", "SPOOLED 5");
        }
        ErrorSpool spool = ErrorSpool.in(dataFolder);
        assertThat(spool.pending()).as("the torn line is not counted as an error waiting").isEqualTo(5);

        ErrorReporter next = restart(db);

        Path rejected = spool.rejectedFile();
        assertThat(consoleErrors(db)).containsExactly("spooled error 1", "spooled error 2", "spooled error 3",
                "spooled error 4", "spooled error 5", "1 line of the error spool could not be read (cut short when a "
                        + "console was stopped while writing it) and was skipped; it is kept in " + rejected + ".");
        assertThat(next.waiting()).isZero();
        assertThat(Files.size(spool.file())).isZero();
        assertThat(Files.readAllLines(rejected)).singleElement()
                .satisfies(line -> assertThat(line).startsWith("{\"key\":").doesNotEndWith("}"));

        // The skipped line is reported once: a later start finds nothing more to say.
        restart(db);
        assertThat(consoleErrors(db)).hasSize(6);
    }

    private ErrorReporter restart(TestDatabase db) {
        ErrorReporter next = new ErrorReporter(ErrorSpool.in(dataFolder), new RecordingNotifier(), Clock.systemUTC(),
                "kill-test", Runnable::run);
        next.attach(new HistoryRepository(db.dataSource()));
        return next;
    }

    private static List<String> consoleErrors(TestDatabase db) throws Exception {
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
}
