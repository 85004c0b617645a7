package org.redflag.console.ui.overview;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.redflag.console.history.HistoryFilter;
import org.redflag.console.overview.ScanActivity;
import org.redflag.console.ui.Navigator;
import org.redflag.console.ui.history.HistoryRequest;

/**
 * The scans of the last 24 hours (per hour) and the last 7 days (per day), each bar stacked by result, for every
 * subsystem or the one chosen. A bar's part opens the History filtered to exactly those rows: its subsystem, its
 * result, its hour or day.
 */
final class OverviewCharts extends VBox {

    /** Stacked in this order, bottom up; the colours follow it (console.css). */
    static final List<String> RESULTS = List.of("success", "partial", "failed");

    private final Navigator navigator;
    private final Clock clock;
    private final ToggleGroup subsystems = new ToggleGroup();
    private final HBox choices = new HBox(4);
    private final StackedBarChart<String, Number> hours = chart("overview-hours-chart");
    private final StackedBarChart<String, Number> days = chart("overview-days-chart");
    private final Label totals = new Label();
    private final HBox charts;
    private ScanActivity shown;

    OverviewCharts(Navigator navigator, Clock clock) {
        this.navigator = navigator;
        this.clock = clock;
        choices.setId("overview-subsystems");
        choices.setAlignment(Pos.CENTER_LEFT);
        totals.setId("overview-scan-totals");
        totals.getStyleClass().add("muted");
        totals.setText("…");
        HBox.setHgrow(hours, Priority.ALWAYS);
        HBox.setHgrow(days, Priority.ALWAYS);
        hours.setTitle("Last 24 hours, per hour (hour of day)");
        days.setTitle("Last 7 days, per day");
        charts = new HBox(12, hours, days);
        // Fixed preferences that share the extra width: a preference bound to the row's own width grew the row
        // by the gap at every layout pass.
        hours.setPrefWidth(560);
        days.setPrefWidth(400);
        hours.setMinWidth(300);
        days.setMinWidth(220);
        HBox top = new HBox(12, choices, totals);
        top.setAlignment(Pos.CENTER_LEFT);
        setSpacing(8);
        // The charts join the scene with their first figures: styling and laying out two charts is most of the
        // Overview's first layout, which should not hold back the figures that are read first.
        Label reading = OverviewResults.reading();
        reading.setMinHeight(260);
        getChildren().setAll(top, reading);
        subsystems.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null && old != null) {
                old.setSelected(true);
            } else if (shown != null) {
                draw();
            }
        });
    }

    private static StackedBarChart<String, Number> chart(String id) {
        CategoryAxis x = new CategoryAxis();
        NumberAxis y = new NumberAxis();
        y.setMinorTickVisible(false);
        y.setTickLabelFormatter(new NumberAxis.DefaultFormatter(y) {
            @Override
            public String toString(Number value) {
                return value.doubleValue() == Math.rint(value.doubleValue()) ? OverviewView.number(value.longValue()) : "";
            }
        });
        StackedBarChart<String, Number> chart = new StackedBarChart<>(x, y);
        chart.setId(id);
        chart.setAnimated(false);
        chart.setLegendVisible(true);
        chart.setCategoryGap(3);
        chart.setPrefHeight(260);
        chart.setMinHeight(220);
        chart.setVerticalGridLinesVisible(false);
        chart.getStyleClass().add("overview-chart");
        return chart;
    }

    void show(ScanActivity activity) {
        this.shown = activity;
        if (!getChildren().contains(charts)) {
            getChildren().set(1, charts);
        }
        String chosen = selectedSubsystem();
        choices.getChildren().clear();
        subsystems.getToggles().clear();
        choices.getChildren().add(choice("All subsystems", null, chosen == null));
        for (String subsystem : activity.subsystems()) {
            choices.getChildren().add(choice(subsystem, subsystem, subsystem.equals(chosen)));
        }
        if (subsystems.getSelectedToggle() == null) {
            subsystems.getToggles().get(0).setSelected(true);
        }
        draw();
    }

    private ToggleButton choice(String label, String subsystem, boolean selected) {
        ToggleButton button = new ToggleButton(label);
        button.setId("overview-subsystem-" + (subsystem == null ? "all" : subsystem));
        button.setUserData(subsystem);
        button.getStyleClass().add("subsystem-choice");
        button.setToggleGroup(subsystems);
        button.setSelected(selected);
        return button;
    }

    private String selectedSubsystem() {
        return subsystems.getSelectedToggle() == null ? null : (String) subsystems.getSelectedToggle().getUserData();
    }

    private void draw() {
        String subsystem = selectedSubsystem();
        fill(hours, "hour", shown.hours(), subsystem, DateTimeFormatter.ofPattern("HH", Locale.ROOT));
        fill(days, "day", shown.days(), subsystem, DateTimeFormatter.ofPattern("EEE d", Locale.getDefault()));
        long day = shown.dayCount(subsystem, null);
        long week = shown.weekCount(subsystem, null);
        long failed = shown.weekCount(subsystem, "failed");
        totals.setText(OverviewView.number(day) + " in 24 h · " + OverviewView.number(week) + " in 7 days · "
                + OverviewView.number(failed) + " failed this week");
    }

    private void fill(StackedBarChart<String, Number> chart, String unit, List<ScanActivity.Bucket> bars,
            String subsystem, DateTimeFormatter label) {
        chart.getData().clear();
        List<String> categories = bars.stream()
                .map(b -> ZonedDateTime.ofInstant(b.start(), clock.getZone()).format(label)).toList();
        ((CategoryAxis) chart.getXAxis()).setCategories(javafx.collections.FXCollections.observableArrayList(categories));
        for (String result : RESULTS) {
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            series.setName(result);
            for (int i = 0; i < bars.size(); i++) {
                ScanActivity.Bucket bar = bars.get(i);
                long count = bar.count(subsystem, result);
                XYChart.Data<String, Number> data = new XYChart.Data<>(categories.get(i), count);
                StackPane node = new StackPane();
                node.setId("overview-" + unit + "-" + i + "-" + result);
                String what = OverviewView.number(count) + " " + result + " " + (subsystem == null ? "" : subsystem + " ")
                        + "scans, " + categories.get(i);
                Tooltip.install(node, new Tooltip(what + ": open them in History"));
                node.setOnMouseClicked(e -> navigator.open(new HistoryRequest(
                        new HistoryFilter(null, "", subsystem, result, bar.start(), bar.end(), "", false))));
                node.getStyleClass().add("scan-bar");
                data.setNode(node);
                series.getData().add(data);
            }
            chart.getData().add(series);
        }
    }
}
