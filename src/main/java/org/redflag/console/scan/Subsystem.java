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

    public static Optional<Subsystem> fromCommandType(String commandType) {
        return commandType != null && commandType.startsWith(SCAN_PREFIX)
                ? fromId(commandType.substring(SCAN_PREFIX.length()))
                : Optional.empty();
    }

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
