package org.redflag.console.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.redflag.console.app.ConsoleSettings;
import org.redflag.console.db.DatabaseTarget;

/**
 * {@code bench --window-heap}: the heap of the real window after browsing ten pages of each view on the fleet the
 * benchmark made. The window runs in a JVM of its own (the console's own launcher with {@code --heap-tour}), so
 * what is measured is the window, not the generator's leftovers; it needs a display, as the window does.
 */
final class WindowHeap {

    /** The bound for the window after ten pages of each view at 100,000 agents. */
    static final long GOAL_BYTES = 256L * 1024 * 1024;
    private static final long TOUR_MINUTES = 10;

    private WindowHeap() {
    }

    static void measure(ConsoleSettings settings, Map<String, String> env, PrintWriter out, Map<String, Object> json) {
        try {
            tour(settings, env, out, json);
        } catch (IOException | RuntimeException e) {
            out.println("  not measured: " + e.getMessage() + ".");
            json.put("window_heap", Map.of("measured", false, "reason", String.valueOf(e.getMessage())));
            out.flush();
        }
    }

    private static void tour(ConsoleSettings settings, Map<String, String> env, PrintWriter out,
            Map<String, Object> json) throws IOException {
        out.println();
        out.println("Window heap (the console's own window in a JVM of its own, browsing every view)");
        out.flush();
        boolean headless = env.get("DISPLAY") == null && env.get("WAYLAND_DISPLAY") == null
                && System.getProperty("os.name", "").toLowerCase().contains("linux");
        if (headless) {
            out.println("  not measured: there is no display (run bench under xvfb-run, or on a desktop).");
            json.put("window_heap", Map.of("measured", false, "reason", "no display"));
            return;
        }
        Path report = Files.createTempFile("redflag-heap-tour", ".properties");
        Files.delete(report);
        try {
            Process child = new ProcessBuilder(command(settings, report)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            boolean ended = waitFor(child);
            if (!ended || !Files.exists(report)) {
                child.destroyForcibly();
                out.println("  not measured: the window did not finish its tour in " + TOUR_MINUTES
                        + " minutes (its log in the data folder says why).");
                json.put("window_heap", Map.of("measured", false, "reason", "tour did not finish"));
                return;
            }
            Properties figures = new Properties();
            try (var reader = Files.newBufferedReader(report)) {
                figures.load(reader);
            }
            long used = Long.parseLong(figures.getProperty("heap_used_bytes"));
            Map<String, Object> rows = new LinkedHashMap<>();
            figures.stringPropertyNames().stream().filter(k -> k.startsWith("rows.")).sorted()
                    .forEach(k -> rows.put(k.substring(5), Long.parseLong(figures.getProperty(k))));
            out.printf("  heap used after collection: %s (goal ≤ %s: %s); rows on screen per view: %s%n",
                    Figures.megabytes(used), Figures.megabytes(GOAL_BYTES), used <= GOAL_BYTES ? "met" : "MISSED",
                    rows);
            Map<String, Object> figuresJson = new LinkedHashMap<>();
            figuresJson.put("measured", true);
            figuresJson.put("heap_used_bytes", used);
            figuresJson.put("goal_bytes", GOAL_BYTES);
            figuresJson.put("rows_per_view", rows);
            json.put("window_heap", figuresJson);
        } finally {
            Files.deleteIfExists(report);
            out.flush();
        }
    }

    private static boolean waitFor(Process child) {
        try {
            return child.waitFor(TOUR_MINUTES, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The same JVM binary and class path as this one, the launcher's main class, on the benchmark's database. */
    private static List<String> command(ConsoleSettings settings, Path report) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.redflag.console.launcher.Launcher");
        if (settings.target() instanceof DatabaseTarget.Server server) {
            command.add("--db-url");
            command.add(server.jdbcUrl());
            command.add("--db-user");
            command.add(server.user());
        }
        command.add("--data-dir");
        command.add(settings.dataDirectory().toString());
        command.add("--no-demo");
        command.add("--no-simulate-fleet");
        command.add("--heap-tour");
        command.add(report.toString());
        return command;
    }
}
