package org.redflag.console.ui;

import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.redflag.console.app.ConnectionChoice;

/**
 * Which database to open: the embedded demo and the saved profiles, each with its colour, where it is, as whom
 * and whether it is read-only. Arrow keys move, Enter (or a double click) connects, Escape cancels.
 */
final class ConnectionPicker {

    static final ButtonType CONNECT = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);

    private ConnectionPicker() {
    }

    /**
     * @param current the choice to start on (the window's database), or any other name for the first
     * @param cancel  what Cancel does, said on its button ("Quit" at start, "Cancel" in the window)
     */
    static Dialog<ConnectionChoice> of(Window owner, List<ConnectionChoice> choices, String current, String cancel) {
        Dialog<ConnectionChoice> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("redflag-console");
        dialog.setHeaderText("Connect to which database?");
        ListView<ConnectionChoice> list = new ListView<>();
        list.setId("connection-choices");
        list.getItems().setAll(choices);
        list.setCellFactory(view -> new ChoiceCell());
        list.setPrefSize(560, Math.min(8, choices.size()) * 52 + 8);
        int start = Math.max(0, choices.stream().map(ConnectionChoice::name).toList().indexOf(current));
        list.getSelectionModel().select(start);
        ButtonType cancelButton = new ButtonType(cancel, ButtonBar.ButtonData.CANCEL_CLOSE);
        dialog.getDialogPane().getButtonTypes().addAll(CONNECT, cancelButton);
        dialog.getDialogPane().setContent(list);
        dialog.getDialogPane().setId("connection-picker");
        dialog.getDialogPane().lookupButton(CONNECT).setId("picker-connect");
        dialog.getDialogPane().lookupButton(CONNECT).disableProperty()
                .bind(list.getSelectionModel().selectedItemProperty().isNull());
        list.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2
                    && list.getSelectionModel().getSelectedItem() != null) {
                dialog.setResult(list.getSelectionModel().getSelectedItem());
                dialog.close();
            }
        });
        // The list takes Enter and Escape for editing cells, so the dialog's buttons would never hear them.
        list.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                ((Button) dialog.getDialogPane().lookupButton(e.getCode() == KeyCode.ENTER ? CONNECT : cancelButton))
                        .fire();
            }
        });
        dialog.setResultConverter(button -> button == CONNECT ? list.getSelectionModel().getSelectedItem() : null);
        dialog.setOnShown(e -> {
            list.requestFocus();
            list.scrollTo(start);
        });
        return dialog;
    }

    /** Name in its colour, read-only badge, then where and as whom in a smaller line. */
    private static final class ChoiceCell extends ListCell<ConnectionChoice> {
        @Override
        protected void updateItem(ConnectionChoice choice, boolean empty) {
            super.updateItem(choice, empty);
            setText(null);
            if (empty || choice == null) {
                setGraphic(null);
                return;
            }
            Region swatch = new Region();
            swatch.setMinSize(14, 14);
            swatch.setMaxSize(14, 14);
            swatch.setStyle("-fx-background-radius: 3; -fx-background-color: "
                    + choice.colour().orElse("transparent") + "; -fx-border-color: #90a4ae; -fx-border-radius: 3;");
            Label name = new Label(choice.name());
            name.setStyle("-fx-font-weight: bold;");
            HBox title = new HBox(8, swatch, name);
            title.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            if (choice.readOnly()) {
                Label badge = new Label("read-only");
                badge.getStyleClass().add("muted");
                badge.setStyle("-fx-border-color: #90a4ae; -fx-border-radius: 3; -fx-padding: 0 6 0 6;");
                title.getChildren().add(badge);
            }
            Label where = new Label(choice.user().isEmpty() ? choice.location()
                    : choice.location() + "  ·  as " + choice.user());
            where.getStyleClass().add("muted");
            HBox.setHgrow(where, Priority.ALWAYS);
            VBox box = new VBox(2, title, where);
            box.setPadding(new Insets(3, 4, 3, 4));
            setGraphic(box);
            // A long URL or folder is cut with "…" rather than scrolling the list sideways; the tooltip has it whole.
            setPrefWidth(0);
            setTooltip(new javafx.scene.control.Tooltip(where.getText()));
        }
    }
}
