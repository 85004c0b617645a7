package org.redflag.console.ui;

import java.util.Map;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Labeled;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Every icon of the window comes from one library (Feather, through Ikonli) and is chosen here, so one action has
 * one picture everywhere. Icons are fonts: they take the text colour, so they follow the light and dark themes.
 */
public final class Icons {

    /** The picture of each view in the navigation, by the view's name. */
    private static final Map<String, Ikon> VIEWS = Map.of(
            "Overview", Feather.GRID,
            "Agents", Feather.SERVER,
            "Operations", Feather.ACTIVITY,
            "Updates", Feather.DOWNLOAD_CLOUD,
            "History", Feather.CLOCK,
            "Migrations", Feather.LAYERS);

    public static final Ikon REFRESH = Feather.REFRESH_CW;
    public static final Ikon LOAD_MORE = Feather.CHEVRONS_DOWN;
    public static final Ikon SCAN = Feather.PLAY;
    public static final Ikon DETAILS = Feather.INFO;
    public static final Ikon EXPORT = Feather.SAVE;
    public static final Ikon CANCEL = Feather.X_CIRCLE;
    public static final Ikon RETRY = Feather.ROTATE_CCW;
    public static final Ikon ARCHIVE = Feather.ARCHIVE;
    public static final Ikon INSTALL = Feather.DOWNLOAD;
    public static final Ikon THEME = Feather.MOON;
    public static final Ikon CONNECT = Feather.LINK;

    private Icons() {
    }

    public static FontIcon of(Ikon ikon) {
        FontIcon icon = new FontIcon(ikon);
        icon.getStyleClass().add("console-icon");
        return icon;
    }

    /** Puts the icon before the control's text; the text stays, so the action is read, not guessed. */
    public static <T extends Labeled> T on(T control, Ikon ikon) {
        control.setGraphic(of(ikon));
        return control;
    }

    /** The view's navigation icon, or none for a view that has no picture yet. */
    static void onView(ButtonBase button, String view) {
        Ikon ikon = VIEWS.get(view);
        if (ikon != null) {
            on(button, ikon);
        }
    }
}
