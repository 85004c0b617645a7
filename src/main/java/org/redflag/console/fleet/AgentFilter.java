package org.redflag.console.fleet;

/**
 * Which agents a list shows: the hostname search and the view's filters, each null where it is left open.
 *
 * @param search         part of the hostname, any case ("" for all)
 * @param presence       online, offline or stale, judged against the clock the query is given
 * @param osType         the agent's os_type, exactly ("linux")
 * @param agentVersion   the version the list shows, exactly
 * @param rebootRequired whether the agent asks for a reboot
 */
public record AgentFilter(String search, PresenceFilter presence, String osType, String agentVersion,
        Boolean rebootRequired) {

    public AgentFilter {
        search = search == null ? "" : search;
        osType = osType == null || osType.isBlank() ? null : osType;
        agentVersion = agentVersion == null || agentVersion.isBlank() ? null : agentVersion;
    }

    public static AgentFilter all() {
        return new AgentFilter("", null, null, null, null);
    }

    /** Agents whose hostname contains {@code search}, with no other filter. */
    public static AgentFilter search(String search) {
        return new AgentFilter(search, null, null, null, null);
    }

    /** Whether a filter besides the hostname search narrows the list (what "Scan all matching" cannot follow). */
    public boolean narrowsBeyondSearch() {
        return presence != null || osType != null || agentVersion != null || rebootRequired != null;
    }
}
