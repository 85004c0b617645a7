package org.redflag.console.server;

/**
 * The RedFlag server answered and said no (HTTP 4xx): the subsystem is disabled or unknown, the agent id is
 * wrong, or the console's token or login was not accepted. Trying again unchanged will not help.
 */
public final class ServerRefused extends ServerProblem {

    private static final long serialVersionUID = 1L;

    public ServerRefused(String sentence, int httpStatus, String serverError) {
        super(sentence, httpStatus, serverError, null);
    }
}
