package org.redflag.console.fleet;

import java.time.Instant;
import java.util.UUID;

/** One row of the Agents view: an agent and the facts an administrator scans the list for. */
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
        boolean demo) {

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
