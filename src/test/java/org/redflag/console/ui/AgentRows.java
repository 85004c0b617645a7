package org.redflag.console.ui;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import org.testfx.api.FxRobot;

/** The Agents view's per-row scan controls, found by the hostname of the row that shows them. */
final class AgentRows {

    private AgentRows() {
    }

    static Button scanButton(FxRobot robot, String hostname) {
        return robot.lookup(".scan-button").match(node -> showsRow(node, hostname)).queryButton();
    }

    static Label scanState(FxRobot robot, String hostname) {
        return robot.lookup(".scan-state").match(node -> showsRow(node, hostname)).queryAs(Label.class);
    }

    /** The table keeps spare cells for measuring; only a cell the user can see counts. */
    private static boolean showsRow(Node node, String hostname) {
        if (!hostname.equals(node.getUserData())) {
            return false;
        }
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return node.getParent() != null && node.getParent().getParent() instanceof TableCell<?, ?> cell && !cell.isEmpty();
    }
}
