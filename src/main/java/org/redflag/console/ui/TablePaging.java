package org.redflag.console.ui;

import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;

/** Keyset paging in a table: when the user scrolls to the last rows, ask for the next page. */
public final class TablePaging {

    private TablePaging() {
    }

    public static void onScrolledToEnd(TableView<?> table, Runnable loadNextPage) {
        table.skinProperty().addListener((obs, oldSkin, newSkin) -> {
            for (Node node : table.lookupAll(".scroll-bar")) {
                if (node instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL) {
                    bar.valueProperty().addListener((o, oldValue, value) -> {
                        if (value.doubleValue() >= bar.getMax() * 0.98) {
                            loadNextPage.run();
                        }
                    });
                }
            }
        });
    }

    /** The bar under a paged table: its Load more button, centred, with its icon (every list pages the same way). */
    public static HBox loadMoreFooter(Button loadMore) {
        Icons.on(loadMore, Icons.LOAD_MORE);
        HBox footer = new HBox(loadMore);
        footer.setAlignment(Pos.CENTER);
        footer.setPadding(new Insets(6));
        return footer;
    }
}
