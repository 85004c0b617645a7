package org.redflag.console.scan;

import java.time.Instant;

/**
 * A container image an agent reported, newest report per image.
 *
 * @param availableVersion the newer tag or digest on offer, or null when it is up to date
 */
public record DockerImage(String image, String currentVersion, String availableVersion, String severity,
        Instant seenAt) {

    public boolean updateAvailable() {
        return availableVersion != null && !availableVersion.isBlank() && !availableVersion.equals(currentVersion);
    }
}
