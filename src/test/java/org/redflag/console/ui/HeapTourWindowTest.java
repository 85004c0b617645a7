package org.redflag.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * {@code --heap-tour} (what {@code bench --window-heap} runs) browses the real window: ten pages where a view
 * pages, every view shown, and the heap written where it was asked, so the benchmark's figure is the window's.
 */
@ExtendWith(ApplicationExtension.class)
class HeapTourWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    @RegisterExtension
    final OpenConsoleWindow console = new OpenConsoleWindow();
    @TempDir
    Path folder;

    @Test
    void theTourLoadsTenPagesOfAgentsAndHistoryAndWritesTheHeap(FxRobot robot) throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        int rows = HeapTour.PAGES * 200 + 150;
        db.execute("INSERT INTO agents (hostname, os_type, last_seen) SELECT 'host-' || lpad(i::text, 5, '0'), 'linux', "
                + "'2026-11-27T11:59:00Z' FROM generate_series(1, " + rows + ") i");
        db.execute("INSERT INTO update_logs (agent_id, action, result, subsystem, executed_at) SELECT id, 'scan', "
                + "'success', 'storage', '2026-11-27T11:00:00Z'::timestamptz - (row_number() OVER ()) * interval '1 s' "
                + "FROM agents");
        ConsoleWindow window = console.open(db.settings(false).withDataDirectory(folder), Clock.fixed(NOW, ZoneOffset.UTC));
        Path report = folder.resolve("heap.properties");

        org.testfx.api.FxToolkit.setupFixture(() -> HeapTour.start(window.stage(), report));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> Files.exists(report));

        Properties figures = new Properties();
        try (Reader reader = Files.newBufferedReader(report)) {
            figures.load(reader);
        }
        assertThat(Long.parseLong(figures.getProperty("heap_used_bytes"))).isPositive();
        // Ten pages of 200 and no more, though more are there: the tour stops where the benchmark says it does.
        assertThat(figures.getProperty("rows.Agents")).isEqualTo(String.valueOf(HeapTour.PAGES * 200));
        assertThat(figures.getProperty("rows.History")).isEqualTo(String.valueOf(HeapTour.PAGES * 200));
        assertThat(figures.stringPropertyNames()).contains("rows.Migrations").noneMatch(k -> k.contains("theme"));
    }
}
