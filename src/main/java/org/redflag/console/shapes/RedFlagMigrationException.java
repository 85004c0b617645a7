package org.redflag.console.shapes;

/** A migration file stopped the runner; says which file, and what the run did up to that point. */
public final class RedFlagMigrationException extends RuntimeException {

    private final String file;
    private final transient RunResult result;

    RedFlagMigrationException(String file, RunResult result, Throwable cause) {
        super("migration " + file + " failed: " + cause.getMessage(), cause);
        this.file = file;
        this.result = result;
    }

    /** The file name that failed, e.g. 023a_command_deduplication.up.sql. */
    public String file() {
        return file;
    }

    /** What ran before the failure; {@code failed()} holds {@link #file()}. */
    public RunResult result() {
        return result;
    }
}
