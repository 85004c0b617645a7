package org.redflag.console.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.flywaydb.core.api.FlywayException;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.app.ConsoleSettings;
import org.redflag.console.app.DataFolders;
import org.redflag.console.app.DatabaseOptions;
import org.redflag.console.app.Passwords;
import org.redflag.console.cli.CliErrors;
import org.redflag.console.cli.ExitCodes;
import org.redflag.console.cli.Json;
import org.redflag.console.db.ConnectionProblem;
import org.redflag.console.db.DatabaseTarget;
import org.redflag.console.schema.Capabilities;
import org.redflag.console.schema.SchemaKind;
import org.redflag.console.shapes.RedFlagMigrationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: fills a database with a fleet of real size and prints how fast the console's own queries
 * answer on it, and how much heap the loaded pages take. The figures live here, never in timed tests.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Generate a fleet (agents, subsystems, commands, history) in a database and print timings "
                + "(median/p95/max ms) of the console's real queries next to the same SQL run raw on a bare, "
                + "server-prepared JDBC connection (and the ratio), why a query misses its goal, the query plans, "
                + "and the heap the loaded pages use.",
            "--shape redflag-0.1 or redflag-later builds RedFlag's own schema (its scripts, its indexes) on an empty "
                + "database, seeds it as RedFlag writes it, and measures the console on it as on a real RedFlag server.",
            "Without --db-url or --data-dir it runs on an embedded PostgreSQL in a temporary folder, deleted afterwards. "
                + "With --data-dir DIR the database stays in DIR: `redflag-console --data-dir DIR` then opens the "
                + "window on it (a RedFlag shape is probed as RedFlag and never migrated)."},
        footer = {"", "Exit codes: 0 done, 2 cannot run (bad input, no database, a database that already has agents",
            "without --yes-write, or any non-empty database for a RedFlag shape)."})
