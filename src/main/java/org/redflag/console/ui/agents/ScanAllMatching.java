package org.redflag.console.ui.agents;

import java.util.function.Supplier;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.redflag.console.ui.Reasons;

/**
 * "Scan all matching…": the chosen scan on every agent the search matches, however many (the list shows a
 * page of them), after a confirmation that names the number. Where the database cannot do it in one statement,
 * or the role may not queue commands, the button is disabled and says why.
 */
final class ScanAllMatching {

    private ScanAllMatching() {
    }

    /**
     * @param search   the search the list shows (blank: the whole fleet)
     * @param narrowed whether filters besides the search narrow the list: the statement follows the search only,
     *                 so it is disabled rather than scan agents the list does not show
     */
    static Node control(AgentScansViewModel scans, Supplier<String> search, ObservableBooleanValue narrowed) {
        Button button = new Button("Scan all matching…");
        button.setId("scan-all-matching");
        button.setMinWidth(Region.USE_PREF_SIZE);
        StackPane holder = Reasons.holder(button);
        scans.allMatchingUnavailable().ifPresentOrElse(reason -> {
            button.setDisable(true);
            Reasons.show(holder, button, reason);
        }, () -> {
            String tip = "Scan every agent the search matches, not only the rows shown (one statement in the database)";
            button.disableProperty().bind(narrowed);
            button.setTooltip(new Tooltip(tip));
            narrowed.addListener((obs, was, now) -> Reasons.show(holder, button, now
                    ? "Scan all matching follows the hostname search only: set the filters to Any first" : null));
        });
        button.setOnAction(e -> {
            String filter = search.get();
            scans.countMatching(filter, count -> {
                if (confirmed(button, scans, filter, count)) {
                    scans.scanAllMatching(filter);
                }
            });
        });
        return holder;
    }

    private static boolean confirmed(Node owner, AgentScansViewModel scans, String filter, long count) {
        String subsystem = scans.subsystemProperty().get().toString();
        String which = filter == null || filter.isBlank() ? "every agent of the fleet"
                : "every agent whose hostname contains \"" + filter.strip() + "\"";
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, String.format(
                "Queue a %s scan on %s: %,d %s? Agents that have one queued already keep it; agents with %s "
                        + "disabled are left out.", subsystem, which, count, count == 1 ? "agent" : "agents", subsystem),
                ButtonType.OK, ButtonType.CANCEL);
        confirm.setHeaderText(String.format("Scan %s on %,d %s", subsystem, count, count == 1 ? "agent" : "agents"));
        confirm.initOwner(owner.getScene().getWindow());
        confirm.getDialogPane().setId("scan-all-matching-confirmation");
        return count > 0 && confirm.showAndWait().filter(ButtonType.OK::equals).isPresent();
    }
}
