package org.redflag.console.ui.overview;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A figure that opens what it counts: a big number, what it is, a line of detail. A button, so Tab reaches it and
 * Enter or Space opens it like a click.
 */
final class Tile extends Button {

    private final Label value = new Label("…");
    private final Label detail = new Label();

    Tile(String id, String caption, String accent) {
        setId(id);
        getStyleClass().addAll("tile", accent);
        value.getStyleClass().add("tile-value");
        Label name = new Label(caption);
        name.getStyleClass().add("tile-caption");
        detail.getStyleClass().add("tile-detail");
        VBox text = new VBox(2, name, value, detail);
        text.setAlignment(Pos.TOP_LEFT);
        setGraphic(text);
        setAlignment(Pos.TOP_LEFT);
        setMaxWidth(Double.MAX_VALUE);
        setMinWidth(150);
    }

    void show(String figure, String line, String tip) {
        value.setText(figure);
        detail.setText(line);
        setTooltip(tip == null ? null : new Tooltip(tip));
    }

    String figure() {
        return value.getText();
    }

    /**
     * One line of a list that opens what it counts: a name, a bar as long as its share of {@code whole}, a count.
     */
    static Button row(String id, String name, long count, long whole, String countText, String tip) {
        Label label = new Label(name);
        label.getStyleClass().add("share-name");
        // A long hostname is cut with "…" (the tooltip has it whole): the card never pushes the row wider.
        label.setMinWidth(40);
        Region bar = new Region();
        bar.getStyleClass().add("share-bar");
        double fraction = whole <= 0 ? 0 : Math.min(1, (double) count / whole);
        bar.setPrefWidth(Math.max(2, 120 * fraction));
        bar.setMaxWidth(Region.USE_PREF_SIZE);
        bar.setMinWidth(Region.USE_PREF_SIZE);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Label figure = new Label(countText);
        figure.getStyleClass().add("share-count");
        figure.setMinWidth(Region.USE_PREF_SIZE);
        HBox line = new HBox(8, label, gap, bar, figure);
        line.setAlignment(Pos.CENTER_LEFT);
        Button button = new Button();
        button.setId(id);
        button.getStyleClass().add("share-row");
        button.setGraphic(line);
        button.setMaxWidth(Double.MAX_VALUE);
        line.prefWidthProperty().bind(button.widthProperty().subtract(16));
        button.setTooltip(new Tooltip(tip));
        return button;
    }
}
