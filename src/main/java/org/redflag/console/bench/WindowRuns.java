package org.redflag.console.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.redflag.console.app.ConsoleSettings;
import org.redflag.console.db.ConnectionProblem;
import org.redflag.console.db.Database;
import org.redflag.console.db.DatabaseTarget;

/**
 * {@code bench --window}: the console's real window, each time in a JVM of its own (the console's own launcher),
 * started three ways: on a folder it has never seen (the very first start: a new embedded database, its schema
 * and the demo fleet), on the benchmark's fleet as its embedded database, and on the same database as an external
 * server by URL. Each start prints its phases ({@code --startup-report}) and browses ten pages of every view
 * ({@code --heap-tour}), so the start-up figures and the heap are the window's, not the generator's leftovers.
 * It needs a display, as the window does.
 */
final class WindowRuns {

    /** The bound for the window after ten pages of each view at 100,000 agents. */
    static final long GOAL_BYTES = 256L * 1024 * 1024;
    private static final long RUN_MINUTES = 10;
    private static final String STARTUP_LINE = "Start-up (ms since the JVM started): ";

    private WindowRuns() {
    }

    record Start(String name, long firstRowsMs, long goalMs, String phases, long heapBytes, Map<String, Object> rows) {
    }

    static void measure(ConsoleSettings settings, Map<String, String> env, PrintWriter out, Map<String, Object> json) {
        out.println();
        out.println("The window (the console's own, in a JVM of its own per start: --startup-report --heap-tour)");
        out.flush();
        boolean headless = env.get("DISPLAY") == null && env.get("WAYLAND_DISPLAY") == null
                && System.getProperty("os.name", "").toLowerCase().contains("linux");
        if (headless) {
            out.println("  not measured: there is no display (run bench under xvfb-run, or on a desktop).");
            json.put("window", Map.of("measured", false, "reason", "no display"));
            return;
        }
        List<Start> starts = new ArrayList<>();
        List<Map<String, Object>> startsJson = new ArrayList<>();
        try {
            Path fresh = Files.createTempDirectory("redflag-first-start");
            try {
                run("very first start (new folder: embedded database made, migrated, demo fleet)", 6_000,
                        List.of("--data-dir", fresh.toString()), out).ifPresent(starts::add);
            } finally {
                BenchFolders.deleteQuietly(fresh);
            }
            List<String> onBenchFleet = new ArrayList<>(List.of("--data-dir", settings.dataDirectory().toString(),
                    "--no-demo", "--no-simulate-fleet"));
            if (settings.target() instanceof DatabaseTarget.Server server) {
                onBenchFleet.addAll(List.of("--db-url", server.jdbcUrl(), "--db-user", server.user()));
                run("external database (the benchmark's, by URL)", 2_000, onBenchFleet, out).ifPresent(starts::add);
            } else {
                run("embedded database, warm (the benchmark's fleet)", 3_000, onBenchFleet, out).ifPresent(starts::add);
                runAsExternal(settings, onBenchFleet, out).ifPresent(starts::add);
            }
            for (Start start : starts) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("start", start.name());
                one.put("first_rows_ms", start.firstRowsMs());
                one.put("goal_ms", start.goalMs());
                one.put("phases", start.phases());
                one.put("heap_used_bytes", start.heapBytes());
                one.put("rows_per_view", start.rows());
                startsJson.add(one);
            }
            json.put("window", Map.of("measured", true, "heap_goal_bytes", GOAL_BYTES, "starts", startsJson));
        } catch (IOException | SQLException | ConnectionProblem | RuntimeException e) {
            out.println("  not measured: " + e.getMessage() + ".");
            json.put("window", Map.of("measured", false, "reason", String.valueOf(e.getMessage())));
        }
        out.flush();
    }

    /** The benchmark's embedded server, up in this JVM, reached by the window through its URL like any server. */
    private static Optional<Start> runAsExternal(ConsoleSettings settings, List<String> common, PrintWriter out)
            throws ConnectionProblem, SQLException, IOException {
        try (Database server = Database.open(settings.target(), Optional.empty());
                Connection connection = server.connection()) {
            String url = connection.getMetaData().getURL();
            String user = connection.getMetaData().getUserName();
            List<String> args = new ArrayList<>(common);
            args.addAll(List.of("--db-url", url, "--db-user", user));
            return run("external database (the benchmark's, by URL)", 2_000, args, out);
        }
    }

    private static Optional<Start> run(String name, long goalMs, List<String> args, PrintWriter out)
            throws IOException {
        Path report = Files.createTempFile("redflag-heap-tour", ".properties");
        Path output = Files.createTempFile("redflag-window", ".out");
        Files.delete(report);
        try {
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "-cp", System.getProperty("java.class.path"), "org.redflag.console.launcher.Launcher"));
            command.addAll(args);
            command.addAll(List.of("--startup-report", "--heap-tour", report.toString()));
            Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!waitFor(child) || !Files.exists(report)) {
                child.destroyForcibly();
                out.printf("  %s: not measured, the window did not finish its tour in %d minutes (its log in the data "
                        + "folder says why)%n", name, RUN_MINUTES);
                return Optional.empty();
            }
            Properties figures = new Properties();
            try (var reader = Files.newBufferedReader(report)) {
                figures.load(reader);
            }
            String phases = Files.readAllLines(output, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.startsWith(STARTUP_LINE)).findFirst()
                    .map(line -> line.substring(STARTUP_LINE.length())).orElse("");
            long firstRows = lastPhaseMs(phases);
            long heap = Long.parseLong(figures.getProperty("heap_used_bytes"));
            Map<String, Object> rows = new LinkedHashMap<>();
            figures.stringPropertyNames().stream().filter(k -> k.startsWith("rows.")).sorted()
                    .forEach(k -> rows.put(k.substring(5), Long.parseLong(figures.getProperty(k))));
            out.printf("  %s: first rows after %,d ms (goal ≤ %,d: %s); heap after ten pages of every view %s "
                            + "(goal ≤ %s: %s); rows on screen %s%n    phases: %s%n", name, firstRows, goalMs,
                    firstRows <= goalMs ? "met" : "MISSED", Figures.megabytes(heap), Figures.megabytes(GOAL_BYTES),
                    heap <= GOAL_BYTES ? "met" : "MISSED", rows, phases);
            out.flush();
            return Optional.of(new Start(name, firstRows, goalMs, phases, heap, rows));
        } finally {
            Files.deleteIfExists(report);
            Files.deleteIfExists(output);
        }
    }

    /** "options read 310 ms · … · first agents shown 2480 ms" → 2480. */
    static long lastPhaseMs(String phases) {
        java.util.regex.Matcher last = java.util.regex.Pattern.compile("(\\d+) ms$").matcher(phases.strip());
        return last.find() ? Long.parseLong(last.group(1)) : -1;
    }

    private static boolean waitFor(Process child) {
        try {
            return child.waitFor(RUN_MINUTES, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
