package org.redflag.console.ui;

import javafx.scene.control.Label;

/**
 * The line above the views while the database does not answer: the views keep what they read, so the admin
 * must be told that it may be out of date and why changes are refused, not left to guess from a dot.
 */
final class DatabaseBanner extends Label {

    static final String TEXT = "The database does not answer. What you see was read before and may be out of "
            + "date; scans and other changes are refused until it answers again. The console retries by itself.";

    DatabaseBanner() {
        super(TEXT);
        setId("database-banner");
        getStyleClass().add("database-banner");
        setWrapText(true);
        setMaxWidth(Double.MAX_VALUE);
        showAway(false);
    }

    void showAway(boolean away) {
        setVisible(away);
        setManaged(away);
    }
}
