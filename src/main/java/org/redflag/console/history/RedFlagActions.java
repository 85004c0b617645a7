package org.redflag.console.history;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redflag.console.schema.Capabilities;
import org.redflag.console.schema.Feature;

/**
 * Which subsystem a history row belongs to when the row does not say: RedFlag before 022 has no
 * update_logs.subsystem, and 022 back-filled the column from the action, for scan actions only. The console
 * reads rows without a subsystem the same way, so both generations filter and show alike.
 */
public final class RedFlagActions {

    /** 022's back-fill: action → subsystem. Other scan actions (scan_windows) stay without one. */
    private static final Map<String, String> SUBSYSTEM_OF_ACTION = Map.of(
            "scan_docker", "docker",
            "scan_storage", "storage",
            "scan_system", "system",
            "scan_apt", "apt",
            "scan_dnf", "dnf",
            "scan_winget", "winget",
            "scan_updates", "updates");

    private RedFlagActions() {
    }

    public static Optional<String> subsystemOf(String action) {
        return Optional.ofNullable(SUBSYSTEM_OF_ACTION.get(action));
    }

    /** The actions whose rows belong to {@code subsystem} by the back-fill's rule (at most one). */
    public static List<String> actionsOf(String subsystem) {
        return SUBSYSTEM_OF_ACTION.entrySet().stream()
                .filter(e -> e.getValue().equals(subsystem))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /**
     * SQL for the subsystem of the update_logs row {@code l}, as the History shows and filters it. The console's
     * rows always say their subsystem; RedFlag's say it from 022 on, and older rows (or a database without 022)
     * get it from the action, as 022's back-fill would have given it.
     */
    public static String subsystemOfRowSql(Capabilities capabilities) {
        if (capabilities.isConsole()) {
            return "l.subsystem";
        }
        String derived = "coalesce(" + derivedSubsystemSql("l.action") + ", " + CONSOLE_AREA + ")";
        return capabilities.has(Feature.LOG_SUBSYSTEM) ? "coalesce(l.subsystem, " + derived + ")" : derived;
    }

    /**
     * A console error on RedFlag keeps its console area ("agents", "history"…) in its stdout document, since
     * 022's check does not admit it in the subsystem column; the History shows and filters it all the same.
     */
    private static final String CONSOLE_AREA =
            "CASE WHEN l.action = 'console_error' THEN substring(l.stdout FROM '\"area\": \"([^\"]*)\"') END";

    /** SQL that gives a row's subsystem from its action, as 022's back-fill would have. */
    static String derivedSubsystemSql(String actionColumn) {
        StringBuilder sql = new StringBuilder("CASE ").append(actionColumn);
        SUBSYSTEM_OF_ACTION.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sql.append(" WHEN '").append(e.getKey()).append("' THEN '").append(e.getValue()).append('\''));
        return sql.append(" END").toString();
    }
}
