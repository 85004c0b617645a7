package org.redflag.console.ui;

import atlantafx.base.controls.CustomTextField;
import javafx.scene.Cursor;
import javafx.scene.control.Label;

/**
 * A search box with a clear mark, styled by the console's theme. (ControlsFX's clearable field brings a
 * stylesheet that fights AtlantaFX's looked-up colours and loses its border.)
 */
public final class SearchField extends CustomTextField {

    public SearchField(String prompt) {
        setPromptText(prompt);
        getStyleClass().add("search-field");
        Label clear = new Label("✕");
        clear.getStyleClass().add("search-clear");
        clear.setCursor(Cursor.HAND);
        clear.setOnMouseClicked(e -> {
            clear();
            requestFocus();
        });
        clear.visibleProperty().bind(textProperty().isNotEmpty());
        setRight(clear);
    }
}
