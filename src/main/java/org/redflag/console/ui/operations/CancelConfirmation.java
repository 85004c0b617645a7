package org.redflag.console.ui.operations;

import java.util.List;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import org.redflag.console.operations.Operation;

/** The question before a cancel: how many commands, and which (the first of them, when there are many). */
final class CancelConfirmation {

    /** How many commands the question names one by one; the rest are counted. */
    static final int LISTED = 12;
    static final ButtonType CANCEL_THEM = new ButtonType("Cancel commands", ButtonBar.ButtonData.OK_DONE);
    static final ButtonType KEEP_THEM = new ButtonType("Keep them", ButtonBar.ButtonData.CANCEL_CLOSE);

    private CancelConfirmation() {
    }

    static boolean confirmed(Node owner, List<Operation> chosen) {
        String which = chosen.stream().limit(LISTED).map(o -> "• " + o.describe()).collect(Collectors.joining("\n"));
        if (chosen.size() > LISTED) {
            which += "\n… and " + (chosen.size() - LISTED) + " more";
        }
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, which + "\n\nA command an agent takes or finishes "
                + "before the cancel arrives is left as it is.", CANCEL_THEM, KEEP_THEM);
        confirm.setHeaderText(header(chosen.size()));
        confirm.initOwner(owner.getScene().getWindow());
        confirm.getDialogPane().setId("operations-cancel-confirmation");
        confirm.getDialogPane().lookupButton(CANCEL_THEM).setId("operations-confirm-cancel");
        return confirm.showAndWait().filter(CANCEL_THEM::equals).isPresent();
    }

    static String header(int count) {
        return "Cancel " + count + (count == 1 ? " command" : " commands") + "?";
    }
}
