package org.redflag.console.ui;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** What the Agents and History views say on a database that does not (yet) have the console's schema. */
final class SchemaNotReadyPane {

    private SchemaNotReadyPane() {
    }

    static Node of(String view, String schemaText, Runnable openMigrations) {
        Label title = new Label("This database does not have the console's schema yet");
        title.getStyleClass().add("placeholder-title");
        Label why = new Label("The " + view + " view reads the console's own tables, and this database is at "
                + schemaText + ". Nothing has been changed in it. Open Migrations to see what is there, "
                + "to audit a legacy RedFlag schema, or to migrate it; this view opens once the schema is up to date.");
        why.setWrapText(true);
        why.setMaxWidth(620);
        why.setId("schema-not-ready");
        Button open = new Button("Open Migrations");
        open.setOnAction(e -> openMigrations.run());
        VBox box = new VBox(14, title, why, open);
        box.setAlignment(Pos.CENTER);
        return box;
    }
}
