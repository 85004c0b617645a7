package org.redflag.console.ui.migrations;

import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Migrations view's tab for the console's companion on a RedFlag database. Every action that writes shows,
 * before anything happens, the list of what it will create or drop, and runs only on OK.
 */
public final class CompanionPane extends VBox {

    private final CompanionViewModel model;
    private final Label state = new Label();
    private final ListView<String> steps = new ListView<>();
    private final Button install = new Button("Install…");
    private final Button remove = new Button("Remove…");
    private final Label pendingIndex = new Label();
    private final Button addIndex = new Button("Add 023a's index…");

    public CompanionPane(CompanionViewModel model) {
        this.model = model;
        initializeParts();
        layoutParts();
        setupBindings();
        setupEventHandlers();
    }

    private void initializeParts() {
        setId("companion-pane");
        state.setId("companion-state");
        steps.setId("companion-steps");
        install.setId("companion-install");
        remove.setId("companion-remove");
        pendingIndex.setId("companion-pending-index");
        addIndex.setId("companion-add-index");
        state.setWrapText(true);
        pendingIndex.setWrapText(true);
        steps.setPlaceholder(new Label("Nothing more to create."));
        steps.setPrefHeight(150);
    }

    private void layoutParts() {
        Label title = new Label("Console companion (optional)");
        title.getStyleClass().add("section-title");
        Label why = new Label("Live refresh and faster pages on this RedFlag database, kept in the console's own schema "
                + "redflag_console with its own Flyway history, apart from RedFlag's migrations; Remove takes all of it away.");
        why.setWrapText(true);
        why.getStyleClass().add("muted");
        HBox actions = new HBox(10, install, remove);
        actions.setAlignment(Pos.CENTER_LEFT);
        Label indexTitle = new Label("One pending scan per agent and type");
        indexTitle.getStyleClass().add("section-title");
        HBox indexActions = new HBox(10, addIndex);
        VBox.setVgrow(steps, Priority.SOMETIMES);
        getChildren().addAll(title, why, state, steps, actions, indexTitle, pendingIndex, indexActions);
        setSpacing(8);
        setPadding(new Insets(12));
    }

    private void setupBindings() {
        state.textProperty().bind(model.stateProperty());
        pendingIndex.textProperty().bind(model.pendingIndexProperty());
        steps.setItems(model.wouldCreate());
        install.disableProperty().bind(model.busyProperty().or(javafx.beans.binding.Bindings.isEmpty(model.wouldCreate())));
        remove.disableProperty().bind(model.busyProperty().or(model.installedProperty().not()));
        addIndex.disableProperty().bind(model.busyProperty().or(model.indexPresentProperty()));
    }

    private void setupEventHandlers() {
        install.setOnAction(e -> confirm("Install the console's companion", "This creates, in this RedFlag database:",
                model.wouldCreate(), model::install));
        remove.setOnAction(e -> confirm("Remove the console's companion", "This runs, one statement at a time:",
                model.removal(), model::remove));
        addIndex.setOnAction(e -> confirm("Add RedFlag 023a's index", "This runs, as RedFlag's own 023a defines it:",
                List.of(org.redflag.console.migration.Companion.ONE_PENDING_INDEX), model::addOnePendingIndex));
    }

    private void confirm(String title, String header, List<String> what, Runnable action) {
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "", ButtonType.CANCEL, ButtonType.OK);
        confirm.initOwner(getScene().getWindow());
        confirm.setTitle(title);
        confirm.setHeaderText(header);
        confirm.setContentText("• " + String.join("\n• ", what));
        confirm.getDialogPane().setId("companion-confirmation");
        confirm.getDialogPane().setPrefWidth(640);
        confirm.showAndWait().filter(ButtonType.OK::equals).ifPresent(ok -> action.run());
    }
}
