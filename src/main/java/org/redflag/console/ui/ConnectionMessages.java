package org.redflag.console.ui;

import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.redflag.console.db.ConnectionProblem;

/**
 * What the window shows while it has no database: that it is waiting for one, or why it could not open it,
 * with a retry in the window and a dialog that asks for the password or offers retry and quit.
 */
final class ConnectionMessages {

    private final Stage stage;
    private final StackPane content;

    ConnectionMessages(Stage stage, StackPane content) {
        this.stage = stage;
        this.content = content;
    }

    void showWaiting(String text) {
        showMessage(new ProgressIndicator(), text);
    }

    /** No database yet, by choice: the picker was cancelled or is open; its button opens it again. */
    void showChoosing(Runnable choose) {
        Button connectTo = new Button("Connect to…");
        connectTo.setOnAction(e -> choose.run());
        showMessage(connectTo, "Choose the database to connect to.");
    }

    /**
     * @param retry connects again as before
     * @param retryWithPassword connects again with the password the user typed
     * @param chooseAnother the connection picker, for another database instead
     */
    void showFailure(ConnectionProblem problem, Runnable retry, Consumer<char[]> retryWithPassword,
            Runnable chooseAnother) {
        Button retryButton = new Button("Retry");
        retryButton.setOnAction(e -> retry.run());
        Label message = new Label(problem.getMessage());
        message.setWrapText(true);
        message.setMaxWidth(560);
        message.setId("connection-problem-message");
        showMessage(retryButton, ConnectionDialogs.headline(problem.kind()));
        ((VBox) content.getChildren().get(0)).getChildren().add(1, message);

        if (problem.passwordMightHelp()) {
            var dialog = ConnectionDialogs.password(stage, problem);
            dialog.setOnHidden(e -> {
                char[] typed = dialog.getResult();
                if (typed != null) {
                    retryWithPassword.accept(typed);
                }
            });
            dialog.show();
            return;
        }
        var alert = ConnectionDialogs.problem(stage, problem);
        alert.setOnHidden(e -> {
            if (alert.getResult() == ConnectionDialogs.RETRY) {
                retry.run();
            } else if (alert.getResult() == ConnectionDialogs.CONNECT_TO) {
                chooseAnother.run();
            } else if (alert.getResult() == ConnectionDialogs.QUIT) {
                stage.close();
            }
        });
        alert.show();
    }

    private void showMessage(Node graphic, String text) {
        Label label = new Label(text);
        label.getStyleClass().add("placeholder-title");
        label.setWrapText(true);
        label.setMaxWidth(560);
        VBox box = new VBox(16, label, graphic);
        box.setAlignment(Pos.CENTER);
        VBox.setVgrow(box, Priority.ALWAYS);
        content.getChildren().setAll(box);
    }
}
