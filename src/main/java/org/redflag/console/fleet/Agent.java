package org.redflag.console.fleet;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One row of the Agents view: an agent and the facts an administrator scans the list for.
 *
 * @param enabledSubsystems the subsystems the agent will scan (agent_subsystems' enabled rows), so a scan it
 *                          would refuse is not offered; in the database's words ("docker")
 */
public record Agent(
        UUID id,
        String hostname,
        String osType,
        String osVersion,
        String osArchitecture,
        String agentVersion,
        Instant lastSeen,
        Instant lastScan,
        boolean rebootRequired,
        boolean demo,
        List<String> enabledSubsystems) {

    public Agent {
        enabledSubsystems = enabledSubsystems == null ? List.of() : List.copyOf(enabledSubsystems);
    }

    /** Whether the agent scans the subsystem of this name ("docker"), i.e. the scan would not be refused. */
    public boolean scans(String subsystem) {
        return enabledSubsystems.contains(subsystem);
    }

    /** "linux · Ubuntu 22.04 (amd64)" style label. */
    public String osLabel() {
        StringBuilder label = new StringBuilder(osType);
        if (osVersion != null && !osVersion.isBlank()) {
            label.append(" · ").append(osVersion);
        }
        if (osArchitecture != null && !osArchitecture.isBlank()) {
            label.append(" (").append(osArchitecture).append(')');
        }
        return label.toString();
    }
}
