package org.redflag.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.redflag.console.app.Preferences;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The dark theme is one click away, is kept for the next start, and the console's own styles follow it. */
@ExtendWith(ApplicationExtension.class)
class ThemeWindowTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    @RegisterExtension
    final OpenConsoleWindow console = new OpenConsoleWindow();
    @TempDir
    Path dataFolder;

    @Test
    void theSwitchTurnsTheWindowDarkAndTheChoiceIsKept(FxRobot robot) throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        Fleets.insertAgentWithSubsystems(db, "web-01.prod", "linux", NOW, "storage");
        console.open(db.settings(false).withDataDirectory(dataFolder), Clock.fixed(NOW, ZoneOffset.UTC));
        Fx.showAgents(robot);
        assertThat(Themes.isDark()).isFalse();
        WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS, () -> robot.lookup(".badge").tryQuery().isPresent());
        javafx.scene.paint.Paint lightFill = robot.lookup(".badge").queryAs(Label.class).getTextFill();

        robot.clickOn("#theme-switch");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(Themes.isDark()).isTrue();
        assertThat(new Preferences(dataFolder).theme()).contains("dark");
        assertThat(Files.readString(dataFolder.resolve("preferences.properties"))).contains("theme=dark");
        // The console's own styles take their colours from the theme's palette, so a badge changes with it.
        // (Looked up again: a live reload may have given the row new cells meanwhile.)
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS, () -> robot.lookup(".badge").queryAll()
                .stream().map(n -> ((Label) n).getTextFill()).noneMatch(lightFill::equals));

        robot.clickOn("#theme-switch");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Themes.isDark()).isFalse();
        assertThat(new Preferences(dataFolder).theme()).contains("light");
    }

    @Test
    void theFirstStartFollowsTheDesktop() {
        assertThat(Preferences.systemTheme(Map.of("GTK_THEME", "Adwaita:dark"))).isEqualTo("dark");
        assertThat(Preferences.systemTheme(Map.of())).isEqualTo("light");
    }
}
