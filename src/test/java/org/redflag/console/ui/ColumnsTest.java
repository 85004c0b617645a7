package org.redflag.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.collections.FXCollections;
import javafx.scene.Scene;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A text cell cut short by a narrow column keeps its whole text within reach, in a tooltip. */
@ExtendWith(ApplicationExtension.class)
class ColumnsTest {

    private static final String LONG = "storage completed 12:04 — / at 71 %, /boot at 38 %, /var at 91 % (over 90 %)";

    @Start
    void start(Stage stage) {
        TableView<String> table = new TableView<>(FXCollections.observableArrayList(List.of(LONG, "ok")));
        table.getColumns().add(Columns.text("Result", 80, row -> row));
        // A badge for "ok", a dash where the row has no badge to show.
        table.getColumns().add(Columns.badge("Badge", 80, row -> row.equals("ok") ? "online" : null,
                row -> "badge-success"));
        stage.setScene(new Scene(table, 300, 120));
        stage.show();
    }

    @Test
    void aCutShortCellShowsItsWholeTextInATooltip(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();

        TableCell<?, ?> cell = robot.lookup(".table-cell").match(n -> LONG.equals(((TableCell<?, ?>) n).getItem()))
                .query();

        assertThat(cell.getTooltip()).isNotNull();
        assertThat(cell.getTooltip().getText()).isEqualTo(LONG);
    }

    @Test
    void aBadgeColumnShowsTheRowsBadgeOrADash(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();

        javafx.scene.control.Label badge = robot.lookup(".badge").queryAs(javafx.scene.control.Label.class);
        assertThat(badge.getText()).isEqualTo("online");
        assertThat(badge.getStyleClass()).containsExactly("badge", "badge-success");
        assertThat(robot.lookup(".table-cell").match(n -> "—".equals(((TableCell<?, ?>) n).getText())).tryQuery())
                .isPresent();
    }
}
