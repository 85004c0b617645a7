package org.redflag.console.ui;

import java.util.Optional;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.redflag.console.profiles.ConnectionProfile;

/**
 * The band across the top of the window that names the connection profile in its colour, so a window on
 * production cannot be taken for one on staging; a read-only profile wears a badge that says so.
 */
public final class ProfileBar {

    /** For a profile without a colour of its own: still a band, in a neutral slate. */
    private static final String NO_COLOUR = "#37474f";

    private ProfileBar() {
    }

    /** The bar for the window's top, or null (no bar) when the console was not opened through a profile. */
    public static Node of(Optional<ConnectionProfile> profile) {
        return profile.map(ProfileBar::bar).orElse(null);
    }

    private static Node bar(ConnectionProfile profile) {
        Color background = Color.web(profile.colourIfSet().orElse(NO_COLOUR));
        String text = readsDark(background) ? "#000000" : "#ffffff";
        Label name = new Label(profile.name());
        name.setId("profile-name");
        name.setStyle("-fx-text-fill: " + text + "; -fx-font-weight: bold; -fx-font-size: 15px;");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Label caption = new Label("Profile");
        caption.setStyle("-fx-text-fill: " + text + ";");
        HBox bar = new HBox(12, caption, name, gap);
        if (profile.readOnly()) {
            Label badge = new Label("read-only");
            badge.setId("profile-read-only");
            // The badge inverts the bar's colours so it stands out on any background.
            badge.setStyle("-fx-background-color: " + text + "; -fx-text-fill: " + toHex(background)
                    + "; -fx-font-weight: bold; -fx-padding: 2 8 2 8; -fx-background-radius: 3;");
            bar.getChildren().add(badge);
        }
        bar.setId("profile-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 14, 6, 14));
        bar.setStyle("-fx-background-color: " + toHex(background) + ";");
        return bar;
    }

    /**
     * Black text on light colours, white on dark, by relative luminance (WCAG): the threshold where both give
     * the same contrast ratio.
     */
    static boolean readsDark(Color background) {
        double luminance = 0.2126 * linear(background.getRed()) + 0.7152 * linear(background.getGreen())
                + 0.0722 * linear(background.getBlue());
        return luminance > 0.179;
    }

    private static double linear(double channel) {
        return channel <= 0.03928 ? channel / 12.92 : Math.pow((channel + 0.055) / 1.055, 2.4);
    }

    private static String toHex(Color colour) {
        return String.format("#%02x%02x%02x", Math.round(colour.getRed() * 255), Math.round(colour.getGreen() * 255),
                Math.round(colour.getBlue() * 255));
    }
}
