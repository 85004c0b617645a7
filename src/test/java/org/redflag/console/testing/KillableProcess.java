package org.redflag.console.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real JVM running a main class of this build (the test classpath: the console's classes, the tests' small
 * mains and every dependency), so a test can kill it with SIGKILL at a point it chose and see what the next
 * start finds. {@link Process#destroyForcibly} is SIGKILL on Linux and macOS: no shutdown hook, no finally, no
 * flush runs in the killed process.
 *
 * <p>A child tells the test how far it got with lines that begin with {@value #SAYS}; everything else it
 * prints (its log) is kept for the failure message only.
 */
public final class KillableProcess implements AutoCloseable {

    /** The prefix of the lines a child main prints for the test. */
    public static final String SAYS = "CHILD: ";

    private final Process process;
    private final List<String> said = new CopyOnWriteArrayList<>();
    private final List<String> output = new CopyOnWriteArrayList<>();

    private KillableProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readOutput, "child-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code mainClass} in a new JVM with the test's classpath. */
    public static KillableProcess start(Class<?> mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        try {
            return new KillableProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + mainClass.getName(), e);
        }
    }

    /** Waits until the child has said a line that matches (woken by each line it says), and returns it. */
    public String awaitSaid(Predicate<String> line, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (said) {
            while (true) {
                for (String s : said) {
                    if (line.test(s)) {
                        return s;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !reading) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(said, left);
            }
        }
        throw new AssertionError("the child never said the line awaited; it said " + said + "; its output:\n"
                + String.join("\n", output));
    }

    /** SIGKILL, then waits until the process is gone. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the child did not die within 30 s of SIGKILL");
        }
    }

    /** The exit code after a kill: 137 (128 + 9) says it died of SIGKILL. */
    public int exitCode() {
        return process.exitValue();
    }

    /** What the child said, in order, without the prefix. */
    public List<String> said() {
        return List.copyOf(said);
    }

    public String output() {
        return String.join("\n", output);
    }

    private volatile boolean reading = true;

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(SAYS)) {
                    synchronized (said) {
                        said.add(line.substring(SAYS.length()));
                        said.notifyAll();
                    }
                } else {
                    output.add(line);
                }
            }
        } catch (IOException e) {
            output.add("(reading the child's output failed: " + e + ")");
        } finally {
            synchronized (said) {
                reading = false;
                said.notifyAll();
            }
        }
    }

    /** Says a line to the test (flushed at once, so the test sees it before a kill). */
    public static void say(String line) {
        System.out.println(SAYS + line);
        System.out.flush();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }
}
