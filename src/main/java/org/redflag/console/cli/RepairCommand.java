package org.redflag.console.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.app.ConsoleSettings;
import org.redflag.console.history.HistoryRepository;
import org.redflag.console.migration.RepairOutcome;
import org.redflag.console.migration.RepairPlan;
import org.redflag.console.migration.RepairStep;
import org.redflag.console.migration.Repairs;
import org.redflag.console.migration.ReplayReport;
import org.redflag.console.migration.ReplaySource;
import org.redflag.console.migration.StepListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code migrations repair}: the SQL that makes the database what its record claims, found by the replay
 * audit. {@code --plan} (the default) prints it and changes nothing; {@code --apply} runs it, each step in its
 * own transaction (CONCURRENTLY ones alone), stops at the first failure, writes one history row per step, and
 * audits again to show what is left.
 */
@Command(name = "repair", mixinStandardHelpOptions = true,
        description = {"The repair plan of the replay audit: for each finding, the SQL that makes the database what its "
                + "record claims (a missing index, built CONCURRENTLY on a big table; a missing column; a column type "
                + "changed by hand), or the record change that lets RedFlag's runner re-run a fixed file.",
            "--plan prints it and changes nothing. --apply runs it: one step per transaction, stopping at the first "
                + "failure, one history row per step, then the audit again. Exit 0 when nothing is left to repair."})
final class RepairCommand extends MigrationsCommand.Subcommand {

    @Option(names = "--plan", description = "Print the plan (the default).")
    boolean plan;

    @Option(names = "--apply", description = "Run the plan on the database.")
    boolean apply;

    @Option(names = "--migrations-dir", paramLabel = "DIR",
            description = "RedFlag's migration files (*.up.sql), replayed to know what the record claims.")
    Path migrationsDir;

    RepairCommand(Map<String, String> env, Clock clock) {
        super(env, clock);
    }

    @Override
    Optional<String> inputProblem() {
        if (plan && apply) {
            return Optional.of("Give --plan or --apply, not both.");
        }
        if (migrationsDir != null && !Files.isDirectory(migrationsDir)) {
            return Optional.of("--migrations-dir " + migrationsDir + " is not a folder. Give the folder that holds "
                    + "RedFlag's *.up.sql files.");
        }
        return Optional.empty();
    }

    @Override
    ConsoleSettings settingsFor(ConsoleSettings asked) {
        return asked.asIs();
    }

    @Override
    int run(ConsoleContext context, PrintWriter out) throws SQLException, IOException {
        Optional<ReplaySource> scripts = context.replaySource(Optional.ofNullable(migrationsDir));
        if (scripts.isEmpty()) {
            return CliErrors.print(spec, "A repair needs the scripts the record claims were applied, to replay them: "
                    + "give --migrations-dir with RedFlag's migrations folder.");
        }
        ReplayReport report = context.replayAudit().audit(context.database().dataSource(), scripts.get());
        RepairPlan repairs = Repairs.plan(report);
        if (!apply) {
            if (json) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("database", context.database().describe());
                body.put("steps", repairs.steps().stream().map(ReplayReports::step).toList());
                out.print(Json.write(body));
            } else {
                out.println(repairs.isEmpty() ? "-- Nothing to repair: the database is what its record claims."
                        : "-- Repair plan for " + context.database().describe() + " (not applied; --apply runs it)\n\n"
                                + repairs.script());
            }
            return exitCode(repairs.isEmpty());
        }
        if (repairs.isEmpty()) {
            out.println("Nothing to repair: the database is what its record claims.");
            return ExitCodes.OK;
        }
        RepairOutcome outcome = new Repairs(context.replayAudit()).apply(repairs, context.database().dataSource(),
                new PrintedSteps(out, context.history(), clock));
        out.println();
        out.println(outcome.completed() ? "All " + repairs.steps().size() + " steps applied." : "Stopped at the failed step; "
                + "the steps after it did not run.");
        out.println("Audit afterwards: " + ReplayReports.summary(outcome.after())
                + (outcome.after().clean() ? " (the database is what its record claims)" : ""));
        return exitCode(outcome.completed() && outcome.after().clean());
    }

    /** Says each step as it runs, and keeps one history row per step. */
    private static final class PrintedSteps implements StepListener {
        private final PrintWriter out;
        private final HistoryRepository history;
        private final Clock clock;

        PrintedSteps(PrintWriter out, HistoryRepository history, Clock clock) {
            this.out = out;
            this.history = history;
            this.clock = clock;
        }

        @Override
        public void before(int index, int total, RepairStep step) {
            out.printf("[%d/%d] %s%n", index + 1, total, step.sentence());
            Wrapping.print(out, "      ", step.sql());
            out.flush();
        }

        @Override
        public void after(int index, int total, RepairStep step, StepResult result) {
            out.printf("      %s%n", result.succeeded() ? "done in " + result.millis() + " ms"
                    : "FAILED (" + result.sqlState() + "): " + result.error());
            try {
                history.insertMaintenance("schema_repair", result.succeeded(), step.sql(),
                        result.succeeded() ? step.sentence() : step.sentence() + "\n\nFailed: " + result.error(),
                        clock.instant());
            } catch (SQLException e) {
                out.printf("      (could not record this step in the history: %s)%n", e.getMessage());
            }
            out.flush();
        }
    }
}
