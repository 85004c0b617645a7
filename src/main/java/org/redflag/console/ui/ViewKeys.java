package org.redflag.console.ui;

import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.Pane;

/**
 * The keys every view answers the same way: Ctrl+F goes to the shown view's search, F5 refreshes it. A view
 * takes part by marking its search box and its refresh button with these style classes.
 */
public final class ViewKeys {

    public static final String SEARCH = "view-search";
    public static final String REFRESH = "view-refresh";

    private ViewKeys() {
    }

    static void install(Scene scene, Pane shownView) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), () -> {
            Node search = shownView.lookup("." + SEARCH);
            if (search != null) {
                search.requestFocus();
            }
        });
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), () -> {
            if (shownView.lookup("." + REFRESH) instanceof ButtonBase refresh && !refresh.isDisabled()) {
                refresh.fire();
            }
        });
    }

    /** The tooltip a refresh button shows, naming its key. */
    public static Tooltip refreshTip() {
        return new Tooltip("Read it again from the database (F5)");
    }
}
