package org.redflag.console.scan;

import java.util.UUID;

/**
 * Queues a scan through RedFlag's server instead of the table: where the server signs commands, agents
 * reject a row the console wrote itself, so the server must write it.
 */
public interface ScanRoute {

    /**
     * Asks the server to queue the scan.
     *
     * @return the id of the command the server stored
     * @throws ScanRefused     the server answered no (disabled or unknown subsystem, login refused), with its reason
     * @throws Unavailable     the server could not be asked, or failed
     */
    UUID trigger(UUID agentId, Subsystem subsystem) throws ScanRefused;

    /** Where the server is, for messages: "https://redflag.example:8080". */
    String describe();

    /** The server could not be reached or failed; the message says what to check. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
