package org.redflag.console.ui;

import javafx.scene.Node;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * Why a control is disabled, where the pointer finds it: a disabled control shows no tooltip of its own, so the
 * reason sits on a holder around it (and is the control's accessible help, for screen readers). Every button
 * that is disabled for a reason (a subsystem the agent disabled, a database role that may not) says it this way.
 */
public final class Reasons {

    /** Where {@link Tooltip#install} keeps a node's tooltip. */
    private static final String TOOLTIP_KEY = "javafx.scene.control.Tooltip";

    private Reasons() {
    }

    /** The holder to lay out in the control's place. */
    public static StackPane holder(Control control) {
        StackPane holder = new StackPane(control);
        holder.setMinWidth(Region.USE_PREF_SIZE);
        return holder;
    }

    /** Shows the reason on the holder; null takes it away. A cell calls this at every update, so the tooltip is reused. */
    public static void show(Node holder, Control control, String reason) {
        control.setAccessibleHelp(reason);
        Object installed = holder.getProperties().get(TOOLTIP_KEY);
        if (reason == null) {
            if (installed instanceof Tooltip tip) {
                Tooltip.uninstall(holder, tip);
            }
        } else if (installed instanceof Tooltip tip) {
            tip.setText(reason);
        } else {
            Tooltip.install(holder, new Tooltip(reason));
        }
    }
}
