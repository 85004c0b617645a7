package org.redflag.console.ui.migrations;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import javafx.application.Platform;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.app.DatabaseAudit;
import org.redflag.console.db.DatabaseTarget;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.schema.DatabaseRole;
import org.redflag.console.ui.BackgroundExecutor;

/**
 * Builds the Migrations view for what the database is: the console's Flyway history and audit for its own
 * schema; RedFlag's own record, the audit and the console's optional companion for a RedFlag database.
 */
public final class MigrationsScreen {

    /** See {@link #scriptsFolderFromEnvironment()}. */
    public static final String SCRIPTS_FOLDER_VARIABLE = "REDFLAG_MIGRATIONS_DIR";

    /** The demo's own schema is clean; the audit is worth seeing on a record that lies. */
    static final String DEMO_AUDIT_HINT = "The demo fleet's schema is what its record claims, so its audit finds "
            + "nothing. To see the audit catch a lying record, start the console with --post-mortem-demo: a "
            + "RedFlag database in the state the post-mortem found.";

    private MigrationsScreen() {
    }

    public static MigrationsView build(ConsoleContext context, BackgroundExecutor executor, Clock clock,
            ErrorReporter errors, Runnable afterSchemaChange) {
        MigrationsViewModel model = new MigrationsViewModel(context.migrations(), context.database().describe(),
                executor, Platform::runLater, clock, errors, afterSchemaChange);
        model.refresh();
        AuditViewModel audit = new AuditViewModel(DatabaseAudit.of(context), scriptsFolderFromEnvironment(), executor,
                errors, context::schemaChanged, () -> {
                    model.refresh();
                    afterSchemaChange.run();
                });
        MigrationsView view = new MigrationsView(model, audit);
        if (!context.capabilities().isRedFlag()) {
            context.capabilities().role().refusal(DatabaseRole.Action.MIGRATE).ifPresent(view::migrateRefused);
        }
        if (context.settings().seedsDemoFleet() && context.capabilities().isConsole()) {
            view.auditHint(DEMO_AUDIT_HINT);
        }
        if (context.capabilities().isRedFlag() && context.settings().target() instanceof DatabaseTarget.Embedded) {
            view.auditWithoutFolderReplays("the RedFlag scripts the console ships (they built this database)");
        }
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

    /**
     * The Audit tab's RedFlag scripts folder to start with: the environment variable REDFLAG_MIGRATIONS_DIR when
     * set (a convenience for support staff and for screenshots, where the folder dialog is hard to drive; the
     * CLI's {@code migrations audit --migrations-dir} is the headless equivalent). "Scripts folder…" changes it.
     */
    static Optional<Path> scriptsFolderFromEnvironment() {
        return Optional.ofNullable(System.getenv(SCRIPTS_FOLDER_VARIABLE)).map(String::strip).filter(s -> !s.isEmpty())
                .map(Path::of);
    }
}
