package org.redflag.console.updates;

import java.util.UUID;

/** An agent that has a package pending: the drill-down of a {@link PackageGroup}. */
public record AffectedAgent(UUID agentId, String hostname, String osType, String currentVersion,
        String availableVersion) {
}
