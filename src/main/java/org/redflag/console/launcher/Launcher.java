package org.redflag.console.launcher;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import org.redflag.console.app.ConsoleSettings;
import org.redflag.console.app.DataFolders;
import org.redflag.console.app.DatabaseOptions;
import org.redflag.console.app.Passwords;
import org.redflag.console.app.StartupTimeline;
import org.redflag.console.app.Version;
import org.redflag.console.bench.BenchCommand;
import org.redflag.console.cli.AgentsCommand;
import org.redflag.console.cli.CheckCommand;
import org.redflag.console.cli.ExitCodes;
import org.redflag.console.cli.HistoryCommand;
import org.redflag.console.cli.MigrationsCommand;
import org.redflag.console.cli.RolesCommand;
import org.redflag.console.cli.ScanCommand;
import org.redflag.console.ui.DesktopApp;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The jar's main class. A plain class rather than the JavaFX Application, so the shaded jar starts
 * without a module path. With no subcommand it opens the window; subcommands run headless.
 */
public final class Launcher {

    /** Returned by the GUI command: the window is open, so main must not exit the JVM. */
    static final int GUI_STARTED = -1;

    private Launcher() {
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        // Before the first logger exists: logback reads this property to find its folder.
        System.setProperty("redflag.log.dir", writableLogFolder(DataFolders.logs(dataDirectoryFromArgs(args, env))).toString());
        // JavaFX and pgjdbc log through java.util.logging straight onto the terminal (a warning about running
        // JavaFX from the classpath at every start, pgjdbc's connection lines before the console's own message):
        // they belong in the log file, where everything else is.
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        int code = commandLine(env, Clock.systemDefaultZone(), new PrintWriter(System.out, true),
                new PrintWriter(System.err, true)).execute(args);
        if (code != GUI_STARTED) {
            System.exit(code);
        }
    }

    /** The whole command tree; tests run it with their own environment, clock and writers. */
    public static CommandLine commandLine(Map<String, String> env, Clock clock, PrintWriter out, PrintWriter err) {
        return commandLine(env, clock, out, err, System.in);
    }

    /** With the stdin a command reads (profiles pgpass takes a password from it). */
    public static CommandLine commandLine(Map<String, String> env, Clock clock, PrintWriter out, PrintWriter err,
            java.io.InputStream in) {
        CommandLine commandLine = new CommandLine(new GuiCommand(env, clock));
        commandLine.addSubcommand(new CheckCommand(env, clock));
        commandLine.addSubcommand(MigrationsCommand.create(env, clock));
        commandLine.addSubcommand(new AgentsCommand(env, clock));
        commandLine.addSubcommand(new HistoryCommand(env, clock));
        commandLine.addSubcommand(new ScanCommand(env, clock));
        commandLine.addSubcommand(new BenchCommand(env, clock));
        commandLine.addSubcommand(new org.redflag.console.bench.BenchTablesCommand());
        commandLine.addSubcommand(new RolesCommand());
        commandLine.addSubcommand(new org.redflag.console.cli.ProfilesCommand(env, in));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((failure, line, parseResult) -> {
            line.getErr().println("redflag-console: unexpected error: " + failure
                    + ". The log in the data folder has the details.");
            return ExitCodes.CANNOT_RUN;
        });
        return commandLine;
    }

