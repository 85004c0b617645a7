package org.redflag.console.history;

/**
 * The outputs of one history row, possibly cut to a prefix so that a 10 MB output does not travel (or
 * render) unless the user asks for all of it.
 *
 * @param stdoutLength the full length in characters, also when {@code stdout} is only a prefix
 */
public record HistoryOutput(String stdout, long stdoutLength, String stderr, long stderrLength) {

    public boolean stdoutComplete() {
        return stdout == null || stdout.length() >= stdoutLength;
    }

    public boolean stderrComplete() {
        return stderr == null || stderr.length() >= stderrLength;
    }
}
