package org.redflag.console.scan;

/** An update an agent reported as available (update_packages). */
public record PendingPackage(
        String packageType,
        String name,
        String currentVersion,
        String availableVersion,
        String severity) {
}
