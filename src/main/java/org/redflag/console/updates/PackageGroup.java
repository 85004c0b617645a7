package org.redflag.console.updates;

/**
 * A package pending on agents across the fleet, at one severity.
 *
 * @param agents         how many agents have it pending (one row per agent and package in both schemas)
 * @param lowestVersion  the lowest version those agents are offered, by text (a hint, not a version comparison)
 * @param highestVersion the highest of them, by text
 */
public record PackageGroup(String packageType, String name, String severity, long agents, String lowestVersion,
        String highestVersion) {

    public PackageKey key() {
        return new PackageKey(packageType, name, severity);
    }

    /** "1.2.3", or "1.2.1 – 1.2.9" when agents are offered different versions. */
    public String versionsText() {
        return java.util.Objects.equals(lowestVersion, highestVersion) ? highestVersion
                : lowestVersion + " – " + highestVersion;
    }
}
