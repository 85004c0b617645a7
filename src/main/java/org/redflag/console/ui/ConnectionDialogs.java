package org.redflag.console.ui;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.redflag.console.db.ConnectionProblem;

/** The dialogs of start-up: what went wrong with the database, and the password prompt. */
final class ConnectionDialogs {

    static final ButtonType RETRY = new ButtonType("Retry", ButtonBar.ButtonData.OK_DONE);
    static final ButtonType QUIT = new ButtonType("Quit", ButtonBar.ButtonData.CANCEL_CLOSE);
    /** Another database instead: the connection picker. */
    static final ButtonType CONNECT_TO = new ButtonType("Connect to…", ButtonBar.ButtonData.LEFT);

    private ConnectionDialogs() {
    }

    /** A non-blocking dialog with the one-paragraph explanation; Retry, another database, or Quit. */
    static Alert problem(Window owner, ConnectionProblem problem) {
        Alert alert = new Alert(Alert.AlertType.ERROR, problem.getMessage(), RETRY, CONNECT_TO, QUIT);
        alert.initOwner(owner);
        alert.setTitle("redflag-console");
        alert.setHeaderText(headline(problem.kind()));
        alert.getDialogPane().setId("connection-problem");
        alert.getDialogPane().setMinWidth(520);
        return alert;
    }

    /** A password prompt that explains why it is asking. */
    static Dialog<char[]> password(Window owner, ConnectionProblem problem) {
        Dialog<char[]> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("redflag-console");
        dialog.setHeaderText("Database password");
        PasswordField field = new PasswordField();
        field.setId("password-field");
        Label reason = new Label(problem.getMessage());
        reason.setWrapText(true);
        reason.setMaxWidth(460);
        dialog.getDialogPane().setContent(new VBox(10, reason, field));
        dialog.getDialogPane().setId("password-dialog");
        ButtonType connect = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(connect, QUIT);
        dialog.setResultConverter(button -> button == connect ? field.getText().toCharArray() : null);
        dialog.setOnShown(e -> field.requestFocus());
        return dialog;
    }

    static String headline(ConnectionProblem.Kind kind) {
        return switch (kind) {
            case BAD_URL, BAD_OPTION -> "The database settings are not valid";
            case UNREACHABLE, UNKNOWN_HOST -> "Cannot reach the database server";
            case PASSWORD_REQUIRED, AUTHENTICATION_FAILED -> "The database did not accept the login";
            case NO_SUCH_DATABASE -> "The database does not exist";
            case TLS -> "The secure connection to the database failed";
            case DATA_DIR_NOT_WRITABLE, DATA_DIR_IN_USE, PORT_IN_USE, EMBEDDED_START_FAILED ->
                    "The embedded database could not start";
            case SCHEMA_MIGRATION_FAILED -> "The schema could not be migrated";
            case OTHER -> "Cannot open the database";
        };
    }
}
