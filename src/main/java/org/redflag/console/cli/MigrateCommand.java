package org.redflag.console.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.app.ConsoleSettings;
import org.redflag.console.app.Version;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.history.ConsoleArea;
import org.redflag.console.migration.MigrationOutcome;
import org.redflag.console.migration.MigrationProgress;
import picocli.CommandLine.Command;

/**
 * {@code migrations migrate}: applies the pending migrations, a line per script, and records a failure
 * through the same error door as the window.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Apply the pending migrations, one line per script; exit 1 if one fails (what failed and "
                + "why is printed and recorded in the history table).")
final class MigrateCommand extends MigrationsCommand.Subcommand {

    MigrateCommand(Map<String, String> env, Clock clock) {
        super(env, clock);
    }

    @Override
    ConsoleSettings settingsFor(ConsoleSettings asked) {
        return asked.asIs();
    }

    @Override
    int run(ConsoleContext context, PrintWriter out) {
        Instant start = clock.instant();
        if (!json) {
            out.printf("Database  %s%n", context.database().describe());
        }
        MigrationOutcome outcome = context.migrations().migrate(json ? MigrationProgress.NONE : new PrintedProgress(out));
        Duration took = Duration.between(start, clock.instant());
        if (!outcome.clean()) {
            recordFailure(context, outcome);
        }
        if (json) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("database", context.database().describe());
            report.put("succeeded", outcome.succeeded());
            report.put("applied", outcome.applied());
            report.put("failedMigration", outcome.failedMigration().orElse(null));
            report.put("stillFailed", outcome.stillFailed());
            report.put("schemaVersion", outcome.schemaVersion());
            report.put("message", outcome.message());
            report.put("elapsedMillis", took.toMillis());
            out.print(Json.write(report));
        } else {
            out.printf("%s Schema at %s; took %.1f s.%n", outcome.message(),
                    outcome.schemaVersion() == null ? "no version" : "V" + outcome.schemaVersion(),
                    took.toMillis() / 1000.0);
        }
        return exitCode(outcome.clean());
    }

    /** The same door as in the window: a history row first, then the message (here on stderr). */
    private void recordFailure(ConsoleContext context, MigrationOutcome outcome) {
        PrintWriter err = spec.commandLine().getErr();
        ErrorReporter.Notifier toStderr = (title, message, entry) -> {
            err.println("redflag-console: " + message + (entry == null ? "" : " (recorded in the history table)"));
            err.flush();
        };
        try (ErrorReporter errors = new ErrorReporter(context.history(), toStderr, clock, Version.current())) {
            errors.report(ConsoleArea.MIGRATIONS, outcome.message(), outcome.failure(), (UUID) null);
        }
    }

    private static final class PrintedProgress implements MigrationProgress {
        private final PrintWriter out;

        PrintedProgress(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void planned(List<String> migrations) {
            out.println(migrations.isEmpty() ? "Pending   none" : "Pending   " + migrations.size() + ": "
                    + String.join(", ", migrations));
            out.flush();
        }

        @Override
        public void started(String migration) {
            out.print("Applying  " + migration + " ... ");
            out.flush();
        }

        @Override
        public void finished(String migration) {
            out.println("ok");
            out.flush();
        }

        @Override
        public void failed(String migration, String reason) {
            out.println("FAILED");
            out.flush();
        }
    }
}