    /** The default command: the desktop console. */
    @Command(name = "redflag-console", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = {
                "Desktop console for a RedFlag update-management fleet.",
                "With no --db-url it runs an embedded PostgreSQL with a demo fleet; with profiles saved",
                "(and no --db-url or --profile) the window first asks which database to open."},
            footer = {"", "Headless commands:",
                "  check     [--json]  what the database is (console / RedFlag and its",
                "            capabilities / empty / unknown), server version, agent count",
                "  agents    [--search TEXT] [--limit N] [--json]",
                "            agents in hostname order, online/offline",
                "  history   [--agent HOST|ID] [--subsystem S] [--result R] [--limit N] [--json]",
                "            history rows, newest first",
                "  scan      --agent HOST|ID --subsystem S [--json]",
                "            queue a scan as the database's server would (idempotent)",
                "  migrations status|validate|migrate [--json]",
                "            the database's own migration record; migrate: the console's schema",
                "  migrations audit [--json] [--migrations-dir DIR]",
                "            the truth by replay of every recorded file, read-only",
                "  migrations repair [--plan|--apply] [--migrations-dir DIR]",
                "            the SQL that makes the database what its record claims",
                "  migrations companion [--install|--remove|--add-pending-index] [--yes]",
                "            the console's optional companion on a RedFlag database",
                "  bench     [--shape console|redflag-0.1|redflag-later] [--agents N]",
                "            [--history N]: generate a fleet; print query timings and plans",
                "  bench-tables REPORT.json [--readme README.md]",
                "            the README's benchmark tables from a bench --json report",
                "  profiles  list [--json] | add NAME --db-url URL [--db-user U] [--colour #hex]",
                "            [--read-only] [--server-url URL] | remove NAME | pgpass NAME",
                "            saved connections, used with --profile NAME",
                "  roles     [--sql]  the console's database roles (redflag_operator,",
                "            redflag_viewer); --sql prints the SQL: roles --sql | psql -d DB",
                "", "Exit codes: 0 ok, 1 findings, 2 cannot run (bad input or no database)."})
    static final class GuiCommand implements Callable<Integer> {

        @Mixin
        DatabaseOptions database;

        private final Map<String, String> env;
        private final Clock clock;

        GuiCommand(Map<String, String> env, Clock clock) {
            this.env = env;
            this.clock = clock;
        }

        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Option(names = "--post-mortem-demo", negatable = false,
                description = "Open a RedFlag database in the state the post-mortem found (a failed migration "
                        + "recorded as applied, a table made but not recorded), built on first use in the "
                        + "embedded PostgreSQL under DATA-DIR/post-mortem-demo: Migrations → Audit shows the lies.")
        boolean postMortemDemo;

        @picocli.CommandLine.Option(names = "--startup-report", negatable = false,
                description = "Print when each phase of the start ended (ms since the JVM started), up to the first "
                        + "rows on screen. The log has the same line at every start.")
        boolean startupReport;

        @picocli.CommandLine.Option(names = "--heap-tour", paramLabel = "FILE",
                description = "Browse every view (ten pages where a view pages), write the heap the window then "
                        + "holds to FILE and close: what `bench --window-heap` runs on the fleet it made.")
        java.nio.file.Path heapTour;

        @Override
        public Integer call() {
            StartupTimeline.mark("options read");
            if (startupReport) {
                PrintWriter out = spec.commandLine().getOut();
                StartupTimeline.printTo(out::println);
            }
            if (postMortemDemo && !database.dataDirGiven()) {
                database.useDataDirectory(database.dataDirectory(env).resolve("post-mortem-demo"));
            }
            var refused = database.problem(env).or(() -> postMortemDemo && database.serverNamed()
                    ? java.util.Optional.of("--post-mortem-demo builds its own embedded database; leave out --db-url and --profile")
                    : java.util.Optional.empty());
            if (refused.isPresent()) {
                spec.commandLine().getErr().println("redflag-console: " + refused.get());
                return ExitCodes.CANNOT_RUN;
            }
            ConsoleSettings settings = database.toSettings(env);
            if (postMortemDemo && !PostMortemDemos.prepare(settings, clock, spec.commandLine().getOut(),
                    spec.commandLine().getErr())) {
                return ExitCodes.CANNOT_RUN;
            }
            DesktopApp.launch(settings, org.redflag.console.app.ConnectionChoices.from(database, env, postMortemDemo),
                    Passwords.fromEnvironment(env), clock, java.util.Optional.ofNullable(heapTour));
            return GUI_STARTED;
        }
    }

    /** An unwritable data folder is reported by the command itself; the log then goes to the temp folder. */
    private static Path writableLogFolder(Path preferred) {
        try {
            java.nio.file.Files.createDirectories(preferred);
            if (java.nio.file.Files.isWritable(preferred)) {
                return preferred;
            }
        } catch (java.io.IOException | SecurityException e) {
            // fall through to the temp folder
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "redflag-console-logs");
    }

    /** --data-dir must be known before logging starts, which is before picocli runs. */
    private static Path dataDirectoryFromArgs(String[] args, Map<String, String> env) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data-dir") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--data-dir=")) {
                return Path.of(args[i].substring("--data-dir=".length()));
            }
        }
        return new DatabaseOptions().dataDirectory(env);
    }
}
