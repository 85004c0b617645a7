package org.redflag.console.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.flywaydb.core.api.FlywayException;
import org.redflag.console.app.ConsoleContext;
import org.redflag.console.app.ConsoleSettings;
import org.redflag.console.app.DataFolders;
import org.redflag.console.app.DatabaseOptions;
import org.redflag.console.app.Passwords;
import org.redflag.console.cli.CliErrors;
import org.redflag.console.cli.ExitCodes;
import org.redflag.console.db.ConnectionProblem;
import org.redflag.console.db.DatabaseTarget;
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
                + "(median/p95/max ms) of the console's real queries, their query plans, and the heap the loaded "
                + "pages use.",
            "Without --db-url or --data-dir it runs on an embedded PostgreSQL in a temporary folder, deleted afterwards."},
        footer = {"", "Exit codes: 0 done, 2 cannot run (bad input, no database, or a database that already has agents",
            "without --yes-write)."})
public final class BenchCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Option(names = "--agents", paramLabel = "N", defaultValue = "100000",
            description = "Agents to generate (default: ${DEFAULT-VALUE}).")
    long agents;

    @Option(names = "--history", paramLabel = "N", defaultValue = "5000000",
            description = "History rows to generate (default: ${DEFAULT-VALUE}).")
    long history;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "20",
            description = "Timed runs per query, after the warm-ups (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmups", paramLabel = "N", defaultValue = "3",
            description = "Untimed runs per query first (default: ${DEFAULT-VALUE}).")
    int warmups;

    @Option(names = "--scan-calls", paramLabel = "N", defaultValue = "10000",
            description = "Scan requests for the throughput figure (default: ${DEFAULT-VALUE}).")
    int scanCalls;

    @Option(names = "--yes-write", negatable = false,
            description = "Write the generated fleet into a database that already has agents.")
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
            deleteQuietly(throwaway);
        }
    }

    private Integer run(ConsoleSettings settings, boolean throwaway) {
        PrintWriter out = spec.commandLine().getOut();
        try (ConsoleContext context = ConsoleContext.open(settings, Passwords.fromEnvironment(env), clock)) {
            FleetGenerator generator = new FleetGenerator(context.database().dataSource());
            long existing = generator.existingAgents();
            if (existing > 0 && !yesWrite) {
                return CliErrors.print(spec, context.database().describe() + " already has agents. The benchmark "
                        + "writes " + agents + " agents and " + history + " history rows into it; run it on an empty "
                        + "database, leave out --db-url and --data-dir to use a throwaway one, or add --yes-write.");
            }
            context.migrator().migrate();
            out.printf("Benchmark on %s%s%n", context.database().describe(),
                    throwaway ? " (temporary folder, deleted afterwards)" : "");
            out.flush();
            new FleetBench(context, new FleetBench.Sizes(agents, history, warmups, runs, scanCalls), out).run();
            out.flush();
            return ExitCodes.OK;
        } catch (ConnectionProblem problem) {
            return CliErrors.print(spec, problem.getMessage());
        } catch (FlywayException e) {
            return CliErrors.print(spec, "The schema could not be brought up to date: "
                    + e.getMessage().strip().lines().findFirst().orElse("") + ". Run `migrations status` on it.");
        } catch (SQLException e) {
            return CliErrors.print(spec, "The benchmark stopped on a database error: "
                    + e.getMessage().strip().lines().findFirst().orElse("")
                    + ". Check that the user may create tables and that the server has disk space.");
        }
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
        if (runs < 1 || warmups < 0 || scanCalls < 1) {
            return Optional.of("--runs and --scan-calls must be at least 1 and --warmups at least 0.");
        }
        return Optional.empty();
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A left-over temp folder is the operating system's to clean; the figures are already printed.
        }
    }
}
