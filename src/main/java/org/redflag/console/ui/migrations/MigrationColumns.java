package org.redflag.console.ui.migrations;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableColumn;

/**
 * The columns of the Migrations view's tables, shared by the record and the audit tab. Unlike the console's
 * {@code Columns}, these stay sortable: a few dozen migrations sort well in memory.
 */
final class MigrationColumns {

    private MigrationColumns() {
    }

    /** A column of text computed from the row. */
    static <T> TableColumn<T, String> text(String title, double width, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return org.redflag.console.ui.Columns.showingWholeText(column);
    }

    /** A column whose cells show a coloured badge; sortable by its text, like the others here. */
    static <T> TableColumn<T, T> badge(String title, double width, Function<T, String> text,
            Function<T, String> styleClass) {
        TableColumn<T, T> column = org.redflag.console.ui.Columns.badge(title, width, text, styleClass);
        column.setSortable(true);
        column.setComparator(java.util.Comparator.comparing(item -> String.valueOf(text.apply(item))));
        return column;
    }
}
