package org.redflag.console.ui;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;

/** Table columns the way the console's tables use them: fixed order from SQL, so never sortable by the user. */
public final class Columns {

    private Columns() {
    }

    /** A column of text computed from the row. */
    public static <T> TableColumn<T, String> text(String title, double width, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setSortable(false);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return showingWholeText(column);
    }

    /** Cells that, cut short by a narrow column, show their whole text in a tooltip. */
    public static <T> TableColumn<T, String> showingWholeText(TableColumn<T, String> column) {
        column.setCellFactory(c -> new WholeTextCell<>());
        return column;
    }

    /** A text cell that a column too narrow for its text cuts with "…": its tooltip holds the whole text. */
    private static final class WholeTextCell<T> extends TableCell<T, String> {
        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            setText(empty ? null : text);
            setTooltip(empty || text == null || text.isEmpty() ? null : new Tooltip(text));
        }
    }

    /**
     * A column whose cells show a coloured badge ("online", "failed", "FALSE COMPLETE"): the text and its style
     * class (badge-success, badge-warning, badge-danger, badge-muted) come from the row; a null text shows a dash.
     */
    public static <T> TableColumn<T, T> badge(String title, double width, Function<T, String> text,
            Function<T, String> styleClass) {
        TableColumn<T, T> column = row(title, width);
        column.setCellFactory(c -> new BadgeCell<>(text, styleClass));
        return column;
    }

    /** The one badge cell: its label is made once and restyled as the cell shows other rows. */
    private static final class BadgeCell<T> extends TableCell<T, T> {
        private final Function<T, String> text;
        private final Function<T, String> styleClass;
        private final javafx.scene.control.Label badge = new javafx.scene.control.Label();

        BadgeCell(Function<T, String> text, Function<T, String> styleClass) {
            this.text = text;
            this.styleClass = styleClass;
        }

        @Override
        protected void updateItem(T item, boolean empty) {
            super.updateItem(item, empty);
            String label = empty || item == null ? null : text.apply(item);
            setText(!empty && item != null && label == null ? "—" : null);
            if (label == null) {
                setGraphic(null);
                return;
            }
            badge.setText(label);
            badge.getStyleClass().setAll("badge", styleClass.apply(item));
            setGraphic(badge);
        }
    }

    /** A column whose cells get the whole row, for cells with buttons or badges; add a cell factory. */
    public static <T> TableColumn<T, T> row(String title, double width) {
        TableColumn<T, T> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setSortable(false);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        return column;
    }
}
