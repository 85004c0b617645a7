package org.redflag.console.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The window's views: a button each in the navigation (Ctrl+1, Ctrl+2… by keyboard, said in its tooltip),
 * built when first shown and kept, one shown at a time in the content area.
 */
final class ViewNavigation {

    private final VBox buttons;
    private final StackPane content;
    private final ToggleGroup group = new ToggleGroup();
    private final Map<String, Node> built = new LinkedHashMap<>();
    private final List<String> names = new ArrayList<>();

    ViewNavigation(VBox buttons, StackPane content) {
        this.buttons = buttons;
        this.content = content;
    }

    /** Adds a view; {@code factory} runs the first time it is shown (and again after {@link #rebuild}). */
    void add(String name, Supplier<Node> factory) {
        ToggleButton button = new ToggleButton(name);
        button.setId("nav-" + name.toLowerCase());
        button.setToggleGroup(group);
        button.setMaxWidth(Double.MAX_VALUE);
        button.getStyleClass().add("nav-button");
        Icons.onView(button, name);
        names.add(name);
        button.setTooltip(new Tooltip(name + " (Ctrl+" + names.size() + ")"));
        button.selectedProperty().addListener((obs, was, selected) -> {
            if (selected) {
                content.getChildren().setAll(built.computeIfAbsent(name, n -> factory.get()));
            }
        });
        // Keep one view selected: clicking the current one again must not leave the window empty.
        button.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (button.isSelected()) {
                e.consume();
            }
        });
        buttons.getChildren().add(button);
    }

    void show(String name) {
        int index = names.indexOf(name);
        if (index >= 0) {
            group.getToggles().get(index).setSelected(true);
        }
    }

    /**
     * Shows the view the request names and hands it the request; a view that takes no requests (or that waits
     * for the schema) is only shown.
     */
    void open(ViewRequest request) {
        show(request.view());
        if (built.get(request.view()) instanceof RequestableView view) {
            view.open(request);
        }
    }

    /** Builds every view but {@code keep} again when next shown (the schema they waited for arrived). */
    void rebuildAllBut(String keep) {
        built.keySet().removeIf(name -> !name.equals(keep));
    }

    /** Forgets every view: the window closed their database to open another, whose views come next. */
    void clear() {
        group.getToggles().clear();
        buttons.getChildren().clear();
        built.clear();
        names.clear();
        content.getChildren().clear();
    }

    /** Ctrl+1… (Cmd on a Mac) shows the view of that number, from anywhere in the window. */
    void installShortcuts(Scene scene) {
        for (int i = 1; i <= 9; i++) {
            int index = i - 1;
            scene.getAccelerators().put(new KeyCodeCombination(KeyCode.getKeyCode(String.valueOf(i)),
                    KeyCombination.SHORTCUT_DOWN), () -> {
                        if (index < names.size()) {
                            show(names.get(index));
                        }
                    });
        }
    }
}
