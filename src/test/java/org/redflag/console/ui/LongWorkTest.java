package org.redflag.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.errors.ErrorSpool;
import org.redflag.console.fleet.Agent;
import org.redflag.console.fleet.AgentRepository;
import org.redflag.console.history.HistoryRepository;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.HistoryRows;
import org.redflag.console.testing.RecordingNotifier;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;
import org.redflag.console.ui.history.HistoryViewModel;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** Long work (CSV exports here) has threads of its own: however much of it runs, a page load never waits behind it. */
@ExtendWith(ApplicationExtension.class)
class LongWorkTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final FxBackgroundExecutor executor = new FxBackgroundExecutor();

    @TempDir
    Path folder;

    @AfterEach
    void closeExecutor() {
        executor.close();
    }

    @Test
    void fourExportsStuckOnTheHistoryLeaveAnAgentsPageLoadFree() throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        HistoryRows.scan(db, Fleets.insertAgent(db, "web-01.prod", "linux", NOW), NOW, "storage", "success");
        ErrorReporter errors = new ErrorReporter(ErrorSpool.in(folder), new RecordingNotifier(), clock, "test",
                Runnable::run);
        HistoryRepository history = new HistoryRepository(db.dataSource());
        errors.attach(history);
        List<HistoryViewModel> views = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            views.add(new HistoryViewModel(history, executor, clock, errors, null));
        }
        CompletableFuture<List<Agent>> page = new CompletableFuture<>();

        // Someone holds the history table (a long VACUUM FULL, say): every export waits for it.
        try (Connection holder = db.dataSource().getConnection(); Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("LOCK TABLE update_logs IN ACCESS EXCLUSIVE MODE");
            try {
                FxToolkit.setupFixture(() -> {
                    for (int i = 0; i < views.size(); i++) {
                        views.get(i).exportCsv(folder.resolve("export-" + i + ".csv"));
                    }
                });
                WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> db.queryLong("SELECT count(*) FROM pg_locks l "
                        + "JOIN pg_database d ON d.oid = l.database AND d.datname = current_database() "
                        + "WHERE NOT l.granted AND l.relation = 'update_logs'::regclass") > 0);

                executor.submit(() -> new AgentRepository(db.dataSource()).page("", null, 50), page::complete,
                        page::completeExceptionally);

                assertThat(page.get(20, TimeUnit.SECONDS)).extracting(Agent::hostname).containsExactly("web-01.prod");
                assertThat(views).allMatch(v -> v.exportingProperty().get(), "the exports are still waiting");
            } finally {
                holder.commit();
            }
        }
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> views.stream().noneMatch(v -> v.exportingProperty().get()));
        assertThat(folder.resolve("export-3.csv")).exists();
    }
}
