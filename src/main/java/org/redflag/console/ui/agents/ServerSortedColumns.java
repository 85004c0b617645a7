package org.redflag.console.ui.agents;

import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import org.redflag.console.fleet.AgentOrder;
import org.redflag.console.fleet.AgentSort;

/**
 * Column headers that order the Agents list in the database: a click asks the view model for that order (a
 * second click the other way, a third back to hostname order), which reloads from the first page and pages on
 * in that order. The table itself never sorts: it holds one page of many, and its items are the view model's.
 */
final class ServerSortedColumns {

    private ServerSortedColumns() {
    }

    static void install(TableView<AgentRow> table, AgentsViewModel model, Map<TableColumn<AgentRow, ?>, AgentSort> sorts) {
        table.setSortPolicy(t -> true);
        for (TableColumn<AgentRow, ?> column : table.getColumns()) {
            column.setSortable(sorts.containsKey(column));
        }
        // A view built again (the schema arrived) shows the order the list is already in.
        AgentOrder current = model.orderProperty().get();
        sorts.forEach((column, by) -> {
            if (by == current.by() && !current.equals(AgentOrder.BY_HOSTNAME)) {
                column.setSortType(current.descending() ? TableColumn.SortType.DESCENDING : TableColumn.SortType.ASCENDING);
                table.getSortOrder().setAll(column);
            }
        });
        Runnable ordered = () -> {
            if (table.getSortOrder().size() > 1) {
                // One order at a time (a shift-click adds a column): the newest wins.
                table.getSortOrder().setAll(table.getSortOrder().get(table.getSortOrder().size() - 1));
                return;
            }
            AgentOrder order = table.getSortOrder().isEmpty() ? AgentOrder.BY_HOSTNAME
                    : new AgentOrder(sorts.get(table.getSortOrder().get(0)),
                            table.getSortOrder().get(0).getSortType() == TableColumn.SortType.DESCENDING);
            if (!order.equals(model.orderProperty().get())) {
                model.sortBy(order);
                table.scrollTo(0);
            }
        };
        table.getSortOrder().addListener((ListChangeListener<TableColumn<AgentRow, ?>>) change -> ordered.run());
        sorts.keySet().forEach(column -> column.sortTypeProperty().addListener((obs, old, now) -> {
            if (table.getSortOrder().contains(column)) {
                ordered.run();
            }
        }));
    }
}
