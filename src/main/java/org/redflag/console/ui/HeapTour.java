package org.redflag.console.ui;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --heap-tour FILE}: browses the real window as a user would (every view in turn, "Load more" until ten
 * pages are on screen where a view pages), then writes the heap the window holds to FILE and closes it. The
 * benchmark runs it on the fleet it generated, so the window's memory is measured, not the repositories'.
 *
 * <p>It drives the window from the outside (navigation buttons, tables, buttons whose id ends in
 * {@code -load-more}), so a view added later is toured without a line here.
 */
public final class HeapTour {

    private static final Logger LOG = LoggerFactory.getLogger(HeapTour.class);
    static final int PAGES = 10;
    /** A view that shows no table, or whose rows stop growing, is left after this long. */
    private static final long PATIENCE_MS = 60_000;
    private static final long SETTLE_MS = 1_500;
    /** A view without a table (or with no rows) gets this long to show what it shows. */
    private static final long EMPTY_VIEW_MS = 5_000;

    private final Stage stage;
    private final Path report;
    private final Timeline ticks;
    private final Map<String, Integer> rowsPerView = new LinkedHashMap<>();
    private List<ToggleButton> pending;
    private String view;
    private int pagesLoaded;
    private int rowsSeen = -1;
    private long shownAt;
    private long stableSince;
    private boolean awaitingPage;
    private int rowsAtLoadMore;
    private long loadMoreAt;

    private HeapTour(Stage stage, Path report) {
        this.stage = stage;
        this.report = report;
        this.ticks = new Timeline(new KeyFrame(Duration.millis(100), e -> step()));
        ticks.setCycleCount(Timeline.INDEFINITE);
    }

    /** Starts the tour once the window is showing; it ends by closing the window (and so the console). */
    public static void start(Stage stage, Path report) {
        new HeapTour(stage, report).ticks.play();
    }

    private void step() {
        long now = System.currentTimeMillis();
        if (pending == null) {
            List<ToggleButton> buttons = navigationButtons();
            if (!buttons.isEmpty()) {
                pending = new ArrayList<>(buttons); // connected: the views are registered
                next(now);
            }
            return;
        }
        int rows = currentTable().map(t -> t.getItems().size()).orElse(0);
        if (rows != rowsSeen) {
            rowsSeen = rows;
            stableSince = now;
        }
        if (awaitingPage) {
            if (rows > rowsAtLoadMore) {
                awaitingPage = false;
            } else if (now - loadMoreAt > PATIENCE_MS) {
                LOG.warn("The heap tour gave up waiting for a page of {}", view);
                leaveView(now, rows);
            }
            return;
        }
        Optional<Button> more = loadMore();
        if (more.isPresent() && !more.get().isDisabled() && pagesLoaded < PAGES && rows > 0
                && now - stableSince > 200) {
            pagesLoaded++;
            awaitingPage = true;
            rowsAtLoadMore = rows;
            loadMoreAt = now;
            more.get().fire();
            return;
        }
        boolean settled = rows > 0 ? now - stableSince > SETTLE_MS : now - shownAt > EMPTY_VIEW_MS;
        if (settled) {
            leaveView(now, rows);
        }
    }

    private void leaveView(long now, int rows) {
        rowsPerView.put(view, rows);
        next(now);
    }

    private void next(long now) {
        if (pending.isEmpty()) {
            ticks.stop();
            finish();
            return;
        }
        ToggleButton button = pending.remove(0);
        view = button.getText();
        button.setSelected(true);
        pagesLoaded = 1;
        rowsSeen = -1;
        awaitingPage = false;
        shownAt = now;
        stableSince = now;
    }

    private void finish() {
        long used = usedHeapAfterGc();
        long max = Runtime.getRuntime().maxMemory();
        StringBuilder text = new StringBuilder();
        text.append("heap_used_bytes=").append(used).append('\n');
        text.append("heap_max_bytes=").append(max).append('\n');
        rowsPerView.forEach((name, rows) -> text.append("rows.").append(name.replaceAll("\\W", "_")).append('=')
                .append(rows).append('\n'));
        try {
            Path partial = report.resolveSibling(report.getFileName() + ".partial");
            Files.writeString(partial, text);
            Files.move(partial, report, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.error("The heap tour could not write {}", report, e);
        }
        System.out.printf("window heap after the tour: %,.1f MB used (rows on screen: %s)%n", used / 1048576.0,
                rowsPerView);
        stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST));
    }

    /** What the window keeps: the heap used after collections, so garbage does not count. */
    static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private List<ToggleButton> navigationButtons() {
        List<ToggleButton> buttons = new ArrayList<>();
        if (stage.getScene() != null) {
            for (Node node : stage.getScene().getRoot().lookupAll(".nav-button")) {
                // Views only: the theme switch wears the same style.
                if (node instanceof ToggleButton button && button.getId() != null && button.getId().startsWith("nav-")) {
                    buttons.add(button);
                }
            }
        }
        return buttons;
    }

    private Optional<Parent> content() {
        return Optional.ofNullable(stage.getScene()).map(scene -> scene.getRoot().lookup(".content"))
                .filter(Parent.class::isInstance).map(Parent.class::cast);
    }

    private Optional<TableView<?>> currentTable() {
        return content().flatMap(c -> c.lookupAll(".table-view").stream()
                .filter(TableView.class::isInstance).filter(Node::isVisible)
                .<TableView<?>>map(node -> (TableView<?>) node).findFirst());
    }

    private Optional<Button> loadMore() {
        return content().flatMap(c -> c.lookupAll(".button").stream()
                .filter(Button.class::isInstance).map(Button.class::cast)
                .filter(b -> b.getId() != null && b.getId().endsWith("-load-more") && b.isVisible())
                .findFirst());
    }
}
