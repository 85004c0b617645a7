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
        awaitRow(robot, ".scan-button", hostname);
        return robot.lookup(".scan-button").match(node -> showsRow(node, hostname)).queryButton();
    }

    static Label scanState(FxRobot robot, String hostname) {
        awaitRow(robot, ".scan-state", hostname);
        return robot.lookup(".scan-state").match(node -> showsRow(node, hostname)).queryAs(Label.class);
    }

    /** A live reload re-lays the rows out: for a pulse, no cell may show the agent. */
    private static void awaitRow(FxRobot robot, String query, String hostname) {
        try {
            org.testfx.util.WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS,
                    () -> robot.lookup(query).match(node -> showsRow(node, hostname)).tryQuery().isPresent());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no row shows " + hostname + " within 20 s", e);
        }
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
        // The button sits in a holder that shows its tooltip when it is disabled: the cell is a few parents up.
        Node parent = node.getParent();
        for (int up = 0; up < 3 && parent != null; up++, parent = parent.getParent()) {
            if (parent instanceof TableCell<?, ?> cell) {
                return !cell.isEmpty();
            }
        }
        return false;
    }

    /** The tooltip a row's scan button shows (on its holder, as a disabled button shows none), or null. */
    static javafx.scene.control.Tooltip scanTooltip(FxRobot robot, String hostname) {
        Node holder = scanButton(robot, hostname).getParent();
        return (javafx.scene.control.Tooltip) holder.getProperties().get("javafx.scene.control.Tooltip");
    }
}
