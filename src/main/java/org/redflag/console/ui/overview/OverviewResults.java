package org.redflag.console.ui.overview;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.redflag.console.history.HistoryFilter;
import org.redflag.console.overview.FullDisks;
import org.redflag.console.overview.PendingUpdates;
import org.redflag.console.overview.ScanActivity;
import org.redflag.console.ui.Navigator;
import org.redflag.console.ui.history.HistoryRequest;
import org.redflag.console.ui.updates.UpdatesRequest;

/**
 * What the last scans found: disks over 90 %, pending updates by severity, and failed scans of the week by
 * subsystem. A card says "not in this schema" where the database keeps no such data.
 */
final class OverviewResults extends VBox {

    private final Navigator navigator;
    private final Clock clock;
    private final Tile fullDisks = new Tile("overview-full-disks", "Disks over " + FullDisks.THRESHOLD_PERCENT + " %",
            "tile-danger");
    private final VBox fullest = new VBox(2);
    private final Tile updates = new Tile("overview-updates", "Pending updates", "tile-accent");
    private final VBox severities = new VBox(2);
    private final VBox failures = new VBox(2);

    OverviewResults(Navigator navigator, Clock clock) {
        this.navigator = navigator;
        this.clock = clock;
        fullest.setId("overview-fullest");
        severities.setId("overview-severities");
        failures.setId("overview-failures");
        for (VBox list : java.util.List.of(fullest, severities, failures)) {
            list.getChildren().setAll(reading());
        }
        getChildren().setAll(OverviewView.columns(
                OverviewView.card("Storage", new VBox(8, fullDisks, fullest)),
                OverviewView.card("Updates", new VBox(8, updates, severities)),
                OverviewView.card("Failed scans, last 7 days", failures)));
        fullDisks.setOnAction(e -> navigator.open(new HistoryRequest(
                new HistoryFilter(null, "", "storage", "", weekStart(), null, "", false))));
        updates.setOnAction(e -> navigator.open(new UpdatesRequest(null, null)));
    }

    /** The parts read since {@code before}; the others stay as they are (a placeholder until first read). */
    void show(OverviewFigures before, OverviewFigures figures) {
        if (OverviewView.arrived(before.disks(), figures.disks())) {
            showDisks(figures);
        }
        if (OverviewView.arrived(before.updates(), figures.updates())) {
            showUpdates(figures);
        }
        if (OverviewView.arrived(before.scans(), figures.scans())) {
            showFailures(figures.scans());
        }
    }

    /** The placeholder of a list whose figure is not read yet. */
    static Label reading() {
        Label label = muted("…");
        label.getStyleClass().add("overview-reading");
        return label;
    }

    private void showDisks(OverviewFigures figures) {
        if (figures.disks().isEmpty()) {
            notInSchema(fullDisks, fullest, "This database keeps no storage figures (RedFlag before 021).");
            return;
        }
        FullDisks disks = figures.disks().get();
        fullDisks.setDisable(false);
        fullDisks.show(OverviewView.number(disks.disks()), "on " + OverviewView.number(disks.agents()) + " agents, "
                + "by their newest storage scan", "Open the storage scans of the last 7 days in History");
        fullest.getChildren().setAll(disks.fullest().stream().map(disk -> {
            Button row = Tile.row(("overview-disk-" + disk.hostname() + disk.mountpoint()).replaceAll("[^A-Za-z0-9_-]", "-"),
                    disk.hostname() + "  " + disk.mountpoint(), disk.usedPercent().longValue(), 100,
                    disk.usedPercent().stripTrailingZeros().toPlainString() + " %",
                    "Open " + disk.hostname() + "'s storage scans in History");
            row.setOnAction(e -> navigator.open(new HistoryRequest(
                    new HistoryFilter(null, disk.hostname(), "storage", "", null, null, "", false))));
            return row;
        }).toList());
        if (disks.disks() == 0) {
            fullest.getChildren().setAll(muted("No disk is that full."));
        }
    }

    private void showUpdates(OverviewFigures figures) {
        if (figures.updates().isEmpty()) {
            notInSchema(updates, severities, "This database keeps no package state.");
            return;
        }
        PendingUpdates pending = figures.updates().get();
        String approximately = pending.estimated() ? "≈ " : "";
        updates.setDisable(false);
        updates.show(approximately + OverviewView.number(pending.total()), "on " + approximately
                + OverviewView.number(pending.agents()) + " agents", "Open every pending update");
        long whole = Math.max(1, pending.total());
        severities.getChildren().setAll(pending.bySeverity().entrySet().stream().map(e -> {
            Button row = Tile.row("overview-severity-" + e.getKey(), e.getKey(), e.getValue(), whole,
                    approximately + OverviewView.number(e.getValue()), "Open the " + e.getKey() + " updates");
            row.getStyleClass().add("severity-" + e.getKey());
            row.setOnAction(ev -> navigator.open(new UpdatesRequest(e.getKey(), null)));
            return row;
        }).toList());
    }

    private void showFailures(ScanActivity scans) {
        Instant from = scans.days().isEmpty() ? weekStart() : scans.days().get(0).start();
        Instant until = scans.days().isEmpty() ? null : scans.days().get(scans.days().size() - 1).end();
        long whole = Math.max(1, scans.weekCount(null, "failed"));
        failures.getChildren().setAll(scans.subsystems().stream()
                .map(subsystem -> {
                    long failed = scans.weekCount(subsystem, "failed");
                    long all = scans.weekCount(subsystem, null);
                    Button row = Tile.row("overview-failed-" + subsystem, subsystem, failed, whole,
                            OverviewView.number(failed) + " of " + OverviewView.number(all),
                            "Open the failed " + subsystem + " scans of the last 7 days in History");
                    row.setOnAction(e -> navigator.open(new HistoryRequest(
                            new HistoryFilter(null, "", subsystem, "failed", from, until, "", false))));
                    return row;
                }).toList());
        if (failures.getChildren().isEmpty()) {
            failures.getChildren().setAll(muted("No scans in the last 7 days."));
        }
    }

    private static void notInSchema(Tile tile, VBox list, String why) {
        tile.show("—", "not in this schema", why);
        tile.setDisable(true);
        list.getChildren().setAll(muted(why));
    }

    private Instant weekStart() {
        return LocalDate.now(clock).minusDays(6).atStartOfDay(clock.getZone()).toInstant();
    }

    static Label muted(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("muted");
        label.setWrapText(true);
        return label;
    }

    /** "2 h", "90 min": the command timeout as the tiles say it. */
    static String span(Duration duration) {
        return duration.toMinutesPart() == 0 && duration.toHours() > 0 ? duration.toHours() + " h"
                : duration.toMinutes() + " min";
    }
}
