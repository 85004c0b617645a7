package org.redflag.console.server;

/**
 * The RedFlag server could not be reached or failed (connection refused, timeout, unknown host, TLS failure,
 * HTTP 5xx, an answer that is not the server's). Trying again later may help.
 */
public final class ServerUnavailable extends ServerProblem {

    private static final long serialVersionUID = 1L;

    /** The server answered with this status (5xx, or an unusable answer). */
    public ServerUnavailable(String sentence, int httpStatus, String serverError) {
        super(sentence, httpStatus, serverError, null);
    }

    /** The server never answered. */
    public ServerUnavailable(String sentence, Throwable cause) {
        super(sentence, null, null, cause);
    }
}
