package org.redflag.console.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.flywaydb.core.api.FlywayException;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.app.ConsoleSettings;
import org.redflag.console.app.DatabaseOptions;
import org.redflag.console.app.Passwords;
import org.redflag.console.app.Version;
import org.redflag.console.db.ConnectionProblem;
import org.redflag.console.errors.ErrorReporter;
import org.redflag.console.migration.AuditReport;
import org.redflag.console.migration.Finding;
import org.redflag.console.migration.LegacyVerdict;
import org.redflag.console.migration.MigrationOutcome;
import org.redflag.console.migration.MigrationOverview;
import org.redflag.console.migration.MigrationProgress;
import org.redflag.console.migration.MigrationStatus;
import org.redflag.console.migration.ValidationProblem;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code migrations status|validate|migrate|audit}: the Migrations view for scripts and tickets. Exit 0 when
 * clean, 1 when there are findings (failed, pending or edited migrations, validation problems, audit errors
 * or warnings, a failed migrate), 2 when it could not run.
 */
@Command(name = "migrations", mixinStandardHelpOptions = true,
        description = "Is this database's schema what it claims to be? Our Flyway migrations and a legacy RedFlag audit.",
        footer = {"", "Exit codes: 0 clean, 1 findings (failed/pending/edited migrations, audit errors or warnings),",
            "2 cannot run (bad input or no database)."})
