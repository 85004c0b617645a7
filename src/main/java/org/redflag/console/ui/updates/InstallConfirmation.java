package org.redflag.console.ui.updates;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;
import org.redflag.console.updates.PackageGroup;
import org.redflag.console.updates.UpdatesRepository;

/** The question before an install is queued: how many agents, which package and version, which command. */
final class InstallConfirmation {

    private InstallConfirmation() {
    }

    /** @param selected the agents chosen in the list; 0 means every agent of the group */
    static boolean confirmed(Window owner, PackageGroup group, int selected) {
        long agents = selected > 0 ? selected : group.agents();
        String count = String.format("%,d %s", agents, agents == 1 ? "agent" : "agents");
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, text(group, selected), ButtonType.OK, ButtonType.CANCEL);
        confirm.setHeaderText("Install " + group.name() + " on " + count);
        confirm.initOwner(owner);
        confirm.getDialogPane().setId("updates-install-confirmation");
        return confirm.showAndWait().filter(ButtonType.OK::equals).isPresent();
    }

    static String text(PackageGroup group, int selected) {
        long agents = selected > 0 ? selected : group.agents();
        String which = selected > 0 ? String.format("the %,d selected %s", agents, agents == 1 ? "agent" : "agents")
                : String.format("every agent that has it pending (%,d)", agents);
        return String.format("""
                Queue the command %s on %s:
                package %s (%s), severity %s, version %s.
                Each agent gets it once: agents with an install of this package queued keep it, and an agent with \
                another package's install queued is left as it is until that one is taken.""",
                UpdatesRepository.INSTALL_COMMAND, which, group.name(), group.packageType(), group.severity(),
                group.versionsText());
    }
}
