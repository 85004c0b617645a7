package org.redflag.console.db;

/**
 * The console could not open its database. The message is one paragraph for a person: what happened
 * and what to do next. The kind lets the GUI react (ask for a password) and the CLI pick its exit code.
 */
public final class ConnectionProblem extends Exception {

    /** What went wrong, in terms a user can act on. */
    public enum Kind {
        BAD_URL,
        UNREACHABLE,
        UNKNOWN_HOST,
        PASSWORD_REQUIRED,
        AUTHENTICATION_FAILED,
        NO_SUCH_DATABASE,
        /** The TLS settings, or the server's certificate or its lack of TLS, stopped the connection. */
        TLS,
        DATA_DIR_NOT_WRITABLE,
        DATA_DIR_IN_USE,
        PORT_IN_USE,
        BAD_OPTION,
        EMBEDDED_START_FAILED,
        SCHEMA_MIGRATION_FAILED,
        OTHER
    }

    private final Kind kind;

    public ConnectionProblem(Kind kind, String message) {
        this(kind, message, null);
    }

    public ConnectionProblem(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** True when asking the user for a (different) password could help. */
    public boolean passwordMightHelp() {
        return kind == Kind.PASSWORD_REQUIRED || kind == Kind.AUTHENTICATION_FAILED;
    }
}
