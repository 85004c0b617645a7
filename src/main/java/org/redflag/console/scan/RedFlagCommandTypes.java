package org.redflag.console.scan;

import java.util.Locale;
import java.util.Optional;

/**
 * The command type RedFlag's server would queue for a scan. Its first generation knows one scan,
 * scan_updates. The later trigger route maps updates to the platform's own scan by the agent's os_type, the
 * way the server does (RedFlag's os_type is only windows, linux or macos, so in practice scan_windows or
 * scan_apt), and any other subsystem to scan_&lt;subsystem&gt;.
 */
public final class RedFlagCommandTypes {

    private RedFlagCommandTypes() {
    }

    /** Empty when that generation cannot scan the subsystem at all. */
    public static Optional<String> scanType(Subsystem subsystem, String osType, boolean firstGeneration) {
        if (firstGeneration) {
            return subsystem == Subsystem.UPDATES ? Optional.of("scan_updates") : Optional.empty();
        }
        if (subsystem != Subsystem.UPDATES) {
            return Optional.of(subsystem.commandType());
        }
        String os = osType == null ? "" : osType.toLowerCase(Locale.ROOT);
        if (os.contains("windows")) {
            return Optional.of("scan_windows");
        }
        if (os.contains("fedora") || os.contains("rhel") || os.contains("centos")) {
            return Optional.of("scan_dnf");
        }
        return Optional.of("scan_apt");
    }
}
