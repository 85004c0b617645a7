package org.redflag.console.ui.migrations;

import java.time.Clock;
import javafx.application.Platform;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.ui.BackgroundExecutor;

/**
 * Builds the Migrations view for what the database is: the console's Flyway history and audit for its own
 * schema; RedFlag's own record, the audit and the console's optional companion for a RedFlag database.
 */
public final class MigrationsScreen {

    private MigrationsScreen() {
    }

    public static MigrationsView build(ConsoleContext context, BackgroundExecutor executor, Clock clock,
            ErrorReporter errors, Runnable afterSchemaChange) {
        MigrationsViewModel model = new MigrationsViewModel(context.migrations(), context.legacyAudit(),
                context.database().describe(), executor, Platform::runLater, clock, errors, afterSchemaChange);
        model.refresh();
        MigrationsView view = new MigrationsView(model);
        context.companion().ifPresent(companion -> {
            view.recordTabTitle("RedFlag migrations");
            CompanionViewModel companionModel = new CompanionViewModel(companion, executor, errors, () -> {
                context.schemaChanged();
                Platform.runLater(afterSchemaChange);
            });
            companionModel.refresh();
            view.addTab("Console companion", "tab-companion", new CompanionPane(companionModel));
        });
        return view;
    }
}
