package org.redflag.console.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import org.redflag.console.app.Launcher;

/** Runs the real command tree in-process with a given environment and captures what it prints. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Launcher.commandLine(env, Clock.systemUTC(), new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
