package org.redflag.console.ui;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Waiting for what the window shows, since its data arrives from background threads. */
final class Fx {

    private Fx() {
    }

    /** Waits until a node matching the query is in a showing window and visible, then returns it. */
    @SuppressWarnings("unchecked")
    static <T extends Node> T waitForNode(FxRobot robot, String query) throws TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(query).tryQuery()
                .map(node -> node.isVisible() && node.getScene() != null && node.getScene().getWindow() != null
                        && node.getScene().getWindow().isShowing())
                .orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        return (T) robot.lookup(query).query();
    }

    /**
     * Shows the Agents view, once the window has opened on its first view (the Overview when the fleet has agents),
     * and returns its table: a click before that choice would be undone by it.
     */
    static <T extends Node> T showAgents(FxRobot robot) throws TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(".nav-button").queryAll().stream()
                .anyMatch(n -> ((javafx.scene.control.ToggleButton) n).isSelected()));
        robot.clickOn("#nav-agents");
        return waitForNode(robot, "#agents-table");
    }

    /**
     * Clicks in an agent's details once its reloads are over, not in the middle of one: a reload rebuilds the
     * cells, so a button found before it may no longer be on screen when the click lands.
     */
    static void clickInSettledDetails(FxRobot robot, String query) throws TimeoutException {
        javafx.scene.control.Button refresh = waitForNode(robot, "#detail-refresh");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !refresh.isDisabled()
                && robot.lookup(query).tryQuery().map(n -> n.getScene() != null).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(query);
    }
}
