package org.redflag.console.scan;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The parts of a machine an agent can scan; each writes its results into its own table. */
public enum Subsystem {
    UPDATES("updates"),
    STORAGE("storage"),
    SYSTEM("system"),
    DOCKER("docker");

    private static final String SCAN_PREFIX = "scan_";

    private final String id;

    Subsystem(String id) {
        this.id = id;
    }

    /** The name the database uses (agent_subsystems.subsystem, update_logs.subsystem). */
    public String id() {
        return id;
    }

    /** The command type of a scan of this subsystem, which is also the history action: "scan_storage". */
    public String commandType() {
        return SCAN_PREFIX + id;
    }

    public static Optional<Subsystem> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.id.equals(wanted)).findFirst();
    }

    /**
     * The subsystem a scan command scans. RedFlag's later server runs an updates scan as the platform's own
     * (scan_apt, scan_dnf, scan_windows, scan_winget) and its first generation as scan_updates.
     */
    public static Optional<Subsystem> fromCommandType(String commandType) {
        if (commandType == null || !commandType.startsWith(SCAN_PREFIX)) {
            return Optional.empty();
        }
        String scanned = commandType.substring(SCAN_PREFIX.length());
        return PLATFORM_UPDATE_SCANS.contains(scanned) ? Optional.of(UPDATES) : fromId(scanned);
    }

    private static final java.util.Set<String> PLATFORM_UPDATE_SCANS = java.util.Set.of("apt", "dnf", "windows", "winget");

    /** A subsystem named by a person or a script; anything unknown is refused with the names that exist. */
    public static Subsystem parse(String id) throws ScanRefused {
        return fromId(id).orElseThrow(() -> new ScanRefused("There is no subsystem called \"" + id
                + "\". Agents scan updates, storage, system and docker; pick one of those."));
    }

    @Override
    public String toString() {
        return id;
    }
}
