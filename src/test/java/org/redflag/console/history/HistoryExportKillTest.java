package org.redflag.console.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.console.testing.KillableProcess;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;

/**
 * A console killed with SIGKILL in the middle of a CSV export never leaves a file under the target's name that
 * looks complete: the target is absent, or still the previous complete export; the rows written so far are in a
 * hidden ".partial" file beside it, which the next export does not mind.
 */
class HistoryExportKillTest {

    private static final int ROWS = 5_000;

    @TempDir
    Path folder;

    private TestDatabase db;

    @BeforeEach
    void arrange() {
        db = TestPostgres.newDatabase().migrated();
        db.execute("INSERT INTO update_logs (action, result, subsystem, stdout, stderr, executed_at) "
                + "SELECT 'scan', 'success', 'storage', repeat('disk usage line ', 20) || n, '', "
                + "now() - n * interval '1 minute' FROM generate_series(1, " + ROWS + ") AS n");
    }

    @Test
    void killedMidExportTheTargetIsStillThePreviousCompleteFile() throws Exception {
        Path target = folder.resolve("history.csv");
        String previous = "id,executed_at\r\nprevious complete export\r\n";
        Files.writeString(target, previous);

        killMidExport(target);

        assertThat(Files.readString(target)).as("the previous export, untouched").isEqualTo(previous);
        assertOnlyAHiddenPartialBeside(target);
    }

    @Test
    void killedMidExportOfANewFileNoFileHasTheTargetsName() throws Exception {
        Path target = folder.resolve("new-history.csv");

        killMidExport(target);

        assertThat(target).doesNotExist();
        assertOnlyAHiddenPartialBeside(target);

        // The next export, with the killed one's leftover beside it, completes as usual.
        HistoryCsvExport.Outcome outcome = new HistoryCsvExport(new HistoryRepository(db.dataSource()))
                .export(HistoryFilter.all(), target, new HistoryCsvExport.Progress() {
                    @Override
                    public void rowsWritten(long written, Optional<Long> total) {
                    }

                    @Override
                    public boolean cancelled() {
                        return false;
                    }
                });
        assertThat(outcome).isEqualTo(new HistoryCsvExport.Outcome(ROWS, true));
        assertThat(Files.readAllLines(target)).hasSize(ROWS + 1);
    }

    private void killMidExport(Path target) throws Exception {
        try (KillableProcess console = KillableProcess.start(ExportingConsole.class, db.url(), TestPostgres.SUPERUSER,
                target.toString())) {
            String said = console.awaitSaid(line -> line.startsWith("ROWS "), 2, TimeUnit.MINUTES);
            Path partial = partials(target).get(0);
            long partialBytes = Files.size(partial);
            console.kill9();
            System.out.printf("Export kill -9: killed after %s of %d; %d bytes in %s beside the target%n",
                    said.toLowerCase(), ROWS, partialBytes, partial.getFileName());
            assertThat(partialBytes).as("rows were being written when it died").isPositive();
            assertThat(console.said()).doesNotContain("DONE");
        }
    }

    private void assertOnlyAHiddenPartialBeside(Path target) throws Exception {
        List<Path> partials = partials(target);
        assertThat(partials).singleElement().satisfies(partial -> {
            assertThat(partial.getFileName().toString()).startsWith(".").endsWith(".partial")
                    .isNotEqualTo(target.getFileName().toString());
            assertThat(Files.readString(partial)).startsWith(String.join(",", HistoryCsvExport.HEADER));
        });
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .filteredOn(name -> name.equals(target.getFileName().toString())
                            || !name.startsWith(".") && name.contains(target.getFileName().toString()))
                    .hasSizeLessThanOrEqualTo(1);
        }
    }

    private List<Path> partials(Path target) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().startsWith("." + target.getFileName())
                    && p.getFileName().toString().endsWith(".partial")).toList();
        }
    }
}