public final class MigrationsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private MigrationsCommand() {
    }

    /** The command with its four subcommands, ready to add to the launcher's tree. */
    public static CommandLine create(Map<String, String> env, Clock clock) {
        CommandLine line = new CommandLine(new MigrationsCommand());
        line.addSubcommand(new Status(env, clock));
        line.addSubcommand(new Validate(env, clock));
        line.addSubcommand(new Migrate(env, clock));
        line.addSubcommand(new Audit(env, clock));
        line.addSubcommand(new CompanionCommand(env, clock));
        return line;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CliErrors.print(spec, "Say which: migrations status, validate, migrate, audit or companion.");
    }

    /** Opening the database and turning every way of not getting there into exit code 2 with a sentence. */
    abstract static class Subcommand implements Callable<Integer> {

        @Mixin
        DatabaseOptions database;

        @Option(names = "--json", description = "Print JSON instead of a table.")
        boolean json;

        @Spec
        CommandSpec spec;

        final Map<String, String> env;
        final Clock clock;

        Subcommand(Map<String, String> env, Clock clock) {
            this.env = env;
            this.clock = clock;
        }

        @Override
        public Integer call() {
            var refused = database.problem(env).or(this::inputProblem);
            if (refused.isPresent()) {
                return CliErrors.print(spec, refused.get());
            }
            PrintWriter out = spec.commandLine().getOut();
            try (ConsoleContext context = ConsoleContext.open(settingsFor(database.toSettings(env)),
                    Passwords.fromEnvironment(env), clock)) {
                int code = run(context, out);
                out.flush();
                return code;
            } catch (ConnectionProblem problem) {
                return CliErrors.print(spec, problem.getMessage());
            } catch (SQLException e) {
                return CliErrors.print(spec, "Connected, but reading the database failed: " + e.getMessage().strip());
            } catch (IOException e) {
                return CliErrors.print(spec, "Could not read the migration files: " + e.getMessage());
            } catch (FlywayException e) {
                return CliErrors.print(spec, "Flyway could not read this database's migrations: "
                        + e.getMessage().strip().lines().findFirst().orElse(""));
            }
        }

        /** Status, validate and audit look without changing; migrate overrides this. */
        ConsoleSettings settingsFor(ConsoleSettings asked) {
            return asked.inspecting();
        }

        Optional<String> inputProblem() {
            return Optional.empty();
        }

        abstract int run(ConsoleContext context, PrintWriter out) throws SQLException, IOException;

        static int exitCode(boolean clean) {
            return clean ? ExitCodes.OK : ExitCodes.FINDINGS;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Every migration Flyway knows for the database, with its state; exit 1 if any is failed, "
                    + "pending or edited after it was applied.")
    static final class Status extends Subcommand {

        Status(Map<String, String> env, Clock clock) {
            super(env, clock);
        }

        @Override
        int run(ConsoleContext context, PrintWriter out) {
            MigrationOverview overview = context.migrations().overview();
            if (json) {
                Map<String, Object> report = new LinkedHashMap<>();
                report.put("database", context.database().describe());
                report.put("summary", overview.summary());
                report.put("schemaVersion", overview.currentVersion().orElse(null));
                report.put("pending", overview.pendingCount());
                report.put("failed", overview.failedCount());
                report.put("checksumMismatches", overview.checksumMismatchCount());
                report.put("clean", overview.clean());
                report.put("migrations", overview.migrations().stream().map(Status::toJson).toList());
                out.print(Json.write(report));
                return exitCode(overview.clean());
            }
            out.printf("Database  %s%n", context.database().describe());
            out.printf("Schema    %s%n%n", overview.summary());
            TextTable table = new TextTable("Version", "Description", "Type", "State", "Installed on", "Installed by",
                    "Time", "Checksum");
            for (MigrationStatus m : overview.migrations()) {
                table.row(m.version() == null ? "-" : m.version(), m.description(), m.type(),
                        m.state() + (m.failed() ? " !" : ""), m.installedOn() == null ? "" : m.installedOn().toString(),
                        m.installedBy(), m.executionMillis() == null ? "" : m.executionMillis() + " ms",
                        checksumText(m.checksumMatches()));
            }
            table.print(out);
            return exitCode(overview.clean());
        }

        private static Map<String, Object> toJson(MigrationStatus m) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("version", m.version());
            row.put("description", m.description());
            row.put("type", m.type());
            row.put("script", m.script());
            row.put("state", m.state());
            row.put("applied", m.applied());
            row.put("failed", m.failed());
            row.put("resolved", m.resolved());
            row.put("pending", m.pending());
            row.put("installedOn", m.installedOn());
            row.put("installedBy", m.installedBy());
            row.put("executionMillis", m.executionMillis());
            row.put("checksum", m.checksum());
            row.put("checksumMatches", m.checksumMatches());
            return row;
        }

        private static String checksumText(Boolean matches) {
            return matches == null ? "-" : matches ? "matches" : "MISMATCH";
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Compare Flyway's history with this build's scripts; list each problem in words; exit 1 if any.")
    static final class Validate extends Subcommand {

        Validate(Map<String, String> env, Clock clock) {
            super(env, clock);
        }

        @Override
        int run(ConsoleContext context, PrintWriter out) {
            List<ValidationProblem> problems = context.migrations().validate();
            if (json) {
                Map<String, Object> report = new LinkedHashMap<>();
                report.put("database", context.database().describe());
                report.put("valid", problems.isEmpty());
                report.put("problems", problems.stream().map(p -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("migration", p.migration());
                    row.put("kind", p.kind());
                    row.put("sentence", p.sentence());
                    return row;
                }).toList());
                out.print(Json.write(report));
                return exitCode(problems.isEmpty());
            }
            out.printf("Database  %s%n", context.database().describe());
            if (problems.isEmpty()) {
                out.println("Valid: Flyway's history matches this build's migration scripts.");
            } else {
                out.printf("%d validation problem%s:%n", problems.size(), problems.size() == 1 ? "" : "s");
                problems.forEach(p -> Wrapping.print(out, "- ", p.sentence()));
            }
            return exitCode(problems.isEmpty());
        }
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = "Apply the pending migrations, one line per script; exit 1 if one fails (what failed and "
                    + "why is printed and recorded in the history table).")
    static final class Migrate extends Subcommand {

        Migrate(Map<String, String> env, Clock clock) {
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
            new ErrorReporter(context.history(), toStderr, clock, Version.current())
                    .report("migrations", outcome.message(), outcome.failure(), (UUID) null);
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

    @Command(name = "audit", mixinStandardHelpOptions = true,
            description = {"Claims versus reality, read-only: RedFlag's schema_migrations against the catalog of expected "
                    + "effects, duplicate version prefixes, unknown records, and our Flyway history against the schema.",
                "Works on a database with no Flyway history; never writes to it. Exit 1 on errors or warnings."})
    static final class Audit extends Subcommand {

        @Option(names = "--migrations-dir", paramLabel = "DIR",
                description = "RedFlag's migration files (*.up.sql), to find files that insert into schema_migrations "
                        + "themselves and versions used twice.")
        Path migrationsDir;

        Audit(Map<String, String> env, Clock clock) {
            super(env, clock);
        }

        @Override
        Optional<String> inputProblem() {
            if (migrationsDir != null && !Files.isDirectory(migrationsDir)) {
                return Optional.of("--migrations-dir " + migrationsDir + " is not a folder. Give the folder that holds "
                        + "RedFlag's *.up.sql files.");
            }
            return Optional.empty();
        }

        @Override
        int run(ConsoleContext context, PrintWriter out) throws SQLException, IOException {
            AuditReport report = context.legacyAudit().run(Optional.ofNullable(migrationsDir));
            if (json) {
                out.print(Json.write(toJson(context, report)));
            } else {
                printText(context, report, out);
            }
            return exitCode(report.clean());
        }

        private static Map<String, Object> toJson(ConsoleContext context, AuditReport report) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("database", context.database().describe());
            json.put("legacyHistory", report.legacyRecords().isPresent());
            json.put("recorded", report.legacyRecords().orElse(null));
            json.put("verdicts", report.verdicts().stream().map(v -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("version", v.version());
                row.put("files", v.files());
                row.put("verdict", v.verdict());
                return row;
            }).toList());
            json.put("flywayHistory", report.flywayHistory());
            json.put("flywayObjectsChecked", report.flywayChecked());
            json.put("scriptsFolder", report.scriptsFolder().map(Path::toString).orElse(null));
            json.put("scriptsRead", report.scriptsRead());
            json.put("clean", report.clean());
            json.put("summary", report.summary());
            List<Object> findings = new ArrayList<>();
            for (Finding f : report.findings()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("migration", f.migration());
                row.put("kind", f.kind().name());
                row.put("severity", f.severity().name());
                row.put("sentence", f.sentence());
                findings.add(row);
            }
            json.put("findings", findings);
            return json;
        }

        private static void printText(ConsoleContext context, AuditReport report, PrintWriter out) {
            out.printf("Audit of %s (read-only)%n", context.database().describe());
            out.println(report.scope());
            if (!report.verdicts().isEmpty()) {
                out.println();
                out.println("RedFlag migrations (schema_migrations against the catalog of expected effects)");
                TextTable table = new TextTable("Version", "Recorded as", "Verdict");
                for (LegacyVerdict v : report.verdicts()) {
                    table.row(v.version(), v.files().isEmpty() ? "(not recorded)" : String.join(", ", v.files()), v.verdict());
                }
                table.print(out);
            }
            out.println();
            out.println("Findings: " + report.summary());
            for (Finding f : report.findings()) {
                out.printf("%-8s %-5s %s%n", f.severity().name(), f.migration(), f.kind().label());
                Wrapping.print(out, "         ", f.sentence());
            }
        }
    }
}
