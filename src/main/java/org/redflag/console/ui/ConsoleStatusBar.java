package org.redflag.console.ui;

import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import org.controlsfx.control.StatusBar;
import org.redflag.console.live.LiveChanges;
import org.redflag.console.schema.DatabaseRole;

/**
 * The window's status bar: which database (or what it waits for) and as which role, errors waiting offline on the left; the
 * schema, the agent count and whether changes arrive live on the right. The window says what happened; this
 * says it in the bar's words.
 */
final class ConsoleStatusBar extends StatusBar {

    private final Label connectionLabel = new Label("not connected");
    private final Label roleLabel = new Label();
    private final Label schemaLabel = new Label();
    private final Label agentCountLabel = new Label();
    private final Label spoolLabel = new Label();
    private final Label liveLabel = new Label();

    ConsoleStatusBar() {
        initializeParts();
        layoutParts();
    }

    private void initializeParts() {
        connectionLabel.setId("status-connection");
        roleLabel.setId("status-role");
        roleLabel.getStyleClass().add("muted");
        // The bar lays its left items side by side without a gap: the role is a second fact, not the address's tail.
        roleLabel.setPadding(new javafx.geometry.Insets(0, 0, 0, 12));
        schemaLabel.setId("status-schema");
        agentCountLabel.setId("status-agents");
        spoolLabel.setId("status-spool");
        spoolLabel.getStyleClass().add("status-spool");
        spoolLabel.setVisible(false);
        spoolLabel.setManaged(false);
        liveLabel.setId("status-live");
    }

    private void layoutParts() {
        setId("status-bar");
        setText("");
        getLeftItems().addAll(connectionLabel, roleLabel, spoolLabel);
        getRightItems().addAll(schemaLabel, new Separator(Orientation.VERTICAL),
                agentCountLabel, new Separator(Orientation.VERTICAL), liveLabel);
    }

    /** What the window is doing to get a database: starting the embedded one or connecting. */
    void showConnecting(String what) {
        connectionLabel.setText(what);
    }

    void showConnected(String database) {
        connectionLabel.setText("● " + database);
        connectionLabel.getStyleClass().setAll("label", "status-connected");
    }

    /** Connected, and as which database role: "as viewer: read-only", with what it may not do in the tooltip. */
    void showConnected(String database, DatabaseRole role) {
        showConnected(database);
        roleLabel.setText(role.summary());
        roleLabel.setTooltip(new Tooltip(role.explanation()));
    }

    /** The health check finds the database away; the connected text comes back with showConnected. */
    void showDatabaseAway() {
        connectionLabel.setText("● database unreachable — retrying");
        connectionLabel.getStyleClass().setAll("label", "status-disconnected");
    }

    void showNotConnected() {
        connectionLabel.setText("not connected");
    }

    /** The window is leaving its database for another: nothing of the old one's facts stays. */
    void forgetDatabase() {
        connectionLabel.getStyleClass().setAll("label");
        roleLabel.setText("");
        roleLabel.setTooltip(null);
        schemaLabel.setText("");
        agentCountLabel.setText("");
        liveLabel.setText("");
        liveLabel.setTooltip(null);
    }

    void showSchema(String schema) {
        schemaLabel.setText(schema);
    }

    /** What the schema label says now, for sentences that quote it. */
    String schemaText() {
        return schemaLabel.getText();
    }

    /** @param agents the count, or negative when the schema cannot say */
    void showAgents(long agents) {
        agentCountLabel.setText(agents < 0 ? "agents: —" : agents + (agents == 1 ? " agent" : " agents"));
    }

    /** Errors waiting in the spool mean the history is offline; the label is only there while they wait. */
    void showSpool(int waiting) {
        spoolLabel.setText(waiting == 0 ? "" : "offline — " + waiting + (waiting == 1 ? " error" : " errors") + " waiting");
        spoolLabel.setVisible(waiting > 0);
        spoolLabel.setManaged(waiting > 0);
    }

    void showLiveMode(LiveChanges.Mode mode) {
        boolean live = mode == LiveChanges.Mode.LIVE;
        liveLabel.setText(live ? "live" : "polling");
        liveLabel.setTooltip(new Tooltip(live
                ? "Changes appear as the database announces them"
                : "No live connection: views look for changes every few seconds"));
        liveLabel.getStyleClass().setAll("label", live ? "status-connected" : "muted");
    }
}
