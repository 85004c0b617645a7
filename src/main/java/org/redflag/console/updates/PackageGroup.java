package org.redflag.console.updates;

/**
 * A package pending on agents across the fleet, at one severity.
 *
 * @param agents         how many agents have it pending (one row per agent and package in both schemas)
 * @param versions       how many different versions those agents are offered
 * @param highestVersion the highest of them by text (a hint, not a version comparison)
 */
public record PackageGroup(String packageType, String name, String severity, long agents, long versions,
        String highestVersion) {

    public PackageKey key() {
        return new PackageKey(packageType, name, severity);
    }

    /** "1.2.3", or "3 versions, up to 1.2.9" when agents are offered different ones. */
    public String versionsText() {
        return versions <= 1 ? highestVersion : versions + " versions, up to " + highestVersion;
    }
}
