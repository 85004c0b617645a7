package org.redflag.console.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import org.redflag.console.launcher.Launcher;

/** Runs the real command tree in-process with a given environment and captures what it prints. */
public record CliRun(int exitCode, String out, String err) {

    /** The command against a test database, as a user would point it there with --db-url and --db-user. */
    public static CliRun against(TestDatabase db, String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 4);
        all[args.length] = "--db-url";
        all[args.length + 1] = db.url();
        all[args.length + 2] = "--db-user";
        all[args.length + 3] = TestPostgres.SUPERUSER;
        return of(Map.of(), all);
    }

    public static CliRun of(Map<String, String> env, String... args) {
        return withInput(env, "", args);
    }

    /** With this text on the command's stdin, as a script would pipe it in. */
    public static CliRun withInput(Map<String, String> env, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Launcher.commandLine(env, Clock.systemUTC(), new PrintWriter(out, true), new PrintWriter(err, true),
                new java.io.ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
