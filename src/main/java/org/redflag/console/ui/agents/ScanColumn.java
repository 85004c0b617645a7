package org.redflag.console.ui.agents;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.binding.StringBinding;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import org.redflag.console.fleet.Agent;
import org.redflag.console.scan.Subsystem;
import org.redflag.console.ui.Columns;
import org.redflag.console.ui.Reasons;

/**
 * A scan button per row for the chosen subsystem, and what became of each scan asked for. A subsystem
 * the agent has disabled, or a database role that may not queue commands, is not offered: the button is
 * disabled and says why.
 */
final class ScanColumn {

    private ScanColumn() {
    }

    /** Why the agent cannot scan the subsystem, or null when it can. */
    static String unavailable(Agent agent, Subsystem subsystem) {
        if (subsystem == null || agent.scans(subsystem.id())) {
            return null;
        }
        return subsystem.id() + " is disabled on " + agent.hostname() + ": enable it in the agent's configuration";
    }

    static TableColumn<AgentRow, AgentRow> create(AgentScansViewModel scans) {
        TableColumn<AgentRow, AgentRow> column = Columns.row("Scan", 280);
        column.setCellFactory(c -> new ScanCell(scans));
        return column;
    }

    private static final class ScanCell extends TableCell<AgentRow, AgentRow> {

        private final AgentScansViewModel scans;
        private final Button scan = new Button();
        private final StackPane holder = Reasons.holder(scan);
        private final Label state = new Label();
        // The line is cut short when several subsystems were asked for: the tooltip has one request per line.
        private final Tooltip stateTip = new Tooltip();
        private final HBox box = new HBox(8, holder, state);
        private ObjectBinding<RowScans> rowState;
        private StringBinding reason;

        ScanCell(AgentScansViewModel scans) {
            this.scans = scans;
            scan.getStyleClass().addAll("scan-button", "small");
            // Out of the tab order: cells are reused for other agents as the list reloads, so a focused row
            // button could end up on an agent nobody chose. Rows are reached with the arrows and scanned
            // with Ctrl+Enter (Scan selected).
            scan.setFocusTraversable(false);
            scan.setMinWidth(Region.USE_PREF_SIZE);
            scan.textProperty().bind(Bindings.concat("Scan ", scans.subsystemProperty()));
            holder.getStyleClass().add("scan-button-holder");
            state.getStyleClass().add("scan-state");
            box.setAlignment(Pos.CENTER_LEFT);
            // Clicks that land beside a disabled scan button must not add up to a double click that
            // opens the agent's details over the list.
            addEventHandler(javafx.scene.input.MouseEvent.MOUSE_CLICKED, javafx.event.Event::consume);
            scan.setOnAction(e -> {
                if (getItem() != null && why(getItem()) == null) {
                    scans.scan(getItem());
                }
            });
        }

        @Override
        protected void updateItem(AgentRow row, boolean empty) {
            super.updateItem(row, empty);
            scan.disableProperty().unbind();
            state.textProperty().unbind();
            stateTip.textProperty().unbind();
            state.tooltipProperty().unbind();
            state.setTooltip(null);
            if (rowState != null) {
                rowState.dispose();
                rowState = null;
            }
            if (reason != null) {
                reason.dispose();
                reason = null;
            }
            showReason(null);
            if (empty || row == null) {
                setGraphic(null);
                return;
            }
            rowState = Bindings.valueAt(scans.states(), row.agent().id());
            var current = rowState;
            reason = Bindings.createStringBinding(() -> why(row), scans.subsystemProperty());
            var why = reason;
            why.addListener((obs, old, text) -> showReason(text));
            showReason(why.get());
            scan.disableProperty().bind(Bindings.createBooleanBinding(
                    () -> why.get() != null
                            || current.get() != null && current.get().busy(scans.subsystemProperty().get()),
                    current, why, scans.subsystemProperty()));
            state.textProperty().bind(Bindings.createStringBinding(
                    () -> current.get() == null ? "" : current.get().text(), current));
            stateTip.textProperty().bind(Bindings.createStringBinding(
                    () -> current.get() == null ? "" : current.get().lines(), current));
            state.tooltipProperty().bind(Bindings.createObjectBinding(
                    () -> current.get() == null || current.get().requests().isEmpty() ? null : stateTip, current));
            scan.setUserData(row.agent().hostname());
            state.setUserData(row.agent().hostname());
            holder.setUserData(row.agent().hostname());
            setGraphic(box);
        }

        /** The role's refusal first: whatever the subsystem, this console may not queue the scan. */
        private String why(AgentRow row) {
            return scans.scanRefusal().orElseGet(() -> unavailable(row.agent(), scans.subsystemProperty().get()));
        }

        private void showReason(String text) {
            Reasons.show(holder, scan, text);
        }
    }
}
