package org.redflag.console.fleet;

/**
 * The columns the Agents list can be ordered by, in the database: each order is paged by keyset over (its key,
 * id) and has an index on the console's schema (V1 for hostname, V11–V13 for the others).
 */
public enum AgentSort {
    /** Case-insensitive hostname: the list's order when none is chosen. */
    HOSTNAME,
    OS,
    VERSION,
    /** An agent never seen counts as seen longest ago: first ascending, last descending. */
    LAST_SEEN;

    /** The value of this order's key in {@code agent}: what the next page starts after. */
    Object keyOf(Agent agent) {
        return switch (this) {
            case HOSTNAME -> agent.hostname();
            case OS -> agent.osType();
            case VERSION -> agent.agentVersion();
            case LAST_SEEN -> agent.lastSeen();
        };
    }
}
