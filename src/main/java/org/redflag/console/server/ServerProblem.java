package org.redflag.console.server;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Why the RedFlag server did not queue a scan, as one sentence a user can act on: what happened and what to
 * do. The message names the server by its URL and never carries a token or password.
 */
public abstract sealed class ServerProblem extends Exception permits ServerRefused, ServerUnavailable {

    private final Integer httpStatus;
    private final String serverError;

    ServerProblem(String sentence, Integer httpStatus, String serverError, Throwable cause) {
        super(sentence, cause);
        this.httpStatus = httpStatus;
        this.serverError = serverError;
    }

    /** The HTTP status the server answered, or empty when it never answered. */
    public OptionalInt httpStatus() {
        return httpStatus == null ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }

    /** The server's own {@code error} text from its JSON answer, when it gave one. */
    public Optional<String> serverError() {
        return Optional.ofNullable(serverError);
    }
}
