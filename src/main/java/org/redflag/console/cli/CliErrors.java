package org.redflag.console.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/** How a headless command says it could not run: one paragraph on stderr, exit code 2, no stack trace. */
public final class CliErrors {

    private CliErrors() {
    }

    public static int print(CommandSpec spec, String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("redflag-console: " + message);
        err.flush();
        return ExitCodes.CANNOT_RUN;
    }
}
