package org.redflag.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redflag.console.overview.OverviewRepository;
import org.redflag.console.schema.Capabilities;
import org.redflag.console.testing.Fleets;
import org.redflag.console.testing.HistoryRows;
import org.redflag.console.testing.TestDatabase;
import org.redflag.console.testing.TestPostgres;
import org.redflag.console.ui.overview.OverviewView;
import org.redflag.console.ui.overview.OverviewViewModel;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The Overview fills in as its figures arrive: the cheap ones (presence, commands, updates) first, each heavier one
 * (the groupings, the scans, the disks) on its own, with a placeholder until then. The background work is held and
 * released one read at a time, so the test sees every step without waiting on the clock.
 */
@ExtendWith(ApplicationExtension.class)
class OverviewFillsInTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:30:00Z");

    @Test
    void theCheapFiguresShowFirstAndEachOtherFigureFillsItsOwnPlaceholder(FxRobot robot) throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        var web = Fleets.insertAgent(db, "web-01.prod", "linux", NOW);
        Fleets.insertAgent(db, "old-01.prod", "windows", NOW.minus(Duration.ofDays(30)));
        HistoryRows.scan(db, web, NOW.minus(Duration.ofHours(1)), "storage", "failed");
        HeldExecutor held = new HeldExecutor(robot);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        OverviewViewModel model = new OverviewViewModel(new OverviewRepository(db.dataSource(),
                Capabilities.CONSOLE_SCHEMA, Duration.ofHours(2), clock), held, failure -> {
                    throw new AssertionError(failure);
                });
        FxToolkit.setupStage(stage -> {
            stage.setScene(new javafx.scene.Scene(new OverviewView(model, request -> { }, clock), 1100, 700));
            stage.show();
        });
        Fx.waitForNode(robot, "#overview-agents");

        assertThat(figure(robot, "#overview-agents")).isEqualTo("…");
        assertThat(placeholders(robot)).containsExactly("#overview-by-os", "#overview-by-version",
                "#overview-fullest", "#overview-severities", "#overview-failures");
        assertThat(held.waiting()).isEqualTo(1);

        held.runNext();
        assertThat(figure(robot, "#overview-agents")).isEqualTo("2");
        assertThat(figure(robot, "#overview-online")).isEqualTo("1");
        assertThat(figure(robot, "#overview-in-flight")).isEqualTo("0");
        assertThat(figure(robot, "#overview-updates")).isEqualTo("0");
        assertThat(placeholders(robot)).containsExactly("#overview-by-os", "#overview-by-version",
                "#overview-fullest", "#overview-failures");
        assertThat(model.loadingProperty().get()).isTrue();
        assertThat(held.waiting()).isEqualTo(4);

        held.runNext();
        assertThat(robot.lookup("#overview-os-linux").tryQuery()).isPresent();
        assertThat(placeholders(robot)).containsExactly("#overview-by-version", "#overview-fullest",
                "#overview-failures");

        held.runNext();
        assertThat(robot.lookup("#overview-version-0-1-27").tryQuery()).isPresent();
        assertThat(placeholders(robot)).containsExactly("#overview-fullest", "#overview-failures");

        assertThat(robot.lookup("#overview-hours-chart").tryQuery()).isEmpty();
        held.runNext();
        assertThat(robot.lookup("#overview-hours-chart").tryQuery()).isPresent();
        assertThat(robot.lookup("#overview-failed-storage").tryQuery()).isPresent();
        assertThat(placeholders(robot)).containsExactly("#overview-fullest");
        assertThat(model.loadingProperty().get()).isTrue();

        held.runNext();
        assertThat(figure(robot, "#overview-full-disks")).isEqualTo("0");
        assertThat(placeholders(robot)).isEmpty();
        assertThat(model.loadingProperty().get()).isFalse();
        assertThat(held.waiting()).isZero();
        FxToolkit.setupFixture(() -> javafx.stage.Window.getWindows().stream().toList().forEach(javafx.stage.Window::hide));
    }

    @Test
    void figuresReadWhileTheWindowStartedShowAtOnceAndTheFirstReadReadsOnlyTheRest(FxRobot robot) throws Exception {
        TestDatabase db = TestPostgres.newDatabase().migrated();
        Fleets.insertAgent(db, "web-01.prod", "linux", NOW);
        HeldExecutor held = new HeldExecutor(robot);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        OverviewRepository overview = new OverviewRepository(db.dataSource(), Capabilities.CONSOLE_SCHEMA,
                Duration.ofHours(2), clock);
        OverviewViewModel model = new OverviewViewModel(overview, held, failure -> {
            throw new AssertionError(failure);
        });
        var readWhileStarting = overview.firstFigures();
        robot.interact(() -> model.seed(readWhileStarting));
        FxToolkit.setupStage(stage -> {
            stage.setScene(new javafx.scene.Scene(new OverviewView(model, request -> { }, clock), 1100, 700));
            stage.show();
        });
        Fx.waitForNode(robot, "#overview-agents");

        assertThat(figure(robot, "#overview-agents")).isEqualTo("1");
        assertThat(placeholders(robot)).containsExactly("#overview-by-os", "#overview-by-version",
                "#overview-fullest", "#overview-failures");
        assertThat(held.waiting()).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            held.runNext();
        }
        assertThat(placeholders(robot)).isEmpty();
        assertThat(model.loadingProperty().get()).isFalse();
        FxToolkit.setupFixture(() -> javafx.stage.Window.getWindows().stream().toList().forEach(javafx.stage.Window::hide));
    }

    /** The lists still showing the placeholder of a figure not read yet. */
    private static List<String> placeholders(FxRobot robot) {
        return List.of("#overview-by-os", "#overview-by-version", "#overview-fullest", "#overview-severities",
                "#overview-failures").stream().filter(id -> {
                    Pane list = robot.lookup(id).queryAs(Pane.class);
                    return list.getChildren().size() == 1
                            && list.getChildren().get(0).getStyleClass().contains("overview-reading");
                }).toList();
    }

    private static String figure(FxRobot robot, String tile) {
        return robot.lookup(tile + " .tile-value").tryQuery().map(n -> ((Label) n).getText()).orElse("");
    }

    /** Holds submitted work until the test runs it, oldest first, on the test's thread; the outcome on the FX thread. */
    private static final class HeldExecutor implements BackgroundExecutor {

        private final FxRobot robot;
        private final Deque<Runnable> queued = new ArrayDeque<>();

        HeldExecutor(FxRobot robot) {
            this.robot = robot;
        }

        @Override
        public synchronized <T> void submit(Callable<T> work, Consumer<? super T> onSuccess,
                Consumer<Throwable> onFailure) {
            queued.add(() -> {
                try {
                    T result = work.call();
                    robot.interact(() -> onSuccess.accept(result));
                } catch (Exception failure) {
                    robot.interact(() -> onFailure.accept(failure));
                }
            });
        }

        synchronized int waiting() {
            return queued.size();
        }

        void runNext() {
            Runnable next;
            synchronized (this) {
                next = queued.poll();
            }
            assertThat(next).as("work waiting").isNotNull();
            next.run();
        }
    }
}