public final class BenchCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Option(names = "--agents", paramLabel = "N", defaultValue = "100000",
            description = "Agents to generate (default: ${DEFAULT-VALUE}).")
    long agents;

    @Option(names = "--history", paramLabel = "N", defaultValue = "5000000",
            description = "History rows to generate (default: ${DEFAULT-VALUE}).")
    long history;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "50",
            description = "Timed runs per query, after the warm-ups (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmups", paramLabel = "N", defaultValue = "20",
            description = "Untimed runs per query first, at least (default: ${DEFAULT-VALUE}).")
    int warmups;

    @Option(names = "--warm-up-seconds", paramLabel = "S", defaultValue = "2",
            description = "Then more untimed runs, console and raw in turn, for up to S seconds or 1,000 runs a query, "
                    + "so the JIT has compiled the console's mapping before it is compared with raw: 20 runs of a "
                    + "200-row page leave it half compiled and the console 20-30 %% slower than it is (default: "
                    + "${DEFAULT-VALUE}).")
    double warmUpSeconds;

    @Option(names = "--scan-calls", paramLabel = "N", defaultValue = "10000",
            description = "Scan requests for the throughput figure (default: ${DEFAULT-VALUE}).")
    int scanCalls;

    @Option(names = "--updates", paramLabel = "N", defaultValue = "0",
            description = "Console shape: then give every agent up to N pending packages and time the Updates view's "
                    + "queries and an install on every agent of the most common package (default: 0, skipped).")
    int updatesPerAgent;

    @Option(names = "--with-companion", negatable = false,
            description = "For a RedFlag shape: after measuring on RedFlag's own indexes, install the console's "
                    + "consented set (the companion's live triggers and page indexes, and RedFlag 023a's index where "
                    + "missing) as an administrator may choose to, measure the same queries again and print what each "
                    + "index bought.")
    boolean withCompanion;

    @Option(names = "--shape", paramLabel = "SHAPE", defaultValue = "console", converter = BenchShape.Converter.class,
            completionCandidates = BenchShape.Labels.class,
            description = "The schema to measure on: ${COMPLETION-CANDIDATES} (default: console, the console's own).")
    BenchShape shape;

    @Option(names = "--json", paramLabel = "FILE",
            description = "Also write the whole report as JSON to FILE (the text report still prints, with its "
                    + "progress): console and raw figures per query, generation, tables, plans, memory.")
    Path jsonFile;

    @Option(names = "--window", negatable = false,
            description = "Then start the console's window (a JVM of its own each time) on a new folder, on the fleet "
                    + "as the embedded database and as an external server by URL: print when its first rows showed, "
                    + "and the heap it holds after ten pages of every view (needs a display; xvfb-run works).")
    boolean window;

    @Option(names = "--yes-write", negatable = false,
            description = "Write the generated fleet into a console database that already has agents "
                    + "(never for a RedFlag shape: its scripts need an empty database).")
    boolean yesWrite;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final Clock clock;

    public BenchCommand(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        Optional<String> refused = database.problem(env).or(this::inputProblem);
        if (refused.isPresent()) {
            return CliErrors.print(spec, refused.get());
        }
        Path throwaway = null;
        try {
            ConsoleSettings asked = database.toSettings(env);
            boolean ownFolder = asked.target() instanceof DatabaseTarget.Embedded
                    && !spec.commandLine().getParseResult().hasMatchedOption("--data-dir");
            if (ownFolder) {
                throwaway = Files.createTempDirectory("redflag-bench");
            }
            return run(benchSettings(asked, throwaway), throwaway != null);
        } catch (IOException e) {
            return CliErrors.print(spec, "Could not make a temporary folder for the benchmark database: "
                    + e.getMessage() + ". Free some space in " + System.getProperty("java.io.tmpdir")
                    + ", or give --data-dir.");
        } finally {
            BenchFolders.deleteQuietly(throwaway);
        }
    }

    /**
     * Generates on one connection, then measures on a new one: the new context's probe sees the schema that was
     * just built, so its repositories speak it, exactly as the window's would on that database.
     */
    private Integer run(ConsoleSettings settings, boolean throwaway) {
        PrintWriter out = spec.commandLine().getOut();
        FleetBench.Sizes sizes = new FleetBench.Sizes(agents, history, warmups, warmUpSeconds, runs, scanCalls);
        Map<String, Object> json = new LinkedHashMap<>();
        try {
            Map<String, Long> tableRows;
            try (ConsoleContext first = ConsoleContext.open(settings, Passwords.fromEnvironment(env), clock)) {
                Optional<String> refused = refusal(first);
                if (refused.isPresent()) {
                    return CliErrors.print(spec, refused.get());
                }
                if (shape == BenchShape.CONSOLE) {
                    first.migrator().migrate();
                }
                out.printf("Benchmark on %s%s%n", first.database().describe(),
                        throwaway ? " (temporary folder, deleted afterwards)" : "");
                out.printf("Shape: %s%n", shape.describe());
                out.flush();
                json.put("database", first.database().describe());
                json.put("server_version", first.database().serverVersion());
                json.put("shape", shape.label());
                json.put("sizes", sizesJson(sizes));
                tableRows = BenchGeneration.run(shape.fleet(first.database().dataSource()), sizes, out, json);
            }
            FleetBench onRedFlagsIndexes;
            try (ConsoleContext context = ConsoleContext.open(settings, Passwords.fromEnvironment(env), clock)) {
                out.println();
                out.printf("Measured on a new connection; the console's probe found: %s%n",
                        context.capabilities().describe());
                json.put("probe_found", context.capabilities().describe());
                FleetBench bench = new FleetBench(context, shape.fleet(context.database().dataSource()), sizes,
                        tableRows, out, json);
                bench.run();
                onRedFlagsIndexes = bench;
                if (updatesPerAgent > 0 && shape == BenchShape.CONSOLE) {
                    out.printf("%nUpdates view, %d pending packages per agent at most:%n", updatesPerAgent);
                    UpdatesBench.run(context.updates(), context.database().dataSource(), updatesPerAgent, warmups, runs,
                            out, json);
                }
            }
            if (withCompanion && shape != BenchShape.CONSOLE) {
                measureWithCompanion(settings, sizes, tableRows, onRedFlagsIndexes, out, json);
            }
            if (window) {
                WindowRuns.measure(settings, env, out, json);
            }
            if (jsonFile != null) {
                Files.writeString(jsonFile, Json.write(json));
                out.printf("%nThe report as JSON: %s%n", jsonFile);
            }
            if (!throwaway && settings.target() instanceof DatabaseTarget.Embedded) {
                out.println();
                out.printf("The database stays in %s: `java -jar redflag-console.jar --data-dir %s` opens the window "
                        + "on it%s.%n", settings.dataDirectory(), settings.dataDirectory(),
                        shape == BenchShape.CONSOLE ? "" : " (probed as RedFlag, never migrated)");
            }
            out.flush();
            return ExitCodes.OK;
        } catch (ConnectionProblem problem) {
            return CliErrors.print(spec, problem.getMessage());
        } catch (FlywayException e) {
            return CliErrors.print(spec, "The schema could not be brought up to date: "
                    + e.getMessage().strip().lines().findFirst().orElse("") + ". Run `migrations status` on it.");
        } catch (RedFlagMigrationException e) {
            return CliErrors.print(spec, "RedFlag's script " + e.file() + " failed while building the "
                    + shape.label() + " shape: " + firstLine(e.getCause() == null ? e : e.getCause())
                    + ". Check that the user may create tables, types and extensions.");
        } catch (SQLException | IllegalStateException e) {
            return CliErrors.print(spec, "The benchmark stopped on a database error: " + firstLine(e)
                    + ". Check that the user may create tables and that the server has disk space.");
        } catch (IOException e) {
            return CliErrors.print(spec, "The figures are printed above, but the JSON report could not be written to "
                    + jsonFile + ": " + firstLine(e) + ". Give --json a path in a folder you may write to.");
        }
    }

    /**
     * Installs the console's consented set as an administrator would, then measures again on a new connection,
     * whose probe sees what was added, as the window's would after Install.
     */
    private void measureWithCompanion(ConsoleSettings settings, FleetBench.Sizes sizes, Map<String, Long> tableRows,
            FleetBench before, PrintWriter out, Map<String, Object> json) throws SQLException, ConnectionProblem {
        CompanionComparison.Installed installed;
        try (ConsoleContext context = ConsoleContext.open(settings, Passwords.fromEnvironment(env), clock)) {
            out.println();
            out.println("Installing the console's consented set (companion V1-V4, and RedFlag 023a's index where missing) ...");
            out.flush();
            installed = CompanionComparison.install(context.database().dataSource());
        }
        try (ConsoleContext context = ConsoleContext.open(settings, Passwords.fromEnvironment(env), clock)) {
            out.printf("Measured again on a new connection; the console's probe found: %s%n",
                    context.capabilities().describe());
            FleetBench after = new FleetBench(context, shape.fleet(context.database().dataSource()), sizes, tableRows,
                    out, new LinkedHashMap<>());
            after.measureAgain();
            CompanionComparison.report(installed, before, after, out, json);
        }
    }

    private Map<String, Object> sizesJson(FleetBench.Sizes sizes) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("agents", sizes.agents());
        json.put("history", sizes.history());
        json.put("page_size", FleetBench.PAGE);
        json.put("warmups", sizes.warmups());
        json.put("warm_up_seconds", sizes.warmUpSeconds());
        json.put("runs", sizes.runs());
        json.put("scan_calls", sizes.scanCalls());
        return json;
    }

    /**
     * Why the benchmark must not write here, if it must not. The console shape writes next to what a console
     * database holds only when asked; a RedFlag shape needs an empty database whatever is asked, because
     * RedFlag's scripts create its tables and would fail (or half-build) on anything already there.
     */
    private Optional<String> refusal(ConsoleContext first) throws SQLException {
        Capabilities found = first.capabilities();
        String where = first.database().describe();
        if (shape != BenchShape.CONSOLE) {
            return found.kind() == SchemaKind.EMPTY ? Optional.empty() : Optional.of(where + " is not empty (it holds "
                    + found.describe() + "). The " + shape.label() + " shape is built by RedFlag's own scripts, which "
                    + "need an empty database, so --yes-write cannot help: give an empty database with --db-url, a new "
                    + "folder with --data-dir, or leave both out to use a throwaway one.");
        }
        if (found.kind() == SchemaKind.REDFLAG || found.kind() == SchemaKind.UNKNOWN) {
            return Optional.of(where + " holds a " + found.describe() + "; the console shape would migrate it to the "
                    + "console's schema, which the console never does to another schema. Use an empty database.");
        }
        long existing = new FleetGenerator(first.database().dataSource()).existingAgents();
        if (existing > 0 && !yesWrite) {
            return Optional.of(where + " already has agents. The benchmark writes " + agents + " agents and " + history
                    + " history rows into it; run it on an empty database, leave out --db-url and --data-dir to use "
                    + "a throwaway one, or add --yes-write.");
        }
        return Optional.empty();
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.strip().lines().findFirst().orElse("");
    }

    /** Migrated, no demo fleet and no simulated agents: the benchmark makes its own fleet and drives it itself. */
    private static ConsoleSettings benchSettings(ConsoleSettings asked, Path throwaway) {
        DatabaseTarget target = asked.target();
        Path dataDirectory = asked.dataDirectory();
        if (throwaway != null) {
            target = new DatabaseTarget.Embedded(DataFolders.postgresData(throwaway),
                    ((DatabaseTarget.Embedded) asked.target()).port());
            dataDirectory = throwaway;
        }
        return new ConsoleSettings(target, false, false, false, asked.commandTimeout(), dataDirectory);
    }

    private Optional<String> inputProblem() {
        if (agents < 1) {
            return Optional.of("--agents must be at least 1 (it was " + agents + "); a fleet needs an agent.");
        }
        if (history < 0) {
            return Optional.of("--history cannot be negative (it was " + history + "); give 0 or more rows.");
        }
        if (shape != BenchShape.CONSOLE && (agents > Integer.MAX_VALUE || history > Integer.MAX_VALUE)) {
            return Optional.of("--agents and --history can be at most " + Integer.MAX_VALUE + " for a RedFlag shape "
                    + "(its seed counts in int).");
        }
        if (runs < 1 || warmups < 0 || scanCalls < 1) {
            return Optional.of("--runs and --scan-calls must be at least 1 and --warmups at least 0.");
        }
        return Optional.empty();
    }
}
