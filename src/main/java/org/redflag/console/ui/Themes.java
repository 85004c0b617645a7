package org.redflag.console.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import org.redflag.console.app.Preferences;

/**
 * Light and dark, AtlantaFX's Primer pair: the console's own styles use the theme's named colours, so both
 * read the same. The first start follows the desktop; a choice made in the window is kept in the data folder.
 */
public final class Themes {

    private Themes() {
    }

    public static void apply(String theme) {
        Application.setUserAgentStylesheet("dark".equals(theme)
                ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    public static boolean isDark() {
        return new PrimerDark().getUserAgentStylesheet().equals(Application.getUserAgentStylesheet());
    }

    /** The navigation's switch: flips the theme at once and remembers the choice. */
    static ToggleButton switchFor(Preferences preferences) {
        ToggleButton dark = new ToggleButton("Dark theme");
        dark.setId("theme-switch");
        dark.getStyleClass().add("nav-button");
        Icons.on(dark, Icons.THEME);
        dark.setMaxWidth(Double.MAX_VALUE);
        dark.setFocusTraversable(false);
        dark.setTooltip(new Tooltip("Switch between the light and the dark theme (kept for the next start)"));
        dark.setSelected(isDark());
        dark.selectedProperty().addListener((obs, was, on) -> {
            String choice = on ? "dark" : "light";
            apply(choice);
            preferences.theme(choice);
        });
        return dark;
    }
}
