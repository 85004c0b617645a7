package org.redflag.console.cli;

/** The exit codes every headless command uses, so scripts can rely on them. */
public final class ExitCodes {
    /** Done, and nothing to report. */
    public static final int OK = 0;
    /** Done, and there are findings (failed or pending migrations, audit findings). */
    public static final int FINDINGS = 1;
    /** Could not do it: bad input, or the database could not be opened. */
    public static final int CANNOT_RUN = 2;

    private ExitCodes() {
    }
}
