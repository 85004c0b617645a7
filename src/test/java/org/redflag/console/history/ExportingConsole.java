package org.redflag.console.history;

import java.nio.file.Path;
import java.util.Optional;
import org.postgresql.ds.PGSimpleDataSource;
import org.redflag.console.testing.KillableProcess;

/**
 * The History's CSV export in a process of its own, for {@link HistoryExportKillTest} to kill with SIGKILL: it
 * exports every row to the target and, once 1,000 rows are written (and at least one buffer of them is in the
 * file beside the target), says "ROWS n" and holds there, mid-export, until it is killed.
 */
public final class ExportingConsole {

    private ExportingConsole() {
    }

    public static void main(String[] args) throws Exception {
        PGSimpleDataSource database = new PGSimpleDataSource();
        database.setURL(args[0]);
        database.setUser(args[1]);
        Path target = Path.of(args[2]);
        new HistoryCsvExport(new HistoryRepository(database)).export(HistoryFilter.all(), target,
                new HistoryCsvExport.Progress() {
                    @Override
                    public void rowsWritten(long written, Optional<Long> total) {
                        if (written >= 1_000) {
                            KillableProcess.say("ROWS " + written);
                            try {
                                new java.util.concurrent.CountDownLatch(1).await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }

                    @Override
                    public boolean cancelled() {
                        return false;
                    }
                });
        KillableProcess.say("DONE");
    }
}
