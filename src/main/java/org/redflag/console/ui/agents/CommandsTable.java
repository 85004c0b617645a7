package org.redflag.console.ui.agents;

import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.MouseButton;
import org.redflag.console.scan.AgentCommand;
import org.redflag.console.schema.DatabaseRole;
import org.redflag.console.ui.Columns;
import org.redflag.console.ui.Formats;
import org.redflag.console.ui.Reasons;
import org.redflag.console.ui.TextWindow;

/**
 * An agent's newest commands with what can be done to each: the row's button for the mouse, and for the
 * keyboard Enter (the whole result), Delete (cancel) and Ctrl+R (retry) on the selected row; the context menu
 * lists the same with their keys. What the database role may not do is disabled everywhere, the button saying why.
 */
final class CommandsTable {

    static final KeyCombination SHOW_RESULT = new KeyCodeCombination(KeyCode.ENTER);
    static final KeyCombination CANCEL = new KeyCodeCombination(KeyCode.DELETE);
    static final KeyCombination RETRY = new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN);

    private final AgentDetailViewModel model;
    private final TableView<AgentCommand> table;

    private CommandsTable(AgentDetailViewModel model, TableView<AgentCommand> table) {
        this.model = model;
        this.table = table;
    }

    static void equip(AgentDetailViewModel model, TableView<AgentCommand> table) {
        new CommandsTable(model, table).equip();
    }

    private void equip() {
        table.getColumns().addAll(
                Columns.text("Scan of", 70, AgentCommand::what),
                statusColumn(),
                actionColumn(),
                Columns.text("Created", 60, c -> Formats.clockTime(c.createdAt(), model.clock())),
                Columns.text("Sent", 60, c -> Formats.clockTime(c.sentAt(), model.clock())),
                Columns.text("Finished", 65, c -> Formats.clockTime(c.completedAt(), model.clock())),
                Columns.text("Result", 160, c -> c.summary() == null ? "" : c.summary()));
        table.setOnKeyPressed(e -> {
            AgentCommand chosen = table.getSelectionModel().getSelectedItem();
            if (chosen != null && act(chosen, e)) {
                e.consume();
            }
        });
        table.setRowFactory(t -> {
            TableRow<AgentCommand> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    showResult(row.getItem());
                }
            });
            row.itemProperty().addListener((obs, old, command) ->
                    row.setContextMenu(command == null ? null : menu(command)));
            return row;
        });
    }

    private boolean act(AgentCommand command, javafx.scene.input.KeyEvent key) {
        if (SHOW_RESULT.match(key)) {
            showResult(command);
        } else if (CANCEL.match(key) && command.status().isActive() && mayCancel()) {
            model.cancel(command);
        } else if (RETRY.match(key) && command.status().isRetryable() && mayRetry()) {
            model.retry(command);
        } else {
            return false;
        }
        return true;
    }

    private ContextMenu menu(AgentCommand command) {
        MenuItem result = item("Show the whole result", SHOW_RESULT, () -> showResult(command));
        result.setDisable(command.summary() == null || command.summary().isBlank());
        MenuItem cancel = item("Cancel", CANCEL, () -> model.cancel(command));
        cancel.setDisable(!command.status().isActive() || !mayCancel());
        MenuItem retry = item("Retry", RETRY, () -> model.retry(command));
        retry.setDisable(!command.status().isRetryable() || !mayRetry());
        return new ContextMenu(result, cancel, retry);
    }

    private boolean mayCancel() {
        return model.refusal(DatabaseRole.Action.CANCEL).isEmpty();
    }

    private boolean mayRetry() {
        return model.refusal(DatabaseRole.Action.RETRY).isEmpty();
    }

    private static MenuItem item(String text, KeyCombination keys, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setAccelerator(keys);
        item.setOnAction(e -> action.run());
        return item;
    }

    private void showResult(AgentCommand command) {
        if (command.summary() == null || command.summary().isBlank()) {
            return;
        }
        TextWindow.show(table.getScene().getWindow(), command.what() + " on " + model.hostname() + ": "
                + command.status().label(), command.summary());
    }

    private static TableColumn<AgentCommand, AgentCommand> statusColumn() {
        return Columns.badge("Status", 90, command -> command.status().label(), command -> switch (command.status()) {
            case COMPLETED -> "badge-success";
            case FAILED, TIMED_OUT -> "badge-danger";
            case CANCELLED -> "badge-muted";
            default -> "badge-warning";
        });
    }

    private TableColumn<AgentCommand, AgentCommand> actionColumn() {
        TableColumn<AgentCommand, AgentCommand> column = Columns.row("Action", 75);
        column.setMinWidth(75);
        column.setCellFactory(c -> new TableCell<>() {
            private final Button action = new Button();
            private final javafx.scene.layout.StackPane holder = Reasons.holder(action);

            {
                action.getStyleClass().add("small");
                // Out of the tab order, like every row button: the keys above act on the selected row.
                action.setFocusTraversable(false);
                action.setOnAction(e -> {
                    AgentCommand command = getItem();
                    if (command.status().isActive()) {
                        model.cancel(command);
                    } else {
                        model.retry(command);
                    }
                });
            }

            @Override
            protected void updateItem(AgentCommand command, boolean empty) {
                super.updateItem(command, empty);
                boolean offered = !empty && command != null
                        && (command.status().isActive() || command.status().isRetryable());
                if (!offered) {
                    setGraphic(null);
                    return;
                }
                action.setText(command.status().isActive() ? "Cancel" : "Retry");
                action.setTooltip(new javafx.scene.control.Tooltip(command.status().isActive()
                        ? "Cancel this command (Delete)" : "Queue it again (Ctrl+R)"));
                String refused = model.refusal(command.status().isActive() ? DatabaseRole.Action.CANCEL
                        : DatabaseRole.Action.RETRY).orElse(null);
                action.setDisable(refused != null);
                Reasons.show(holder, action, refused);
                setGraphic(holder);
            }
        });
        return column;
    }
}
